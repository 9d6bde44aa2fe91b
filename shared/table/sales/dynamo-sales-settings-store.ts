import { ConflictError, VersionMismatchError } from '#domain/errors';
import type { DomainEvent } from '#domain/events';
import type { SalesSettings } from '#domain/sales/sales-settings';
import type { SalesSettingsStore } from '#domain/sales/sales-settings-store';
import { commitChange } from '#table/core/commit-change';
import type { Table } from '#table/core/table';
import { salesSettingsEntity } from './entities';

/** The tenant's sales settings: one item, replaced whole, conditional on its version. */
export class DynamoSalesSettingsStore implements SalesSettingsStore {
  constructor(private readonly table: Table) {}

  get(tenantId: string): Promise<SalesSettings | undefined> {
    return salesSettingsEntity.get(this.table, { tenantId });
  }

  async replace(next: SalesSettings, expectedVersion: number, event: DomainEvent): Promise<void> {
    try {
      await commitChange(this.table, {
        resource: 'the sales settings',
        id: 'of this tenant',
        item: salesSettingsEntity.item(next, { key: { tenantId: next.tenantId } }),
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
