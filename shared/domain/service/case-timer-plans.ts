import type { CaseSla } from './case';
import { timerChanges } from './case-sla';
import type { CaseTimerScheduler } from './case-timers';

/**
 * Before a write: creates or moves the timers the new plan has. A timer set
 * for a write that then fails finds the case planning another time, and
 * does nothing.
 */
export async function setTimers(
  scheduler: CaseTimerScheduler,
  tenantId: string,
  caseId: string,
  before: CaseSla['timers'],
  after: CaseSla['timers'],
): Promise<void> {
  const { set } = timerChanges(before, after);
  await Promise.all(set.map((t) => scheduler.set({ tenantId, caseId, timer: t.name, at: t.at })));
}

/**
 * After a write: removes the timers the new plan dropped. Best effort: the
 * write stands, and a timer left behind finds its case planning nothing at
 * its time and does nothing.
 */
export async function clearTimers(
  scheduler: CaseTimerScheduler,
  tenantId: string,
  caseId: string,
  before: CaseSla['timers'],
  after: CaseSla['timers'],
): Promise<void> {
  const { clear } = timerChanges(before, after);
  await Promise.allSettled(clear.map((name) => scheduler.clear(tenantId, caseId, name)));
}
