import type { TerritoryAdminStore } from '#domain/energy/stores';
import type { Territory } from '#domain/energy/territory';
import type { DomainEvent } from '#domain/events';
import type { Page, PageRequest } from '#domain/ports';
import { commitChange } from '#table/core/commit-change';
import { queryPage } from '#table/core/query-page';
import type { Table } from '#table/core/table';
import { territoryEntity } from './entities';

export class DynamoTerritoryStore implements TerritoryAdminStore {
  constructor(private readonly table: Table) {}

  get(tenantId: string, code: string): Promise<Territory | undefined> {
    return territoryEntity.get(this.table, { tenantId, code }, 'eventual');
  }

  /** Creates (no expected version) or replaces the territory at that version. */
  async put(
    tenantId: string,
    territory: Territory,
    event: DomainEvent,
    expectedVersion?: number,
  ): Promise<void> {
    await commitChange(this.table, {
      resource: 'territory',
      id: territory.code,
      item: territoryEntity.item(territory, {
        key: { tenantId, code: territory.code },
        gsi2: { tenantId, code: territory.code },
      }),
      expectedVersion,
      event,
    });
  }

  list(tenantId: string, page: PageRequest): Promise<Page<Territory>> {
    return queryPage<Territory>(this.table, territoryEntity.patterns.all.query({ tenantId }), page);
  }
}
