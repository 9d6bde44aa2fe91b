import type { CustomerType } from '#domain/accounts/account';
import type { Commodity } from '#domain/energy/supply-point-identifier';

/**
 * Commission rules (R-CM-1, R-CM-2): tenant data, versioned. Each version
 * starts on its `validFrom` day and applies until the next version starts;
 * a commission keeps a copy of the version it was made by, so later edits
 * never change it.
 */

/** What a rule matches on; an absent criterion matches anything. */
export interface RuleMatch {
  readonly productId?: string;
  readonly customerType?: CustomerType;
  readonly commodity?: Commodity;
  /** Matches when every supply point of the contract was priced in this band. */
  readonly bandCode?: string;
  /** The contract's annual consumption (all supply points), kWh: `from` included, `to` excluded. */
  readonly consumptionKwh?: { readonly from?: number; readonly to?: number };
  /** Matches when every supply point of the contract is in this distribution territory. */
  readonly territoryCode?: string;
  readonly dealTypeId?: string;
}

export const matchCriteria = [
  'productId',
  'customerType',
  'commodity',
  'bandCode',
  'consumptionKwh',
  'territoryCode',
  'dealTypeId',
] as const satisfies readonly (keyof RuleMatch)[];

export const amountKinds = ['fixed', 'per-mwh', 'margin-share'] as const;

/** How much a contract earns, in minor units of the rule's currency. */
export type RuleAmount =
  | { readonly kind: 'fixed'; readonly amountMinor: number }
  /** Per MWh of the supply points' annual consumption. */
  | { readonly kind: 'per-mwh'; readonly amountPerMwhMinor: number }
  /** A share of the contract's first-year margin, from the price lists' margins. */
  | { readonly kind: 'margin-share'; readonly basisPoints: number };

/** Where an instalment's due date counts from: the signing day, or the (expected) supply start. */
export const dueAnchors = ['signing', 'supply-start'] as const;
export type DueAnchor = (typeof dueAnchors)[number];

export interface PayoutStep {
  readonly basisPoints: number;
  readonly anchor: DueAnchor;
  readonly afterMonths: number;
}

export const payoutKinds = ['one-off', 'steps', 'monthly'] as const;

/** How a participant's part is paid: at once, in steps (70 % at supply start, 30 % after 12 months), or monthly. */
export type PayoutModel =
  | { readonly kind: 'one-off'; readonly anchor: DueAnchor; readonly afterMonths: number }
  | { readonly kind: 'steps'; readonly steps: readonly PayoutStep[] }
  | { readonly kind: 'monthly'; readonly anchor: DueAnchor; readonly months: number };

export interface ClawbackTerms {
  /**
   * A contract terminated within this many months of its supply start is
   * clawed back; a withdrawal (within the withdrawal period) always is.
   */
  readonly windowMonths: number;
  /** Claw back paid instalments only for the months of the window not served. */
  readonly proRata: boolean;
}

/** What an admin writes; the rest of a version is stamped. */
export interface RuleContent {
  readonly name: string;
  readonly currency: string;
  readonly match: RuleMatch;
  readonly amount: RuleAmount;
  /** The company's and the sellers' parts of the amount, basis points adding up to 10 000. */
  readonly split: { readonly companyBasisPoints: number; readonly salesBasisPoints: number };
  readonly payout: PayoutModel;
  readonly clawback: ClawbackTerms;
  /** An inactive version retires the rule from its `validFrom` on. */
  readonly active: boolean;
}

export interface RuleVersion extends RuleContent {
  readonly ruleId: string;
  /** 1, 2, 3…: the rule's ETag. */
  readonly version: number;
  /** YYYY-MM-DD: in force from this day until the next version's `validFrom`. */
  readonly validFrom: string;
  readonly createdAt: string;
  readonly createdBy: string;
}

/** A rule with every version, oldest first. */
export interface CommissionRule {
  readonly id: string;
  readonly versions: readonly RuleVersion[];
}

export const currentVersion = (rule: CommissionRule): RuleVersion =>
  rule.versions[rule.versions.length - 1] as RuleVersion;

/** The version in force on `day`: the newest one starting on or before it; none when it is retired or not started. */
export function versionOn(rule: CommissionRule, day: string): RuleVersion | undefined {
  const started = rule.versions.filter((v) => v.validFrom <= day);
  const inForce = started[started.length - 1];
  return inForce?.active ? inForce : undefined;
}

/**
 * The days a version is in force: `[validFrom, until)`, `until` absent for
 * the newest. Versions start in order, so the next one ends it; one
 * replaced on its first day is never in force (`until` = `from`).
 */
export function periodOf(rule: CommissionRule, version: RuleVersion): { from: string; until?: string } {
  const next = rule.versions.find((v) => v.version === version.version + 1);
  return { from: version.validFrom, ...(next ? { until: next.validFrom } : {}) };
}

/** How many criteria a rule sets: the most specific matching rule wins. */
export const specificityOf = (match: RuleMatch): number =>
  matchCriteria.filter((c) => match[c] !== undefined).length;
