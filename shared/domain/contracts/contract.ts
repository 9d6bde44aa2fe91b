import type { Address, CustomerType } from '#domain/accounts/account';
import type { CommunicationChannel } from '#domain/accounts/contact';
import type { Commodity } from '#domain/energy/supply-point-identifier';
import type { DealParticipant } from '#domain/sales/deals/deal';
import type { SystemWritten } from '#domain/system-writes';

/**
 * Contracts (R-CO-1, R-CO-2): made from an accepted offer (or by hand from
 * a deal), sent for e-signature, signed, and then followed through their
 * life. The state machine is in `contract-transitions.ts`.
 */
export const contractStates = [
  'draft',
  'sent',
  'signed',
  'declined',
  'expired',
  'cancelled',
  'active',
  'withdrawn',
  'terminated',
  'ended',
] as const;
export type ContractState = (typeof contractStates)[number];

/** How the customer gets the contract (R-CO-3): e-signature and e-mail, or a printed copy by post. */
export type CommunicationPreference = CommunicationChannel;

/** Who moved a contract: a user, the e-signature provider, or a scheduled job. */
export const transitionActors = ['user', 'e-signature', 'schedule'] as const;
export type TransitionActorKind = (typeof transitionActors)[number];

/** The account as it was when the contract was made: the document shows this, not later edits. */
export interface ContractParty {
  readonly accountId: string;
  readonly name: string;
  readonly orgNumber?: string;
  readonly customerType: CustomerType;
  readonly country: string;
  readonly addresses: readonly Address[];
  readonly email?: string;
  readonly phones: readonly string[];
}

/** A contact of the account flagged as a signing person. */
export interface SigningPerson {
  readonly contactId: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly email?: string;
  readonly phone?: string;
}

/** One supply point of the contract (R-SP-4) with the offered product and prices, in minor units. */
export interface ContractLine {
  readonly supplyPointId: string;
  /** EIC (Slovakia) or GSRN / anläggnings-id (Sweden). */
  readonly identifier: string;
  readonly commodity: Commodity;
  readonly country: string;
  readonly territoryCode: string;
  /** The consumption band the line was priced in; absent on contracts drafted before it was kept. */
  readonly bandCode?: string;
  readonly annualConsumptionKwh?: number;
  readonly productId: string;
  readonly productCode: string;
  readonly productName: string;
  readonly priceListVersion: number;
  readonly unitPricePerMwhMinor: number;
  readonly monthlyFeeMinor: number;
  readonly currency: string;
  readonly offeredAnnualCost: number;
}

/** The deal behind the contract, with who shares in it (commissions read this). */
export interface ContractDeal {
  readonly dealId: string;
  readonly title: string;
  readonly ownerId: string;
  readonly participants: readonly DealParticipant[];
  readonly typeId?: string;
}

/** A stored PDF in the files bucket. */
export interface StoredDocument {
  readonly key: string;
  readonly sizeBytes: number;
  readonly storedAt: string;
}

/** The contract's state at the e-signature provider. */
export interface SigningStatus {
  readonly provider: 'signi';
  /** The provider's id, once it accepted the document. Never `sent` without it. */
  readonly externalId?: string;
  readonly sentAt?: string;
  /** The last failed attempt to send, for the user to see; cleared when a send succeeds. */
  readonly lastError?: string;
  readonly lastErrorAt?: string;
  readonly attempts: number;
}

export type ContractTerm =
  | { readonly kind: 'indefinite' }
  /** Fixed term: `months` from the supply start; `endDate` once the start is known. */
  | { readonly kind: 'fixed'; readonly months: number; readonly endDate?: string };

export interface Contract extends SystemWritten {
  /** From the tenant's gap-free sequence, e.g. `2026-000042`. */
  readonly number: string;
  readonly state: ContractState;
  readonly stateChangedAt: string;
  readonly accountId: string;
  readonly party: ContractParty;
  readonly signingPersons: readonly SigningPerson[];
  readonly deal: ContractDeal;
  /** The accepted offer version it was made from; absent for a contract made by hand. */
  readonly offer?: { readonly offerId: string; readonly versionNumber: number };
  readonly lines: readonly ContractLine[];
  readonly currency: string;
  /** Sum of the lines' offered annual cost, minor units. */
  readonly offeredAnnualCost: number;
  /** YYYY-MM-DD: the supply start the customer asked for. */
  readonly requestedStartDate: string;
  /** YYYY-MM-DD: set when the contract becomes active. */
  readonly supplyStartDate?: string;
  readonly term: ContractTerm;
  readonly communication: CommunicationPreference;
  /** The tenant's language the document is written in, e.g. `sk`, `sv`. */
  readonly locale: string;
  readonly templateId?: string;
  readonly document?: StoredDocument;
  readonly signedDocument?: StoredDocument;
  /** When it was signed: the withdrawal period runs from here. */
  readonly signedAt?: string;
  readonly signing?: SigningStatus;
  /** YYYY-MM-DD: the last day of supply, for terminated and ended contracts. */
  readonly endDate?: string;
  readonly terminationReason?: string;
  /** Set once a renewal deal was made for it; a contract is renewed once. */
  readonly renewalDealId?: string;
}

/** One entry of a contract's history: every transition, in order. */
export interface ContractTransition {
  readonly contractId: string;
  /** The contract's version this transition made; numbers the history. */
  readonly version: number;
  readonly at: string;
  readonly from: ContractState | null;
  readonly to: ContractState;
  readonly actor: { readonly kind: TransitionActorKind; readonly id: string };
  readonly reason?: string;
}
