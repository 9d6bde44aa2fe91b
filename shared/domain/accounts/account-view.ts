import type { Contract } from '#domain/contracts/contract';
import { contractVisibleTo } from '#domain/contracts/contract-visibility';
import type { SupplyPoint } from '#domain/energy/supply-point';
import type { Deal, DealStageSnapshot } from '#domain/sales/deals/deal';
import { dealVisibleTo } from '#domain/sales/deals/deal-access';
import type { SalesActor } from '#domain/sales/sales-ports';
import type { Account } from './account';
import type { Contact } from './contact';
import type { OpenCaseSummary } from './records';

/** Everything in an account's collection that the view shows, as stored, for anyone's eyes. */
export interface AccountCollection {
  readonly account?: Account;
  readonly contacts: readonly Contact[];
  readonly supplyPoints: readonly SupplyPoint[];
  readonly deals: readonly Deal[];
  readonly contracts: readonly Contract[];
  /** Open customer-service cases (closed ones leave the collection). */
  readonly openCases: readonly OpenCaseSummary[];
}

/** An open deal as the account view lists it. */
export interface DealSummary {
  readonly id: string;
  readonly title: string;
  readonly ownerId: string;
  readonly stage: DealStageSnapshot;
  readonly valueMinor: number;
  readonly currency: string;
  readonly expectedCloseDate: string;
  readonly commodity?: Deal['commodity'];
}

/** A contract as the account view lists it. */
export interface ContractSummary {
  readonly id: string;
  readonly number: string;
  readonly state: Contract['state'];
  readonly stateChangedAt: string;
  readonly dealId: string;
  readonly requestedStartDate: string;
  /** Minor units of `currency`. */
  readonly offeredAnnualCost: number;
  readonly currency: string;
}

/** The account on one page (R-AC-6): what a caller sees of its collection. */
export interface AccountView {
  readonly account: Account;
  readonly contacts: readonly Contact[];
  readonly supplyPoints: readonly SupplyPoint[];
  readonly openDeals: readonly DealSummary[];
  readonly contracts: readonly ContractSummary[];
  readonly openCases: readonly OpenCaseSummary[];
}

const dealSummary = (d: Deal): DealSummary => ({
  id: d.id,
  title: d.title,
  ownerId: d.ownerId,
  stage: d.stage,
  valueMinor: d.valueMinor,
  currency: d.currency,
  expectedCloseDate: d.expectedCloseDate,
  ...(d.commodity ? { commodity: d.commodity } : {}),
});

const contractSummary = (c: Contract): ContractSummary => ({
  id: c.id,
  number: c.number,
  state: c.state,
  stateChangedAt: c.stateChangedAt,
  dealId: c.deal.dealId,
  requestedStartDate: c.requestedStartDate,
  offeredAnnualCost: c.offeredAnnualCost,
  currency: c.currency,
});

/**
 * What the caller sees of a live account's collection: its contacts and
 * supply points, and of its open deals and its contracts those the sales
 * permission model shows the caller (a seller: the deals they own or take
 * part in, and those deals' contracts).
 */
export function accountView(
  actor: SalesActor,
  account: Account,
  collection: Omit<AccountCollection, 'account'>,
): AccountView {
  return {
    account,
    contacts: collection.contacts,
    supplyPoints: collection.supplyPoints,
    openDeals: collection.deals
      .filter((d) => d.stage.status === 'open' && dealVisibleTo(actor, d))
      .map(dealSummary),
    contracts: collection.contracts
      .filter((c) => c.deletedAt === undefined && contractVisibleTo(actor, c))
      .map(contractSummary),
    openCases: collection.openCases,
  };
}
