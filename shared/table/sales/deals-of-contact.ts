import type { PageRequest } from '#domain/ports';
import type { Deal } from '#domain/sales/deals/deal';
import type { DealsOfContact } from '#domain/sales/stores';
import { accountEntity } from '#table/accounts/entities';
import { queryPage } from '#table/core/query-page';
import type { Table } from '#table/core/table';
import { dealEntity } from './entities';

/**
 * A contact's deals, from its account's collection filtered on the deal
 * items that name it: a deal names a contact of its account, and there is
 * no index by contact (ADR 0032). Apart from the deal store, so the
 * functions that serve deals do not carry it.
 */
export class DynamoDealsOfContact implements DealsOfContact {
  constructor(private readonly table: Table) {}

  inAccount(tenantId: string, accountId: string, contactId: string, page: PageRequest) {
    const collection = accountEntity.patterns.collection.query({ tenantId, accountId });
    return queryPage<Deal>(
      this.table,
      { ...collection, equals: { entity: dealEntity.stored, contactId } },
      page,
    );
  }
}
