import type { RuleVersion } from './commission-rule';

/**
 * A commission (R-CM-1…R-CM-4): made once per signed contract by the rule
 * in force on the signing day, split between the company and the deal's
 * participants, paid to each participant in instalments. Money in integer
 * minor units of `currency`; the parts always add up to the whole.
 */
export const instalmentStatuses = ['pending', 'due', 'approved', 'paid', 'held', 'cancelled'] as const;
export type InstalmentStatus = (typeof instalmentStatuses)[number];

export interface Instalment {
  /** `<step>-<participant index>`, e.g. `1-0`: stable, so a retried change names the same line. */
  readonly id: string;
  readonly userId: string;
  /** 1, 2, 3… in the order of the payout model. */
  readonly step: number;
  /** YYYY-MM-DD. */
  readonly dueDate: string;
  readonly amountMinor: number;
  readonly status: InstalmentStatus;
  /** Set when the daily job made it due (or when released after its due date). */
  readonly dueAt?: string;
  readonly approvedAt?: string;
  readonly approvedBy?: string;
  readonly paidAt?: string;
  /** The tenant's calendar day it was paid: the month of the statement it is on. */
  readonly paidOn?: string;
  readonly paidBy?: string;
  readonly paymentReference?: string;
  /** Of `amountMinor`, what went to settle the participant's clawed-back debt instead of being paid out. */
  readonly recoveredMinor?: number;
  readonly heldAt?: string;
  readonly holdReason?: string;
  readonly cancelledAt?: string;
  /** The tenant's calendar day it was cancelled. */
  readonly cancelledOn?: string;
}

/** One participant's part: their share of the sales part. */
export interface CommissionParticipant {
  readonly userId: string;
  readonly shareBasisPoints: number;
  readonly amountMinor: number;
}

/** A negative entry: what a participant owes back of instalments already paid. Never edited. */
export interface ClawbackEntry {
  readonly userId: string;
  /** Negative. */
  readonly amountMinor: number;
  readonly at: string;
  /** The tenant's calendar day of the clawback: the month of the statement it is on. */
  readonly on: string;
  readonly instalmentIds: readonly string[];
}

export const commissionStates = ['active', 'clawed-back'] as const;
export type CommissionState = (typeof commissionStates)[number];

/** What the amount was computed from. */
export interface CommissionBasis {
  readonly consumptionKwh: number;
  /** For a margin-share rule: the contract's first-year margin. */
  readonly firstYearMarginMinor?: number;
}

export interface Commission {
  readonly tenantId: string;
  /** The contract's id: one commission per contract. */
  readonly id: string;
  readonly contractId: string;
  readonly contractNumber: string;
  readonly accountId: string;
  readonly accountName: string;
  readonly dealId: string;
  readonly productId: string;
  readonly productCode: string;
  readonly signedAt: string;
  /** YYYY-MM-DD in the tenant's time zone: the rule in force this day applied. */
  readonly signedOn: string;
  readonly currency: string;
  /** The rule version as it was: later edits of the rule never change it. */
  readonly rule: RuleVersion;
  readonly basis: CommissionBasis;
  readonly totalMinor: number;
  readonly companyMinor: number;
  readonly salesMinor: number;
  readonly participants: readonly CommissionParticipant[];
  readonly instalments: readonly Instalment[];
  readonly state: CommissionState;
  readonly clawbacks: readonly ClawbackEntry[];
  /** Negative: the company part reversed by a clawback. */
  readonly companyClawbackMinor?: number;
  readonly clawedBackAt?: string;
  readonly clawedBackOn?: string;
  readonly clawbackReason?: string;
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly updatedBy: string;
}

/** Why a signed contract has no commission: shown to admins, never a silent nothing. */
export const gapReasons = ['no-rule', 'no-margin', 'no-consumption'] as const;
export type GapReason = (typeof gapReasons)[number];

export interface CommissionGap {
  readonly tenantId: string;
  readonly contractId: string;
  readonly contractNumber: string;
  readonly accountName: string;
  readonly productCode: string;
  readonly signedAt: string;
  readonly signedOn: string;
  readonly reason: GapReason;
  readonly detail: string;
  /** The rule that matched, for `no-margin`. */
  readonly ruleId?: string;
  readonly recordedAt: string;
}
