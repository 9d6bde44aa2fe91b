import type { CaseTimerScheduler } from '#domain/service/case-timers';

const slot = Symbol.for('gridline.localCaseTimers');
type WithLocalTimers = { [slot]?: CaseTimerScheduler };

/** Locally, the runtime registers its in-process scheduler's timers here before any function runs. */
export function registerLocalCaseTimers(timers: CaseTimerScheduler | undefined): void {
  (globalThis as WithLocalTimers)[slot] = timers;
}

/** The registered timers, looked up on each call: the function module may load before the runtime registers them. */
export function localCaseTimers(): CaseTimerScheduler {
  const found = () => {
    const timers = (globalThis as WithLocalTimers)[slot];
    if (!timers) throw new Error('CASE_TIMERS=local, but no local case timers are registered');
    return timers;
  };
  return {
    set: (input) => found().set(input),
    clear: (tenantId, caseId, timer) => found().clear(tenantId, caseId, timer),
  };
}
