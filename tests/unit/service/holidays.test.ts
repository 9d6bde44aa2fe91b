import { describe, expect, it } from 'vitest';
import { holidaysOf, holidayYears, publicHolidays } from '#domain/service/holidays';

/** Easter Sunday by Gauss's method, independent of the computus the data was made with. */
function easterSunday(year: number): number {
  const a = year % 19;
  const b = year % 4;
  const c = year % 7;
  const k = Math.floor(year / 100);
  const p = Math.floor((13 + 8 * k) / 25);
  const q = Math.floor(k / 4);
  const m = (15 - p + k - q) % 30;
  const n = (4 + k - q) % 7;
  const d = (19 * a + m) % 30;
  const e = (2 * b + 4 * c + 6 * d + n) % 7;
  let day = 22 + d + e; // in March; past 31 it runs on into April
  if (d === 29 && e === 6) day -= 7;
  if (d === 28 && e === 6 && (11 * m + 11) % 30 < 19) day -= 7;
  return Date.UTC(year, 2, day);
}

const dayMillis = 24 * 3600 * 1000;
const isoDate = (millis: number) => new Date(millis).toISOString().slice(0, 10);
const date = (year: number, month: number, day: number) => Date.UTC(year, month - 1, day);
/** The first day on or after the given one that falls on the weekday (0 = Sunday). */
const weekdayFrom = (year: number, month: number, day: number, weekday: number) => {
  const start = date(year, month, day);
  return start + ((((weekday - new Date(start).getUTCDay()) % 7) + 7) % 7) * dayMillis;
};
const sorted = (days: number[]) => [...new Set(days)].sort((a, b) => a - b).map(isoDate);

function swedishHolidays(year: number): string[] {
  const easter = easterSunday(year);
  return sorted([
    date(year, 1, 1),
    date(year, 1, 6),
    easter - 2 * dayMillis,
    easter,
    easter + dayMillis,
    date(year, 5, 1),
    easter + 39 * dayMillis,
    easter + 49 * dayMillis,
    date(year, 6, 6),
    weekdayFrom(year, 6, 19, 5),
    weekdayFrom(year, 6, 20, 6),
    weekdayFrom(year, 10, 31, 6),
    date(year, 12, 24),
    date(year, 12, 25),
    date(year, 12, 26),
    date(year, 12, 31),
  ]);
}

function slovakHolidays(year: number): string[] {
  const easter = easterSunday(year);
  const suspendedIn2026 = year === 2026 ? [] : [date(year, 5, 8), date(year, 9, 15)];
  return sorted([
    date(year, 1, 1),
    date(year, 1, 6),
    easter - 2 * dayMillis,
    easter + dayMillis,
    date(year, 5, 1),
    date(year, 7, 5),
    date(year, 8, 29),
    date(year, 11, 1),
    date(year, 12, 24),
    date(year, 12, 25),
    date(year, 12, 26),
    ...suspendedIn2026,
  ]);
}

const years = Array.from(
  { length: holidayYears.last - holidayYears.first + 1 },
  (_, i) => holidayYears.first + i,
);

describe('public holidays', () => {
  it('covers 2025–2032', () => {
    expect(years).toEqual([2025, 2026, 2027, 2028, 2029, 2030, 2031, 2032]);
  });

  it('finds the Easter Sundays everyone knows', () => {
    expect(isoDate(easterSunday(2026))).toBe('2026-04-05');
    expect(isoDate(easterSunday(2027))).toBe('2027-03-28');
    expect(isoDate(easterSunday(2025))).toBe('2025-04-20');
  });

  it.each(years)('lists the Swedish holidays of %i', (year) => {
    expect(holidaysOf('SE', year)).toEqual(swedishHolidays(year));
  });

  it.each(years)('lists the Slovak days of rest of %i', (year) => {
    expect(holidaysOf('SK', year)).toEqual(slovakHolidays(year));
  });

  it('holds nothing outside the years it covers', () => {
    expect(publicHolidays.SE).toHaveLength(16 * years.length);
    expect(publicHolidays.SK).toHaveLength(13 * years.length - 2);
    expect(holidaysOf('SE', 2024)).toEqual([]);
    expect(holidaysOf('SK', 2033)).toEqual([]);
  });

  it('closes Sweden on Midsummer Eve, Good Friday and Christmas Eve 2026', () => {
    expect(holidaysOf('SE', 2026)).toEqual(
      expect.arrayContaining(['2026-06-19', '2026-04-03', '2026-12-24']),
    );
  });

  it('keeps Slovakia open on 1 September and 17 November, and in 2026 on 8 May and 15 September', () => {
    const sk2026 = holidaysOf('SK', 2026);
    for (const day of ['2026-09-01', '2026-11-17', '2026-05-08', '2026-09-15'])
      expect(sk2026).not.toContain(day);
    expect(holidaysOf('SK', 2027)).toEqual(expect.arrayContaining(['2027-05-08', '2027-09-15']));
    expect(holidaysOf('SK', 2027)).not.toContain('2027-11-17');
  });
});
