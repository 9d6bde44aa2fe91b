import { type CaseSla, type CaseTimerName, caseTimerNames } from './case';
import { policyFor } from './service-level';
import type { BusinessCalendar, CasePriority, ServiceSettings } from './service-settings';
import {
  breachIfDue,
  meetTarget,
  pauseTarget,
  replanTarget,
  resumeTarget,
  type SlaTarget,
  type SlaTargetName,
  startTarget,
} from './sla-clock';

const targetNames: readonly SlaTargetName[] = ['firstResponse', 'resolution'];

/**
 * The calendar a case's clocks count on. An admin may have removed it since
 * the case was opened: the case then counts on the settings' first calendar
 * (validated settings have at least one), rather than never again.
 */
export function calendarOf(
  settings: Pick<ServiceSettings, 'calendars'>,
  calendarId: string,
): BusinessCalendar {
  const calendar = settings.calendars.find((c) => c.id === calendarId) ?? settings.calendars[0];
  if (!calendar) throw new Error('the service settings have no calendar');
  return calendar;
}

/** The policy of a case's level and priority; a level removed since falls back to the default level's. */
export function casePolicy(
  settings: Pick<ServiceSettings, 'policies' | 'supportLevels' | 'defaultSupportLevelId'>,
  supportLevelId: string,
  priority: CasePriority,
) {
  const level = settings.supportLevels.some((l) => l.id === supportLevelId)
    ? supportLevelId
    : settings.defaultSupportLevelId;
  return policyFor(settings, level, priority);
}

/**
 * When each timer should fire: a running target's warning at `warnAt` and
 * its breach at `dueAt`. A target a change found past due (a pause or a new
 * priority) is breached at once: its breach timer fires now, so the
 * escalation still follows. Paused and met targets have none, and a timer
 * that fired is not planned again.
 */
export function plannedTimers(sla: Omit<CaseSla, 'timers'>): CaseSla['timers'] {
  const timers: Partial<Record<CaseTimerName, string>> = {};
  for (const name of targetNames) {
    const target = sla[name];
    if (target.status === 'breached' && !sla.fired.includes(`${name}-breach`))
      timers[`${name}-breach`] = target.breachedAt ?? target.dueAt;
    if (target.status !== 'running') continue;
    if (!sla.fired.includes(`${name}-warning`)) timers[`${name}-warning`] = target.warnAt;
    if (!sla.fired.includes(`${name}-breach`)) timers[`${name}-breach`] = target.dueAt;
  }
  return timers;
}

const withTimers = (sla: Omit<CaseSla, 'timers'>): CaseSla => ({ ...sla, timers: plannedTimers(sla) });

/** A new case's clocks, started at `at` by the policy of its support level and priority. */
export function startSla(
  settings: ServiceSettings,
  supportLevelId: string,
  priority: CasePriority,
  at: Date,
): CaseSla {
  const policy = casePolicy(settings, supportLevelId, priority);
  const calendar = calendarOf(settings, policy.calendarId);
  const warn = policy.warnAtBasisPoints;
  return withTimers({
    supportLevelId,
    priority,
    calendarId: policy.calendarId,
    warnAtBasisPoints: warn,
    firstResponse: startTarget(
      calendar,
      { minutes: policy.firstResponseMinutes, warnAtBasisPoints: warn },
      at,
    ),
    resolution: startTarget(calendar, { minutes: policy.resolutionMinutes, warnAtBasisPoints: warn }, at),
    fired: [],
  });
}

const mapTargets = (sla: CaseSla, change: (target: SlaTarget, name: SlaTargetName) => SlaTarget): CaseSla =>
  withTimers({
    ...sla,
    firstResponse: change(sla.firstResponse, 'firstResponse'),
    resolution: change(sla.resolution, 'resolution'),
  });

/** Waiting on the customer: both clocks stop, and the time stopped is kept. */
export const pauseSla = (sla: CaseSla, at: Date): CaseSla => mapTargets(sla, (t) => pauseTarget(t, at));

/** The customer answered (or the agent moved on): both clocks run again, their due times moved by the pause. */
export function resumeSla(settings: ServiceSettings, sla: CaseSla, at: Date): CaseSla {
  const calendar = calendarOf(settings, sla.calendarId);
  return mapTargets(sla, (t) => resumeTarget(calendar, t, at, sla.warnAtBasisPoints));
}

/** The first answer to the customer reached them. */
export const respondSla = (sla: CaseSla, at: Date): CaseSla =>
  withTimers({ ...sla, firstResponse: meetTarget(sla.firstResponse, at) });

/**
 * Resolved or closed: the resolution target is met (or stays breached). A
 * first response never given is a breach, recorded now if its time had not
 * yet come.
 */
export function finishSla(sla: CaseSla, at: Date): CaseSla {
  const { pausedSince: _paused, ...first } = sla.firstResponse;
  const unanswered = first.status === 'running' || first.status === 'paused';
  const firstResponse: SlaTarget = unanswered
    ? { ...first, status: 'breached', breachedAt: first.breachedAt ?? minIso(first.dueAt, at.toISOString()) }
    : sla.firstResponse;
  // A finished case escalates nothing: the closing records a missed first response itself.
  const fired = [...new Set([...sla.fired, ...caseTimerNames])];
  return withTimers({ ...sla, firstResponse, resolution: meetTarget(sla.resolution, at), fired });
}

/** A timer's target passed its due time: recorded as breached (it stays so). */
export function breachSla(sla: CaseSla, target: SlaTargetName, at: Date): CaseSla {
  return withTimers({ ...sla, [target]: breachIfDue(sla[target], at) });
}

/** Marks a timer as acted on. */
export const firedSla = (sla: CaseSla, timer: CaseTimerName): CaseSla =>
  withTimers({ ...sla, fired: [...new Set([...sla.fired, timer])] });

/**
 * A new priority (or support level): the targets still open get the new
 * policy's minutes, counted from their start with the pause kept; met and
 * breached ones stay as they are.
 */
export function replanSla(
  settings: ServiceSettings,
  sla: CaseSla,
  supportLevelId: string,
  priority: CasePriority,
  at: Date,
): CaseSla {
  const policy = casePolicy(settings, supportLevelId, priority);
  const calendar = calendarOf(settings, sla.calendarId);
  const warn = policy.warnAtBasisPoints;
  const minutes = { firstResponse: policy.firstResponseMinutes, resolution: policy.resolutionMinutes };
  return mapTargets({ ...sla, supportLevelId, priority, warnAtBasisPoints: warn }, (t, name) =>
    replanTarget(calendar, t, { minutes: minutes[name], warnAtBasisPoints: warn }, at),
  );
}

/** The earliest due time of a running target: where the case sorts in the queues. */
export function nextDueAt(sla: CaseSla): string | undefined {
  const due = targetNames
    .map((n) => sla[n])
    .filter((t) => t.status === 'running')
    .map((t) => t.dueAt)
    .sort();
  return due[0];
}

/** Which schedules to create or replace, and which to delete, going from one plan to the next. */
export function timerChanges(before: CaseSla['timers'], after: CaseSla['timers']) {
  const names = Object.keys({ ...before, ...after }) as CaseTimerName[];
  return {
    set: names
      .filter((n) => after[n] !== undefined && after[n] !== before[n])
      .map((n) => ({ name: n, at: after[n] as string })),
    clear: names.filter((n) => before[n] !== undefined && after[n] === undefined),
  };
}

const minIso = (a: string, b: string) => (a < b ? a : b);
