/**
 * Calendar dates as `YYYY-MM-DD` strings. Prices apply per day in the
 * tenant's own calendar, so no time zone is involved; the strings sort in
 * time order, which the price series' sort keys rely on.
 */
export function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export const calendarDateReason = 'must be a calendar date YYYY-MM-DD';
