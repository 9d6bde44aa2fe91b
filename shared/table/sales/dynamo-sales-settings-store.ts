import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError, VersionMismatchError } from '#domain/errors';
import type { DomainEvent } from '#domain/events';
import type { SalesSettings } from '#domain/sales/sales-settings';
import type { SalesSettingsStore } from '#domain/sales/sales-settings-store';
import { commitChange } from '#table/core/commit-change';
import { stripLayout } from '#table/core/item-mapping';
import type { Table } from '#table/core/table';
import { salesKeys } from './sales-keys';

/** The tenant's sales settings: one item, replaced whole, conditional on its version. */
export class DynamoSalesSettingsStore implements SalesSettingsStore {
  constructor(private readonly table: Table) {}

  async get(tenantId: string): Promise<SalesSettings | undefined> {
    const { Item } = await this.table.client.send(
      new GetCommand({
        TableName: this.table.name,
        Key: salesKeys.salesSettings(tenantId),
        ConsistentRead: true,
      }),
    );
    return Item ? stripLayout<SalesSettings>(Item) : undefined;
  }

  async replace(next: SalesSettings, expectedVersion: number, event: DomainEvent): Promise<void> {
    try {
      await commitChange(this.table, {
        resource: 'the sales settings',
        id: 'of this tenant',
        item: { ...salesKeys.salesSettings(next.tenantId), entity: 'SalesSettings', ...next },
        // The first write creates the item: it must not exist yet.
        expectedVersion: expectedVersion === 0 ? undefined : expectedVersion,
        event,
      });
    } catch (error) {
      // Someone else stored the first version meanwhile: the defaults this change was based on are stale.
      if (expectedVersion === 0 && error instanceof ConflictError) {
        throw new VersionMismatchError('the sales settings', 'of this tenant', { cause: error });
      }
      throw error;
    }
  }
}
