import {
  addDays,
  instantsOf,
  isoDateOf,
  utcMillisOf,
  type WallTime,
  wallTimeOf,
  weekdayOf,
} from '#domain/activities/zoned-time';
import type { InvalidField } from '#domain/errors';
import { publicHolidays } from './holidays';
import {
  type BusinessCalendar,
  holidayCountries,
  type OpeningHours,
  type Weekday,
  weekdays,
} from './service-settings';

/**
 * Business time on a calendar: opening hours are local wall-clock times of
 * the calendar's zone, and a business minute is a real elapsed minute inside
 * an opening interval. So an interval 01:00–04:00 lasts 2 hours on the night
 * the clocks spring forward and 4 on the night they fall back, and a 24/7
 * calendar counts 1 440 minutes in 24 real hours, whatever the clocks do.
 */

interface LocalDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** Half-open stretch of real time, in epoch milliseconds. */
/** An open stretch of a calendar, in epoch milliseconds. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

const minuteMillis = 60_000;
/** How far ahead to look for open time: a calendar closed that long is as good as never open. */
const maxWalkYears = 3;

const clockTime = /^([01]\d|2[0-3]):[0-5]\d$/;
const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `weekdayOf` counts from Sunday, `weekdays` from Monday. */
const weekdayNameOf = (d: LocalDate): Weekday => weekdays[(weekdayOf(d) + 6) % 7] as Weekday;

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function isCalendarDate(value: string): boolean {
  const match = isoDate.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

function hoursProblems(hours: readonly OpeningHours[], field: string): InvalidField[] {
  const problems: InvalidField[] = [];
  hours.forEach(({ from, to }, i) => {
    const name = `${field}.${i}`;
    const fromValid = clockTime.test(from);
    const toValid = clockTime.test(to) || to === '24:00';
    if (!fromValid) problems.push({ name: `${name}.from`, reason: 'must be HH:MM, 00:00–23:59' });
    if (!toValid) problems.push({ name: `${name}.to`, reason: 'must be HH:MM, 00:01–24:00' });
    // HH:MM strings of equal length sort as the times they name.
    if (fromValid && toValid && from >= to)
      problems.push({ name: `${name}.to`, reason: 'must be after from' });
    const previous = hours[i - 1];
    if (previous && fromValid && from < previous.to) {
      problems.push({ name: `${name}.from`, reason: 'must not be before the end of the interval before it' });
    }
  });
  return problems;
}

/**
 * What is wrong with a calendar, with field names under `field`
 * (`calendars.0.weekly.mon.1.to`). It must be open at least one minute a
 * week, or adding business minutes would never end.
 */
export function validateCalendar(calendar: BusinessCalendar, field = 'calendar'): InvalidField[] {
  const problems: InvalidField[] = [];
  if (!isTimeZone(calendar.timeZone)) {
    problems.push({ name: `${field}.timeZone`, reason: 'must be an IANA time zone, e.g. Europe/Stockholm' });
  }
  const hourProblems = weekdays.flatMap((day) =>
    hoursProblems(calendar.weekly[day], `${field}.weekly.${day}`),
  );
  problems.push(...hourProblems);
  if (hourProblems.length === 0 && weekdays.every((day) => calendar.weekly[day].length === 0)) {
    problems.push({ name: `${field}.weekly`, reason: 'must be open at least one minute a week' });
  }
  if (calendar.holidayCountry !== undefined && !holidayCountries.includes(calendar.holidayCountry)) {
    problems.push({
      name: `${field}.holidayCountry`,
      reason: `must be one of ${holidayCountries.join(', ')}`,
    });
  }
  calendar.closedDates.forEach((date, i) => {
    if (!isCalendarDate(date))
      problems.push({ name: `${field}.closedDates.${i}`, reason: 'must be YYYY-MM-DD' });
  });
  return problems;
}

/** The zone's offset from UTC at a whole-second instant, in milliseconds. */
const offsetAt = (instant: number, zone: string) =>
  utcMillisOf(wallTimeOf(new Date(instant), zone)) - instant;

/**
 * The instant the clocks jump at, for a wall time they skip: the first
 * instant with the later offset, found by halving the hour (or so) between
 * the wall time read with either offset.
 */
function jumpOver(wall: WallTime, zone: string): number {
  const asUtc = utcMillisOf(wall);
  const halfDay = 12 * 3600 * 1000;
  const offsetBefore = offsetAt(asUtc - halfDay, zone);
  let before = asUtc - offsetAt(asUtc + halfDay, zone);
  let after = asUtc - offsetBefore;
  while (after - before > 1000) {
    const middle = before + Math.floor((after - before) / 2000) * 1000;
    if (offsetAt(middle, zone) === offsetBefore) before = middle;
    else after = middle;
  }
  return after;
}

/**
 * The instant a wall-clock time of a day stands for; `24:00` is the next
 * day's midnight. A time the clocks skip stands for the instant they jump
 * at; one they show twice stands for the earlier showing as an opening time
 * and the later as a closing time, so an interval holds all of the repeated
 * hour.
 */
function instantOf(date: LocalDate, time: string, zone: string, end: 'from' | 'to'): number {
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  const day = hour === 24 ? addDays(date, 1) : date;
  const wall = { ...day, hour: hour % 24, minute, second: 0 };
  const found = instantsOf(wall, zone);
  const chosen = end === 'from' ? found[0] : found.at(-1);
  return chosen ? chosen.getTime() : jumpOver(wall, zone);
}

/** Days a calendar is closed on, `YYYY-MM-DD`. */
/** Built once per calendar object: settings are read once per request and walked day by day. */
const closedDaysCache = new WeakMap<BusinessCalendar, ReadonlySet<string>>();

function closedDaysOf(calendar: BusinessCalendar): ReadonlySet<string> {
  let closed = closedDaysCache.get(calendar);
  if (!closed) {
    const holidays = calendar.holidayCountry ? publicHolidays[calendar.holidayCountry] : [];
    closed = new Set([...calendar.closedDates, ...holidays]);
    closedDaysCache.set(calendar, closed);
  }
  return closed;
}

/**
 * The open stretches of one local day, in order. Each starts no earlier
 * than the one before ends: on the night the clocks fall back, intervals
 * that meet at a repeated time would otherwise both hold the repeated hour.
 */
function openSpansOn(calendar: BusinessCalendar, date: LocalDate, closedDays: ReadonlySet<string>): Span[] {
  if (closedDays.has(isoDateOf(date))) return [];
  const spans: Span[] = [];
  let openUntil = Number.NEGATIVE_INFINITY;
  for (const hours of calendar.weekly[weekdayNameOf(date)]) {
    const start = Math.max(instantOf(date, hours.from, calendar.timeZone, 'from'), openUntil);
    const end = instantOf(date, hours.to, calendar.timeZone, 'to');
    if (end > start) {
      spans.push({ start, end });
      openUntil = end;
    }
  }
  return spans;
}

const localDateOf = (instant: Date, zone: string): LocalDate => {
  const { year, month, day } = wallTimeOf(instant, zone);
  return { year, month, day };
};

/** The open stretches of the local days from that of `from` to that of `until`, day by day. */
export function* openSpansBetween(calendar: BusinessCalendar, from: Date, until: Date): Generator<Span> {
  const closedDays = closedDaysOf(calendar);
  const last = isoDateOf(localDateOf(until, calendar.timeZone));
  for (let date = localDateOf(from, calendar.timeZone); isoDateOf(date) <= last; date = addDays(date, 1)) {
    yield* openSpansOn(calendar, date, closedDays);
  }
}

export function isOpenAt(calendar: BusinessCalendar, at: Date): boolean {
  const spans = openSpansOn(calendar, localDateOf(at, calendar.timeZone), closedDaysOf(calendar));
  return spans.some((span) => span.start <= at.getTime() && at.getTime() < span.end);
}

/**
 * The instant at which `minutes` business minutes have passed since
 * `start`. With 0 it is `start` when the calendar is open then, else the
 * next opening; time that runs out as an interval closes is up at the
 * close, not at the next opening. It looks at most `maxWalkYears` ahead.
 */
export function addBusinessMinutes(calendar: BusinessCalendar, start: Date, minutes: number): Date {
  if (!Number.isInteger(minutes) || minutes < 0) {
    throw new Error(`business minutes must be a whole number ≥ 0, not ${minutes}`);
  }
  const horizon = new Date(start.getTime() + maxWalkYears * 366 * 24 * 3600 * 1000);
  let remaining = minutes * minuteMillis;
  for (const span of openSpansBetween(calendar, start, horizon)) {
    if (span.end <= start.getTime()) continue;
    const from = Math.max(span.start, start.getTime());
    if (from + remaining <= span.end) return new Date(from + remaining);
    remaining -= span.end - from;
  }
  throw new Error(
    `calendar ${calendar.id} has too little open time in the ${maxWalkYears} years after ${start.toISOString()}`,
  );
}

/** Whole business minutes in [from, to); 0 when `to` is not after `from`. */
export function businessMinutesBetween(calendar: BusinessCalendar, from: Date, to: Date): number {
  if (to <= from) return 0;
  let open = 0;
  for (const span of openSpansBetween(calendar, from, to)) {
    open += Math.max(0, Math.min(span.end, to.getTime()) - Math.max(span.start, from.getTime()));
  }
  return Math.floor(open / minuteMillis);
}
