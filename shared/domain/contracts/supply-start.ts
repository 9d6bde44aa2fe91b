import type { SupplyStartRule } from './contract-settings';

const pad = (n: number) => String(n).padStart(2, '0');

/** YYYY-MM-DD plus `days`, on the calendar (no time zone: the dates are the tenant's). */
export function plusDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** YYYY-MM-DD plus `months`, clamped to the month's last day (31 Jan + 1 month = 28/29 Feb). */
export function plusMonths(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${y}-${pad(m)}-${pad(Math.min(day, last))}`;
}

/**
 * The earliest day a supply can start under `rule` when the switch is
 * requested on `today`, or the requested day itself when it is later.
 * Without a rule for the country, the requested day (or today) stands.
 */
export function supplyStartDate(
  rule: SupplyStartRule | undefined,
  today: string,
  requested?: string,
): string {
  if (!rule) return requested && requested > today ? requested : today;
  const earliest = plusDays(today, rule.minDays);
  const wanted = requested && requested > earliest ? requested : earliest;
  if (rule.kind === 'any-day') return wanted;
  return wanted.endsWith('-01') ? wanted : `${plusMonths(wanted, 1).slice(0, 7)}-01`;
}
