import type { Account } from '#domain/accounts/account';
import type { Contact } from '#domain/accounts/contact';
import type { SupplyPoint } from '#domain/energy/supply-point';
import type { Deal } from '#domain/sales/deals/deal';

/** An account's collection as a contract needs it: the account, its contacts and supply points. */
export interface AccountCollection {
  readonly account?: Account;
  readonly contacts: readonly Contact[];
  readonly supplyPoints: readonly SupplyPoint[];
}

/** What contracts are drafted from, read from the other modules' items. */
export interface ContractSources {
  /** One Query of the account's collection. */
  account(tenantId: string, accountId: string): Promise<AccountCollection>;
  deal(tenantId: string, dealId: string): Promise<Deal | undefined>;
}
