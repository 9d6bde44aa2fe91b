import type { ContractLine } from '#domain/contracts/contract';
import type { DomainEvent } from '#domain/events';
import type { Page, PageRequest } from '#domain/ports';
import type { Commission, CommissionGap, CommissionState } from './commission';
import type { LineMargins, Outcome } from './commission-generation';
import type { CommissionRule, RuleVersion } from './commission-rule';

export interface CommissionFilter {
  /** Only commissions this user takes part in (a seller's own). */
  readonly memberId?: string;
  readonly state?: CommissionState;
}

/** A commission the daily job must look at on a day: an instalment of it falls due. */
export interface CommissionDueEntry {
  readonly due: string;
  readonly tenantId: string;
  readonly commissionId: string;
}

/** A change of participants' clawed-back debts, written with the commission: + owed, − recovered. */
export type DebtChanges = ReadonlyMap<string, number>;

export interface CommissionStore {
  get(tenantId: string, commissionId: string): Promise<Commission | undefined>;
  /**
   * Writes what a signed contract produced, once: the contract's guard item
   * (conditional: absent, or holding a gap when a commission replaces it),
   * the commission or the gap, the due entries and month index of its
   * instalments, and the event, in one transaction. False when the guard
   * says it was done already.
   */
  record(outcome: Outcome, event: DomainEvent, replacesGap?: boolean): Promise<boolean>;
  /** The gap recorded for a contract, if it has one and no commission. */
  gap(tenantId: string, contractId: string): Promise<CommissionGap | undefined>;
  /**
   * A versioned write of the commission with its event and the debts it
   * moves; a debt is never drawn below 0 (a recovery conditional on it).
   * Fails with VersionMismatchError when another write came first.
   */
  change(previous: Commission, next: Commission, event: DomainEvent, debts?: DebtChanges): Promise<void>;
  list(tenantId: string, filter: CommissionFilter, page: PageRequest): Promise<Page<Commission>>;
  gaps(tenantId: string, page: PageRequest): Promise<Page<CommissionGap>>;
  /** Ids of the commissions with an instalment due in `month` (YYYY-MM). */
  ofMonth(tenantId: string, month: string, page: PageRequest): Promise<Page<string>>;
  /** Entries due on or before `day`, earliest first, for every tenant. */
  dueBy(day: string, limit: number): Promise<CommissionDueEntry[]>;
  removeDue(entry: CommissionDueEntry): Promise<void>;
  /** What each user still owes from clawbacks (0 when nothing). */
  debts(tenantId: string, userIds: readonly string[]): Promise<Map<string, number>>;
}

export interface CommissionRuleStore {
  /** Every rule with its versions, and the revision of the rule set (what a save is conditional on). */
  all(tenantId: string): Promise<{ readonly rules: CommissionRule[]; readonly revision: number }>;
  /**
   * Adds a version (conditional: the rule set still at `revision`, the
   * version number new) with its event. ConflictError `changed-meanwhile`
   * when another rule was saved in between.
   */
  save(tenantId: string, version: RuleVersion, revision: number, event: DomainEvent): Promise<void>;
}

/** The margins of the price lists contracts were priced from. */
export interface PriceMargins {
  /** Each line's margin per MWh in its price list version; undefined where the price has none. */
  ofLines(tenantId: string, lines: readonly ContractLine[]): Promise<LineMargins>;
  /** Whether every price of the product's newest price list has a margin. */
  productHasMargins(tenantId: string, productId: string): Promise<boolean>;
}
