/**
 * Wall-clock time in an IANA time zone, with the platform's time-zone data
 * (Intl) and no library: what a clock on the wall in that zone shows at an
 * instant, and which instants show a given wall-clock time.
 */
export interface WallTime {
  readonly year: number;
  /** 1–12. */
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let format = formatters.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, format);
  }
  return format;
}

export function wallTimeOf(instant: Date, zone: string): WallTime {
  const parts: Record<string, number> = {};
  for (const part of formatter(zone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 0,
    day: parts.day ?? 0,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/** The wall time read as if it were UTC, in milliseconds. */
export const utcMillisOf = (w: WallTime): number =>
  Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);

const sameWallTime = (a: WallTime, b: WallTime) => utcMillisOf(a) === utcMillisOf(b);

/** The zone's offset from UTC at an instant, in milliseconds (+1 h in Stockholm in winter). */
function offsetAt(instant: number, zone: string): number {
  const whole = instant - (((instant % 1000) + 1000) % 1000);
  return utcMillisOf(wallTimeOf(new Date(whole), zone)) - whole;
}

const halfDay = 12 * 3600 * 1000;

/**
 * Every instant at which the zone's clocks show `wall`, earliest first: one
 * normally, none when the clocks jump over it (spring forward), two when
 * they show it twice (fall back).
 */
export function instantsOf(wall: WallTime, zone: string): Date[] {
  const asUtc = utcMillisOf(wall);
  // An offset change happens at most once within a day, so the offsets half a day either side are all candidates.
  const offsets = new Set([offsetAt(asUtc - halfDay, zone), offsetAt(asUtc + halfDay, zone)]);
  const found = [...offsets]
    .map((offset) => asUtc - offset)
    .filter((candidate) => sameWallTime(wallTimeOf(new Date(candidate), zone), wall));
  return [...new Set(found)].sort((a, b) => a - b).map((t) => new Date(t));
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A date as `YYYY-MM-DD`. */
export const isoDateOf = (date: { year: number; month: number; day: number }): string =>
  `${date.year}-${pad(date.month)}-${pad(date.day)}`;

/** A wall time's clock as `HH:MM`. */
export const clockTimeOf = (w: Pick<WallTime, 'hour' | 'minute'>): string =>
  `${pad(w.hour)}:${pad(w.minute)}`;

/** Calendar arithmetic on dates alone (no time zone involved). */
export function addDays(date: { year: number; month: number; day: number }, days: number) {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export const daysInMonth = (year: number, month: number): number =>
  new Date(Date.UTC(year, month, 0)).getUTCDate();

/** 0 = Sunday … 6 = Saturday. */
export const weekdayOf = (date: { year: number; month: number; day: number }): number =>
  new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
