import type { DomainEvent } from '#domain/events';
import { type Case, type CaseTimerName, isOpen } from './case';
import { timerChanges } from './case-sla';
import type { CaseStore, CaseWrite, LoadMoves } from './case-store';
import { clearTimers, setTimers } from './case-timer-plans';
import type { CaseTimerScheduler } from './case-timers';

/** The owner counted in a team's load: an open case with both an owner and a team. */
const counted = (c: Case) =>
  isOpen(c.status) && c.ownerId && c.teamId ? { teamId: c.teamId, userId: c.ownerId } : undefined;

/**
 * How the teams' open-case counters move when a case goes from `previous`
 * to `next`. `capacity` applies when the system picked the owner; a user's
 * own choice may go over it.
 */
export function loadMoves(previous: Case, next: Case, capacity?: number): LoadMoves | undefined {
  const before = counted(previous);
  const after = counted(next);
  if (before?.teamId === after?.teamId && before?.userId === after?.userId) return undefined;
  return {
    ...(before ? { release: before } : {}),
    ...(after ? { assign: { ...after, capacity: capacity ?? Number.MAX_SAFE_INTEGER } } : {}),
  };
}

export interface CaseChangeDeps {
  readonly cases: Pick<CaseStore, 'change' | 'get'>;
  readonly timers: CaseTimerScheduler;
}

/**
 * Writes a change of a case with its event: the teams' counters, queues and
 * markers follow in the same transaction; the timers of the new plan are set
 * before it and the dropped ones cleared after it. When the write fails, the
 * timers it moved are set to what the stored case plans now (another writer
 * may have moved them meanwhile); the ones it dropped were never cleared, so
 * a timer that acted and failed is not set again (its invocation's retry
 * repeats it).
 */
export async function commitCaseChange(
  deps: CaseChangeDeps,
  previous: Case,
  next: Case,
  event: DomainEvent,
  extra: Omit<CaseWrite, 'case' | 'event' | 'load'> & { readonly capacity?: number } = {},
): Promise<Case> {
  const { capacity, ...rest } = extra;
  const load = loadMoves(previous, next, capacity);
  try {
    await setTimers(deps.timers, next.tenantId, next.id, previous.sla.timers, next.sla.timers);
    await deps.cases.change(previous, { ...rest, case: next, event, ...(load ? { load } : {}) });
  } catch (error) {
    const moved = timerChanges(previous.sla.timers, next.sla.timers).set.map((t) => t.name);
    // The write's own error is what the caller needs; a scheduler failing here too is secondary.
    await restoreTimers(deps, next, moved).catch(() => undefined);
    throw error;
  }
  await clearTimers(deps.timers, next.tenantId, next.id, previous.sla.timers, next.sla.timers);
  return next;
}

/** Sets the named timers to the times the stored case plans, or clears those it does not plan. */
async function restoreTimers(deps: CaseChangeDeps, c: Case, names: readonly CaseTimerName[]): Promise<void> {
  if (names.length === 0) return;
  const stored = await deps.cases.get(c.tenantId, c.id);
  const planned = stored?.sla.timers ?? {};
  await Promise.allSettled(
    names.map((timer) => {
      const at = planned[timer];
      return at
        ? deps.timers.set({ tenantId: c.tenantId, caseId: c.id, timer, at })
        : deps.timers.clear(c.tenantId, c.id, timer);
    }),
  );
}
