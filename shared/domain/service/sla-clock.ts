import { addBusinessMinutes, businessMinutesBetween } from './business-calendar';
import type { BusinessCalendar } from './service-settings';

/**
 * The clock of one SLA target of a case, in business minutes of its
 * calendar. A pause (waiting on the customer) stops the clock: the business
 * minutes it lasts are added to `pausedMinutes`, and the due and warning
 * times are worked out again from the start, so they never drift.
 */

export type SlaTargetName = 'firstResponse' | 'resolution';
export type SlaTargetStatus = 'running' | 'paused' | 'met' | 'breached';

export interface SlaTarget {
  /** Business minutes allowed. */
  readonly minutes: number;
  /** ISO instant. */
  readonly startedAt: string;
  /** `minutes + pausedMinutes` business minutes after the start. */
  readonly dueAt: string;
  /** The warning share of `minutes`, plus `pausedMinutes`, after the start. */
  readonly warnAt: string;
  /** Business minutes spent in pauses that have ended. */
  readonly pausedMinutes: number;
  readonly pausedSince?: string;
  readonly metAt?: string;
  /** The due time, once the target is found past it. */
  readonly breachedAt?: string;
  readonly status: SlaTargetStatus;
}

/** A target's allowance, from the SLA policy that applies. */
export interface SlaAllowance {
  readonly minutes: number;
  /** The warning fires when this share of the minutes is used, in basis points (8 000 = 80 %). */
  readonly warnAtBasisPoints: number;
}

/** A target as of an instant, for showing. */
export interface SlaTargetView extends SlaTarget {
  /** Negative when overdue; counted to the pause of a paused target and to the meeting of a late one; 0 once met. */
  readonly businessMinutesLeft: number;
  /** `pausedMinutes` and the current pause so far. */
  readonly pausedMinutesSoFar: number;
}

const iso = (at: Date | string) => new Date(at).toISOString();

function dueTimes(
  calendar: BusinessCalendar,
  startedAt: string,
  allowance: SlaAllowance,
  pausedMinutes: number,
) {
  const start = new Date(startedAt);
  const warnMinutes = Math.floor((allowance.minutes * allowance.warnAtBasisPoints) / 10_000);
  return {
    dueAt: iso(addBusinessMinutes(calendar, start, allowance.minutes + pausedMinutes)),
    warnAt: iso(addBusinessMinutes(calendar, start, warnMinutes + pausedMinutes)),
  };
}

function breached(target: SlaTarget): SlaTarget {
  const { pausedSince: _, ...rest } = target;
  return { ...rest, status: 'breached', breachedAt: target.dueAt };
}

export function startTarget(calendar: BusinessCalendar, allowance: SlaAllowance, startedAt: Date): SlaTarget {
  const start = iso(startedAt);
  return {
    minutes: allowance.minutes,
    startedAt: start,
    ...dueTimes(calendar, start, allowance, 0),
    pausedMinutes: 0,
    status: 'running',
  };
}

/**
 * Stops a running target's clock. One already past its due time is breached
 * instead: a pause cannot save a target that was missed.
 */
export function pauseTarget(target: SlaTarget, at: Date): SlaTarget {
  if (target.status !== 'running') return target;
  if (at >= new Date(target.dueAt)) return breached(target);
  return { ...target, status: 'paused', pausedSince: iso(at) };
}

/** Starts a paused target's clock again, its due times moved on by the pause. */
export function resumeTarget(
  calendar: BusinessCalendar,
  target: SlaTarget,
  at: Date,
  warnAtBasisPoints: number,
): SlaTarget {
  if (target.status !== 'paused' || !target.pausedSince) return target;
  const { pausedSince, ...rest } = target;
  const pausedMinutes = target.pausedMinutes + businessMinutesBetween(calendar, new Date(pausedSince), at);
  const allowance = { minutes: target.minutes, warnAtBasisPoints };
  return {
    ...rest,
    ...dueTimes(calendar, target.startedAt, allowance, pausedMinutes),
    pausedMinutes,
    status: 'running',
  };
}

/**
 * Records that the target was met at `at` (the first response sent, the case
 * resolved). A breached target stays breached but gets its `metAt`. A
 * paused one is met, as its clock was stopped; its last pause is left out of
 * `pausedMinutes`, which counts the pauses that moved the due times.
 */
export function meetTarget(target: SlaTarget, at: Date): SlaTarget {
  switch (target.status) {
    case 'met':
      return target;
    case 'breached':
      return target.metAt ? target : { ...target, metAt: iso(at) };
    case 'paused': {
      const { pausedSince: _, ...rest } = target;
      return { ...rest, status: 'met', metAt: iso(at) };
    }
    case 'running':
      return at <= new Date(target.dueAt)
        ? { ...target, status: 'met', metAt: iso(at) }
        : { ...breached(target), metAt: iso(at) };
  }
}

/** Records the breach of a running target past its due time; a paused clock never breaches. */
export function breachIfDue(target: SlaTarget, at: Date): SlaTarget {
  return target.status === 'running' && at >= new Date(target.dueAt) ? breached(target) : target;
}

/**
 * Gives a running or paused target a new allowance (the case's priority
 * changed), its due times worked out again from the start; a met or
 * breached target stays so. One already past its new due time, at `at` or
 * when its pause began, is breached.
 */
export function replanTarget(
  calendar: BusinessCalendar,
  target: SlaTarget,
  allowance: SlaAllowance,
  at: Date,
): SlaTarget {
  if (target.status !== 'running' && target.status !== 'paused') return target;
  const replanned: SlaTarget = {
    ...target,
    minutes: allowance.minutes,
    ...dueTimes(calendar, target.startedAt, allowance, target.pausedMinutes),
  };
  const clockStoppedAt = new Date(target.pausedSince ?? at);
  return clockStoppedAt >= new Date(replanned.dueAt) ? breached(replanned) : replanned;
}

/** Business minutes from `from` to `to`, negative when `to` comes first. */
function signedMinutes(calendar: BusinessCalendar, from: Date, to: Date): number {
  return from <= to
    ? businessMinutesBetween(calendar, from, to)
    : -businessMinutesBetween(calendar, to, from);
}

/**
 * The target as of `now`: a running target past its due time shows as
 * breached even before the breach is recorded.
 */
export function targetView(calendar: BusinessCalendar, target: SlaTarget, now: Date): SlaTargetView {
  const dueAt = new Date(target.dueAt);
  const clockAt = new Date(target.pausedSince ?? target.metAt ?? now);
  const currentPause = target.pausedSince
    ? businessMinutesBetween(calendar, new Date(target.pausedSince), now)
    : 0;
  const overdue = target.status === 'running' && now >= dueAt;
  return {
    ...target,
    status: overdue ? 'breached' : target.status,
    businessMinutesLeft: target.status === 'met' ? 0 : signedMinutes(calendar, clockAt, dueAt),
    pausedMinutesSoFar: target.pausedMinutes + currentPause,
  };
}
