import type { DomainEvent } from '#domain/events';
import { type Case, isOpen } from './case';
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
  readonly cases: Pick<CaseStore, 'change'>;
  readonly timers: CaseTimerScheduler;
}

/**
 * Writes a change of a case with its event: the teams' counters, queues and
 * markers follow in the same transaction; the timers of the new plan are set
 * before it and the dropped ones cleared after it.
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
  await setTimers(deps.timers, next.tenantId, next.id, previous.sla.timers, next.sla.timers);
  try {
    await deps.cases.change(previous, { ...rest, case: next, event, ...(load ? { load } : {}) });
  } catch (error) {
    // The case still plans the old times: put back the schedules this change moved.
    await setTimers(deps.timers, next.tenantId, next.id, next.sla.timers, previous.sla.timers);
    throw error;
  }
  await clearTimers(deps.timers, next.tenantId, next.id, previous.sla.timers, next.sla.timers);
  return next;
}
