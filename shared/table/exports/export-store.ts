import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  PutCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { VersionMismatchError } from '#domain/errors';
import type { DomainEvent } from '#domain/events';
import type { ContractExport, ExportJob } from '#domain/exports/export-job';
import type { ExportSpec } from '#domain/exports/export-spec';
import type { ExportJobStore, ExportSpecStore } from '#domain/exports/export-stores';
import type { Page, PageRequest } from '#domain/ports';
import { stripLayout } from '#table/core/item-mapping';
import { outboxPut } from '#table/core/outbox';
import { queryAll } from '#table/core/query-all';
import { queryPage } from '#table/core/query-page';
import type { Table } from '#table/core/table';
import { putNew, putVersioned, transactWrite } from '#table/core/transact';
import { contractExportEntity, exportJobEntity, exportSpecEntity } from './entities';

const jobItem = (job: ExportJob) => {
  const at = { tenantId: job.tenantId, exportId: job.id };
  return exportJobEntity.item(job, { key: at, gsi2: at });
};

const lostRace = (resource: string, id: string) => (codes: readonly string[]) =>
  codes.some((c) => c === 'ConditionalCheckFailed' || c === 'TransactionConflict')
    ? new VersionMismatchError(resource, id)
    : undefined;

export class DynamoExportSpecStore implements ExportSpecStore {
  constructor(private readonly table: Table) {}

  get(tenantId: string, specId: string): Promise<ExportSpec | undefined> {
    return exportSpecEntity.get(this.table, { tenantId, specId });
  }

  async list(tenantId: string): Promise<ExportSpec[]> {
    const items = await queryAll(this.table, exportSpecEntity.patterns.all.query({ tenantId }));
    return items.map((item) => stripLayout<ExportSpec>(item));
  }

  async save(tenantId: string, spec: ExportSpec, expectedVersion?: number): Promise<void> {
    const item = exportSpecEntity.item(spec, { key: { tenantId, specId: spec.id } });
    const put =
      expectedVersion === undefined
        ? putNew(this.table, item)
        : putVersioned(this.table, item, expectedVersion);
    await transactWrite(this.table, [put], lostRace('data-sentence spec', spec.id));
  }
}

export class DynamoExportJobStore implements ExportJobStore {
  constructor(private readonly table: Table) {}

  get(tenantId: string, exportId: string): Promise<ExportJob | undefined> {
    return exportJobEntity.get(this.table, { tenantId, exportId });
  }

  list(tenantId: string, page: PageRequest): Promise<Page<ExportJob>> {
    return queryPage<ExportJob>(this.table, exportJobEntity.patterns.all.query({ tenantId }), page);
  }

  async create(job: ExportJob, event: DomainEvent): Promise<void> {
    await transactWrite(
      this.table,
      [putNew(this.table, jobItem(job)), outboxPut(this.table, event)],
      lostRace('data-sentence export', job.id),
    );
  }

  async update(previous: ExportJob, next: ExportJob, event?: DomainEvent): Promise<void> {
    await transactWrite(
      this.table,
      [
        putVersioned(this.table, jobItem(next), previous.version),
        ...(event ? [outboxPut(this.table, event)] : []),
      ],
      lostRace('data-sentence export', next.id),
    );
  }

  async progress(tenantId: string, exportId: string, done: number): Promise<void> {
    await this.table.client.send(
      new UpdateCommand({
        TableName: this.table.name,
        Key: exportJobEntity.key({ tenantId, exportId }),
        UpdateExpression: 'SET #progress.#done = :done',
        ExpressionAttributeNames: { '#progress': 'progress', '#done': 'done' },
        ExpressionAttributeValues: { ':done': done },
      }),
    );
  }

  async exportsOf(
    tenantId: string,
    contractIds: readonly string[],
    distributor: string,
  ): Promise<Map<string, string>> {
    const exported = new Map<string, string>();
    const unique = [...new Set(contractIds)];
    for (let start = 0; start < unique.length; start += 100) {
      let keys: Record<string, unknown>[] | undefined = unique
        .slice(start, start + 100)
        .map((contractId) => ({ ...contractExportEntity.key({ tenantId, contractId, distributor }) }));
      while (keys && keys.length > 0) {
        const result: BatchGetCommandOutput = await this.table.client.send(
          new BatchGetCommand({ RequestItems: { [this.table.name]: { Keys: keys, ConsistentRead: true } } }),
        );
        for (const item of result.Responses?.[this.table.name] ?? []) {
          exported.set(String(item.contractId), String(item.exportId));
        }
        keys = result.UnprocessedKeys?.[this.table.name]?.Keys;
      }
    }
    return exported;
  }

  async markExported(tenantId: string, marks: readonly ContractExport[]): Promise<void> {
    for (const mark of marks) {
      try {
        await this.table.client.send(
          new PutCommand({
            TableName: this.table.name,
            Item: contractExportEntity.item(mark, {
              key: { tenantId, contractId: mark.contractId, distributor: mark.distributor },
            }),
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
      } catch (error) {
        if (!(error instanceof Error && error.name === 'ConditionalCheckFailedException')) throw error;
      }
    }
  }

  async ofContract(tenantId: string, contractId: string): Promise<ContractExport[]> {
    const items = await queryAll(
      this.table,
      contractExportEntity.patterns.ofContract.query({ tenantId, contractId }),
    );
    return items.map((item) => stripLayout<ContractExport>(item));
  }
}
