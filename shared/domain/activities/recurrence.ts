import {
  addDays,
  daysInMonth,
  instantsOf,
  utcMillisOf,
  type WallTime,
  wallTimeOf,
  weekdayOf,
} from './zoned-time';

/**
 * The intervals an activity may repeat on, as ISO 8601 durations. Each one
 * follows the wall clock of the tenant's time zone and can be expressed
 * exactly as one EventBridge Scheduler cron expression, so what the local
 * scheduler fires is what the cloud fires. (Every 2 days or every 2 weeks
 * cannot: cron has no such step, and `rate()` drifts an hour at each
 * daylight-saving change.)
 */
export const supportedIntervals = ['P1D', 'P1W', 'P1M', 'P2M', 'P3M', 'P4M', 'P6M', 'P12M'] as const;
export type Interval = (typeof supportedIntervals)[number];

export interface Period {
  readonly unit: 'day' | 'week' | 'month';
  readonly count: number;
}

export function periodOf(every: Interval): Period {
  const match = /^P(\d+)([DWM])$/.exec(every);
  const unit = match?.[2] === 'D' ? 'day' : match?.[2] === 'W' ? 'week' : 'month';
  return { unit, count: Number(match?.[1] ?? 1) };
}

export const isInterval = (value: string): value is Interval =>
  (supportedIntervals as readonly string[]).includes(value);

export interface OnceSchedule {
  readonly kind: 'once';
  /** ISO 8601 instant, stored in UTC. */
  readonly at: string;
}

export interface IntervalSchedule {
  readonly kind: 'interval';
  readonly every: Interval;
  /** The first occurrence; its wall-clock time and day in the tenant's zone are repeated. */
  readonly startAt: string;
  /** No occurrence after this instant. */
  readonly endAt?: string;
}

export type Schedule = OnceSchedule | IntervalSchedule;

/** The local date and time an interval repeats: that of its start, in the activity's zone. */
export interface Anchor {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  /** 0 = Sunday … 6 = Saturday. */
  readonly weekday: number;
}

export function anchorOf(schedule: IntervalSchedule, zone: string): Anchor {
  const wall = wallTimeOf(new Date(schedule.startAt), zone);
  const { year, month, day, hour, minute } = wall;
  return { year, month, day, hour, minute, weekday: weekdayOf(wall) };
}

/**
 * The k-th wall-clock time of an interval. Monthly ones keep the start's day
 * of the month; a month too short for it uses its last day (a start on the
 * 31st falls on the last day of every month).
 */
function candidate(anchor: Anchor, period: Period, k: number): WallTime {
  const time = { hour: anchor.hour, minute: anchor.minute, second: 0 };
  if (period.unit === 'month') {
    const index = anchor.year * 12 + (anchor.month - 1) + k * period.count;
    const year = Math.floor(index / 12);
    const month = (index % 12) + 1;
    return { year, month, day: Math.min(anchor.day, daysInMonth(year, month)), ...time };
  }
  const days = k * period.count * (period.unit === 'week' ? 7 : 1);
  return { ...addDays(anchor, days), ...time };
}

const dayMillis = 24 * 3600 * 1000;

/** A k from which to start looking for occurrences at or after `from`: never past the first one. */
function firstCandidateIndex(anchor: Anchor, period: Period, from: Date, zone: string): number {
  const start = utcMillisOf({ ...anchor, second: 0 });
  const wall = wallTimeOf(from, zone);
  if (utcMillisOf(wall) <= start) return 0;
  if (period.unit === 'month') {
    const months = wall.year * 12 + wall.month - (anchor.year * 12 + anchor.month);
    return Math.max(0, Math.floor(months / period.count) - 1);
  }
  const periodDays = period.count * (period.unit === 'week' ? 7 : 1);
  return Math.max(0, Math.floor((utcMillisOf(wall) - start) / (periodDays * dayMillis)) - 1);
}

/**
 * The occurrences of a schedule between two instants (both included), in
 * order. Daylight saving is handled as EventBridge Scheduler handles a cron
 * schedule: a wall-clock time the clocks jump over (spring forward) has no
 * occurrence that day; one they show twice (fall back) occurs once, the
 * first time.
 */
export function occurrencesBetween(schedule: Schedule, zone: string, from: Date, to: Date): Date[] {
  if (schedule.kind === 'once') {
    const at = new Date(schedule.at);
    return at >= from && at <= to ? [at] : [];
  }
  const start = new Date(schedule.startAt);
  const end = schedule.endAt ? new Date(schedule.endAt) : undefined;
  const last = end && end < to ? end : to;
  const anchor = anchorOf(schedule, zone);
  const period = periodOf(schedule.every);
  const found: Date[] = [];
  for (let k = firstCandidateIndex(anchor, period, from, zone); ; k++) {
    const wall = candidate(anchor, period, k);
    // Wall time and UTC differ by less than a day, so past this point nothing can be in range.
    if (utcMillisOf(wall) - dayMillis > last.getTime()) break;
    const at = instantsOf(wall, zone)[0];
    if (!at || at < start || at < from) continue;
    if (at > last) break;
    found.push(at);
  }
  return found;
}

/**
 * A stretch of time that always holds the next occurrence, if there is one:
 * two periods (one may be skipped in a daylight-saving gap) and some slack.
 */
function searchSpan(every: Interval): number {
  const period = periodOf(every);
  const days = period.unit === 'month' ? period.count * 31 : period.count * (period.unit === 'week' ? 7 : 1);
  return (2 * days + 2) * dayMillis;
}

/** The first occurrence at or after `from`, or undefined when the schedule has ended. */
export function nextOccurrence(schedule: Schedule, zone: string, from: Date): Date | undefined {
  if (schedule.kind === 'once') {
    const at = new Date(schedule.at);
    return at >= from ? at : undefined;
  }
  return occurrencesBetween(schedule, zone, from, new Date(from.getTime() + searchSpan(schedule.every)))[0];
}

/** The last occurrence at or before `upTo`, or undefined when there was none. */
export function latestOccurrence(schedule: Schedule, zone: string, upTo: Date): Date | undefined {
  if (schedule.kind === 'once') {
    const at = new Date(schedule.at);
    return at <= upTo ? at : undefined;
  }
  const from = new Date(upTo.getTime() - searchSpan(schedule.every));
  return occurrencesBetween(schedule, zone, from, upTo).at(-1);
}

/**
 * The occurrence a trigger at `time` stands for: the scheduler fires within
 * a minute of it. Undefined when the schedule has no occurrence that close
 * (a trigger of a schedule that has changed since).
 */
export function occurrenceNear(schedule: Schedule, zone: string, time: Date, toleranceMs = 60_000) {
  const at = nextOccurrence(schedule, zone, new Date(time.getTime() - toleranceMs));
  return at && at.getTime() <= time.getTime() + toleranceMs ? at : undefined;
}

/** True when no occurrence follows this one. */
export function isLastOccurrence(schedule: Schedule, zone: string, occurrence: Date): boolean {
  return nextOccurrence(schedule, zone, new Date(occurrence.getTime() + 1)) === undefined;
}
