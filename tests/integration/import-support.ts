import { S3Client } from '@aws-sdk/client-s3';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { parse } from 'csv-parse/sync';
import { inject } from 'vitest';
import { S3ObjectStore, s3ClientConfig } from '#adapters/storage/s3-object-store';
import { isEventOf } from '#domain/event-narrowing';
import { readDomainEvent } from '#domain/event-reading';
import { type ImportStepEvent, importStepEvents } from '#domain/import/import-events';
import type { ImportMode, ImportView } from '#domain/import/import-job';
import type { ImportMapping } from '#domain/import/import-mapping';
import type { Budget, RunnerLimits } from '#domain/import/import-runner';
import type { Actor } from '#domain/ports';
import type { ObjectStore } from '#domain/storage/object-store';
import { importServices } from '#runtime/import-services';
import { accountEntity, contactEntity } from '#table/accounts/entities';
import { outboxEventEntity } from '#table/core/entities';
import type { Table } from '#table/core/table';
import { DynamoTenantDirectory } from '#table/core/tenant-directory';
import { LOCAL_DYNAMODB_CREDENTIALS, LOCAL_DYNAMODB_REGION } from '../../lib/local/dynamodb-local';
import { LOCAL_ATTACHMENTS_BUCKET } from '../../lib/local/s3-local';
import { freshTable, swedishTenant } from '../support/local-table';
import { recordingIds } from '../support/recording-ids';

/** The object store on the run's local S3, as the functions use it. */
export function localObjectStore(): S3ObjectStore {
  return new S3ObjectStore({
    client: new S3Client({
      ...s3ClientConfig({ S3_FORCE_PATH_STYLE: 'true' }),
      endpoint: inject('s3Endpoint'),
      region: LOCAL_DYNAMODB_REGION,
      credentials: LOCAL_DYNAMODB_CREDENTIALS,
    }),
    bucket: LOCAL_ATTACHMENTS_BUCKET,
  });
}

export const plentyOfTime: Budget = { remainingMs: () => 15 * 60 * 1000 };

export interface ImportSetupOptions {
  readonly limits?: Partial<RunnerLimits>;
  /** Wraps the object store the services use, e.g. to make a write fail once. */
  readonly objects?: (store: ObjectStore) => ObjectStore;
  readonly table?: Table;
}

export type ImportSetup = Awaited<ReturnType<typeof importSetup>>;

/**
 * Import services over a fresh table (or the one given) and the local S3,
 * for one Swedish tenant, with the outbox read back as the stream would
 * relay it: `workerEvents()` answers the import worker's messages written
 * since it was last asked.
 */
export async function importSetup(options: ImportSetupOptions = {}) {
  const table = options.table ?? (await freshTable());
  const tenant = swedishTenant();
  await new DynamoTenantDirectory(table).save(tenant);
  const store = localObjectStore();
  const ids = recordingIds();
  const services = importServices(
    { table, objects: options.objects ? options.objects(store) : store },
    { ids, limits: options.limits },
  );
  const actor: Actor = { tenantId: tenant.id, userId: 'importer' };
  let seen = 0;

  /** The worker's messages queued since the last look, each read as the worker's queue delivers it. */
  const workerEvents = async (): Promise<ImportStepEvent[]> => {
    const fresh = ids.issued.slice(seen);
    seen = ids.issued.length;
    const events: ImportStepEvent[] = [];
    for (const id of fresh) {
      const { Item } = await table.client.send(
        new GetCommand({
          TableName: table.name,
          Key: outboxEventEntity.key({ tenantId: tenant.id, eventId: id }),
          ConsistentRead: true,
        }),
      );
      if (!Item) continue;
      const read = readDomainEvent(Item.event);
      if (!read.ok) throw new Error(read.reason);
      if (isEventOf(read.event, importStepEvents)) events.push(read.event);
    }
    return events;
  };

  /** Delivers every queued worker message, and those they queue, until none is left. */
  const drain = async (budget: Budget = plentyOfTime): Promise<ImportStepEvent[]> => {
    const delivered: ImportStepEvent[] = [];
    for (let events = await workerEvents(); events.length > 0; events = await workerEvents()) {
      for (const event of events) {
        delivered.push(event);
        await services.runner.handle(event, budget);
      }
    }
    return delivered;
  };

  /** Announces a file, uploads it by the pre-signed URL and sets the mapping. */
  const upload = async (
    csv: string | Buffer,
    mapping: ImportMapping,
    fileName = 'kunder.csv',
    idempotency?: Parameters<typeof services.imports.create>[2],
  ) => {
    const body = typeof csv === 'string' ? Buffer.from(csv, 'utf8') : csv;
    const created = await services.imports.create(
      actor,
      { kind: 'accounts-and-contacts', fileName, size: body.length },
      idempotency,
    );
    const put = await fetch(created.upload.url, {
      method: created.upload.method,
      headers: created.upload.headers,
      body,
    });
    if (put.status !== 200) throw new Error(`upload failed: ${put.status} ${await put.text()}`);
    const mapped = await services.imports.setMapping(
      actor,
      created.import.id,
      created.import.version,
      mapping,
    );
    return mapped.id;
  };

  /** Requests a dry run or run and works it off; answers the import as the client then sees it. */
  const runToEnd = async (importId: string, mode: ImportMode, budget?: Budget): Promise<ImportView> => {
    await services.imports.request(actor, importId, mode);
    await drain(budget);
    return services.imports.get(actor, importId);
  };

  const listed = async (partition: string) => {
    const { Items = [] } = await table.client.send(
      new QueryCommand({
        TableName: table.name,
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk',
        ExpressionAttributeValues: { ':pk': partition },
      }),
    );
    return Items;
  };

  return {
    table,
    tenant,
    actor,
    ids,
    services,
    objects: store,
    workerEvents,
    drain,
    upload,
    runToEnd,
    /** The tenant's live accounts and contacts, as the lists show them. */
    accounts: () => listed(accountEntity.patterns.byName.query({ tenantId: tenant.id }).partition),
    contacts: () => listed(contactEntity.patterns.byName.query({ tenantId: tenant.id }).partition),
  };
}

export interface ReportRow {
  readonly row: string;
  readonly outcome: string;
  readonly field: string;
  readonly message: string;
  readonly id: string;
}

/** Downloads a finished import's report by its URL and parses it. */
export async function downloadReport(view: ImportView): Promise<ReportRow[]> {
  if (!view.reportUrl) throw new Error(`import ${view.id} has no report (state ${view.state})`);
  const response = await fetch(view.reportUrl);
  if (response.status !== 200) throw new Error(`report download failed: ${response.status}`);
  return parse(await response.text(), { columns: true }) as ReportRow[];
}
