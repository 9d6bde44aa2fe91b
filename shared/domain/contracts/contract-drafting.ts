import type { Account } from '#domain/accounts/account';
import type { Contact } from '#domain/accounts/contact';
import type { SupplyPoint } from '#domain/energy/supply-point';
import { UnprocessableError } from '#domain/errors';
import type { Deal } from '#domain/sales/deals/deal';
import type { OfferVersion } from '#domain/sales/offers/offer';
import { type ChangeContext, createdStamps } from '#domain/stamps';
import type { Contract, ContractLine, ContractParty, SigningPerson } from './contract';
import type { ContractSettings } from './contract-settings';
import type { ContractMove, TransitionActor } from './contract-transitions';
import { supplyStartDate } from './supply-start';

/** What a contract is drafted from: the account with its contacts, the deal, its supply points and the offer. */
export interface DraftSources {
  readonly account: Account;
  readonly contacts: readonly Contact[];
  readonly deal: Deal;
  readonly supplyPoints: readonly SupplyPoint[];
  /** The product and its prices per supply point: an accepted offer version's, or priced for a contract made by hand. */
  readonly priced: PricedContent;
  /** The accepted offer version it is made from, if any. */
  readonly offer?: { readonly offerId: string; readonly versionNumber: number };
  /** YYYY-MM-DD the customer asked the supply to start; the earliest the market allows when absent. */
  readonly requestedStartDate?: string;
}

const partyOf = (account: Account): ContractParty => ({
  accountId: account.id,
  name: account.name,
  ...(account.orgNumber ? { orgNumber: account.orgNumber } : {}),
  customerType: account.customerType,
  country: account.country,
  addresses: account.addresses,
  ...(account.email ? { email: account.email } : {}),
  phones: account.phones,
});

/** The account's contacts flagged as signing persons, by name. */
export const signingPersonsOf = (contacts: readonly Contact[]): SigningPerson[] =>
  contacts
    .filter((c) => c.isSigningPerson && c.deletedAt === undefined)
    .sort((a, b) => `${a.lastName} ${a.firstName}`.localeCompare(`${b.lastName} ${b.firstName}`))
    .map((c) => ({
      contactId: c.id,
      firstName: c.firstName,
      lastName: c.lastName,
      ...(c.email ? { email: c.email } : {}),
      ...(c.phones[0] ? { phone: c.phones[0] } : {}),
    }));

/** What an offer version holds of the product and prices. */
export type PricedContent = Pick<
  OfferVersion,
  'productId' | 'productCode' | 'productName' | 'lines' | 'totals'
>;

function linesOf(sources: DraftSources): ContractLine[] {
  const version = sources.priced;
  const points = new Map(sources.supplyPoints.map((p) => [p.id, p]));
  const missing = version.lines.filter((l) => !points.has(l.supplyPointId));
  if (missing.length > 0) {
    throw new UnprocessableError(
      'a supply point of the offer no longer exists',
      missing.map((l) => ({ name: 'supplyPointIds', reason: `supply point ${l.supplyPointId} is gone` })),
    );
  }
  return version.lines.map((line) => {
    const point = points.get(line.supplyPointId) as SupplyPoint;
    return {
      supplyPointId: point.id,
      identifier: point.identifier,
      commodity: point.commodity,
      country: point.country,
      territoryCode: line.territoryCode,
      bandCode: line.bandCode,
      annualConsumptionKwh: line.annualConsumptionKwh,
      productId: version.productId,
      productCode: version.productCode,
      productName: version.productName,
      priceListVersion: line.priceListVersion,
      unitPricePerMwhMinor: line.unitPricePerMwhMinor,
      monthlyFeeMinor: line.monthlyFeeMinor,
      currency: line.currency,
      offeredAnnualCost: line.offeredAnnualCost,
    };
  });
}

/**
 * A new draft contract (R-CO-1) numbered `number`, pre-filled from the
 * account as it is now, its signing persons, the deal and the accepted
 * offer's lines. The requested start follows the market rule of the
 * account's country unless the customer asked for a later day.
 */
export function draftContract(
  id: string,
  number: string,
  sources: DraftSources,
  settings: ContractSettings,
  today: string,
  actor: TransitionActor,
  ctx: ChangeContext,
): ContractMove {
  const { account, deal, offer, priced } = sources;
  const lines = linesOf(sources);
  const rule = settings.supplyStartRules.find((r) => r.country === account.country);
  const at = ctx.now.toISOString();
  const contract: Contract = {
    ...createdStamps(id, ctx),
    number,
    state: 'draft',
    stateChangedAt: at,
    accountId: account.id,
    party: partyOf(account),
    signingPersons: signingPersonsOf(sources.contacts),
    deal: {
      dealId: deal.id,
      title: deal.title,
      ownerId: deal.ownerId,
      participants: deal.participants,
      ...(deal.typeId ? { typeId: deal.typeId } : {}),
    },
    ...(offer ? { offer } : {}),
    lines,
    currency: priced.totals.currency,
    offeredAnnualCost: priced.totals.offeredAnnualCost,
    requestedStartDate: supplyStartDate(rule, today, sources.requestedStartDate),
    term: settings.defaultTerm,
    communication: account.communicationPreference ?? 'electronic',
    locale: settings.locale,
  };
  return {
    contract,
    transition: {
      contractId: id,
      version: 1,
      at,
      from: null,
      to: 'draft',
      actor,
    },
  };
}

/** `2026-000042`: the year the contract was made and its place in the tenant's sequence of that year. */
export const contractNumber = (year: string, sequence: number) =>
  `${year}-${String(sequence).padStart(6, '0')}`;
