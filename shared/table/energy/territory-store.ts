import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { TerritoryAdminStore } from '#domain/energy/stores';
import type { Territory } from '#domain/energy/territory';
import type { DomainEvent } from '#domain/events';
import type { Page, PageRequest } from '#domain/ports';
import { commitChange } from '#table/core/commit-change';
import { stripLayout } from '#table/core/item-mapping';
import { keys } from '#table/core/keys';
import { queryPage } from '#table/core/query-page';
import type { Table } from '#table/core/table';

export class DynamoTerritoryStore implements TerritoryAdminStore {
  constructor(private readonly table: Table) {}

  async get(tenantId: string, code: string): Promise<Territory | undefined> {
    const { Item } = await this.table.client.send(
      new GetCommand({ TableName: this.table.name, Key: keys.territory(tenantId, code) }),
    );
    return Item ? stripLayout<Territory>(Item) : undefined;
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
      item: {
        ...keys.territory(tenantId, territory.code),
        entity: 'Territory',
        gsi2pk: keys.territoryList(tenantId),
        gsi2sk: territory.code,
        ...territory,
      },
      expectedVersion,
      event,
    });
  }

  list(tenantId: string, page: PageRequest): Promise<Page<Territory>> {
    return queryPage<Territory>(this.table, { index: 'gsi2', partition: keys.territoryList(tenantId) }, page);
  }
}
