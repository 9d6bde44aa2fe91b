import type { AccountCollection, ContractSources } from '#domain/contracts/contract-sources';
import type { SupplyPoint } from '#domain/energy/supply-point';
import type { Deal } from '#domain/sales/deals/deal';
import { contactFromItem } from '#table/accounts/contact-store';
import { accountEntity, contactEntity } from '#table/accounts/entities';
import { stripLayout } from '#table/core/item-mapping';
import { queryAll } from '#table/core/query-all';
import type { Table } from '#table/core/table';
import { supplyPointEntity } from '#table/energy/entities';
import { dealEntity } from '#table/sales/entities';

export class DynamoContractSources implements ContractSources {
  constructor(private readonly table: Table) {}

  async account(tenantId: string, accountId: string): Promise<AccountCollection> {
    const items = await queryAll(
      this.table,
      accountEntity.patterns.collection.query({ tenantId, accountId }),
    );
    const account = items.find((i) => i.entity === accountEntity.stored);
    return {
      account: account ? stripLayout(account) : undefined,
      contacts: items.filter((i) => i.entity === contactEntity.stored).map(contactFromItem),
      supplyPoints: items
        .filter((i) => i.entity === supplyPointEntity.stored)
        .map((i) => stripLayout<SupplyPoint>(i)),
    };
  }

  deal(tenantId: string, dealId: string): Promise<Deal | undefined> {
    return dealEntity.get(this.table, { tenantId, dealId });
  }
}
