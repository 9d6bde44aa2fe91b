import type { DomainEvent } from '#domain/events';
import type { EntitlementStore } from '#domain/service/case-store';
import type { Entitlement } from '#domain/service/entitlement';
import { commitChange } from '#table/core/commit-change';
import { stripLayout } from '#table/core/item-mapping';
import { queryAll } from '#table/core/query-all';
import type { Table } from '#table/core/table';
import { entitlementEntity } from './entities';

const itemOf = (e: Entitlement) =>
  entitlementEntity.item(e, { key: { tenantId: e.tenantId, accountId: e.accountId, entitlementId: e.id } });

export class DynamoEntitlementStore implements EntitlementStore {
  constructor(private readonly table: Table) {}

  async ofAccount(tenantId: string, accountId: string): Promise<Entitlement[]> {
    const items = await queryAll(
      this.table,
      entitlementEntity.patterns.ofAccount.query({ tenantId, accountId }),
    );
    return items.map((i) => stripLayout<Entitlement>(i));
  }

  get(tenantId: string, accountId: string, entitlementId: string) {
    return entitlementEntity.get(this.table, { tenantId, accountId, entitlementId });
  }

  async add(entitlement: Entitlement, event: DomainEvent): Promise<void> {
    await commitChange(this.table, {
      resource: 'entitlement',
      id: entitlement.id,
      item: itemOf(entitlement),
      event,
    });
  }

  async remove(previous: Entitlement, removed: Entitlement, event: DomainEvent): Promise<void> {
    await commitChange(this.table, {
      resource: 'entitlement',
      id: removed.id,
      item: itemOf(removed),
      expectedVersion: previous.version,
      event,
    });
  }
}
