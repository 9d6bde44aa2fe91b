import type { CaseTimerName } from './case';

/**
 * What a case timer's schedule passes to the `case-timers` function: which
 * case and timer, and when it was planned to fire. A timer whose time the
 * case no longer plans is stale and does nothing.
 */
export interface CaseTimerInput {
  readonly tenantId: string;
  readonly caseId: string;
  readonly timer: CaseTimerName;
  readonly at: string;
}

/**
 * One-off schedules for the clocks of cases: EventBridge Scheduler in the
 * cloud (one schedule per case and timer, deleted after it fired), the local
 * runtime's scheduler on a laptop. Both calls are idempotent.
 */
export interface CaseTimerScheduler {
  /** Creates the timer's schedule, or moves it to the new time. */
  set(input: CaseTimerInput): Promise<void>;
  /** Removes the timer's schedule; nothing happens when there is none. */
  clear(tenantId: string, caseId: string, timer: CaseTimerName): Promise<void>;
}
