import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { PrintBatch } from '#domain/contracts/print-batch';
import type { PrintBatchStore } from '#domain/contracts/print-batch-store';
import type { Page, PageRequest } from '#domain/ports';
import { queryPage } from '#table/core/query-page';
import type { Table } from '#table/core/table';
import { printBatchEntity } from './entities';

export class DynamoPrintBatchStore implements PrintBatchStore {
  constructor(private readonly table: Table) {}

  get(tenantId: string, day: string): Promise<PrintBatch | undefined> {
    return printBatchEntity.get(this.table, { tenantId, day });
  }

  async put(batch: PrintBatch): Promise<void> {
    await this.table.client.send(
      new PutCommand({
        TableName: this.table.name,
        Item: printBatchEntity.item(batch, { key: { tenantId: batch.tenantId, day: batch.day } }),
      }),
    );
  }

  list(tenantId: string, page: PageRequest): Promise<Page<PrintBatch>> {
    return queryPage<PrintBatch>(this.table, printBatchEntity.patterns.ofTenant.query({ tenantId }), page);
  }
}
