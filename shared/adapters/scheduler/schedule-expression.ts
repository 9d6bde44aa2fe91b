import { createHash } from 'node:crypto';
import { anchorOf, periodOf, type Schedule } from '#domain/activities/recurrence';

/** EventBridge Scheduler's limits on a schedule name. */
const maxNameLength = 64;
const namePattern = /^[0-9a-zA-Z_.-]+$/;

const hashOf = (text: string, length: number) =>
  createHash('sha256').update(text).digest('hex').slice(0, length);

/**
 * One schedule per activity: `activity-<tenant>-<activity>`. A tenant id too
 * long for the 64-character limit, or with characters a name cannot hold,
 * is replaced by a hash of it; the name stays the same for the same activity.
 */
export function scheduleNameOf(tenantId: string, activityId: string): string {
  const plain = `activity-${tenantId}-${activityId}`;
  if (plain.length <= maxNameLength && namePattern.test(plain)) return plain;
  const hashed = `activity-${hashOf(tenantId, 16)}-${activityId}`;
  if (hashed.length <= maxNameLength && namePattern.test(hashed)) return hashed;
  return `activity-${hashOf(`${tenantId}/${activityId}`, 40)}`;
}

const weekdays = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] as const;

/** `2025-03-01T08:00:00` (UTC), as `at()` takes it. */
const atTime = (instant: Date) => instant.toISOString().slice(0, 19);

export interface ScheduleExpression {
  readonly expression: string;
  readonly timeZone: string;
}

/**
 * The EventBridge Scheduler expression of a schedule, evaluated in the
 * returned zone. A one-off is `at()` in UTC: an instant is exact, where a
 * local time in the hour the clocks repeat in autumn would be ambiguous.
 * Intervals are cron expressions in the activity's zone, so they keep their
 * wall-clock time across daylight-saving changes: daily, weekly on the
 * start's weekday, every n months on the start's day (`L`, the last day of
 * the month, for a start on the 31st), from the start's month.
 */
export function scheduleExpressionOf(schedule: Schedule, zone: string): ScheduleExpression {
  if (schedule.kind === 'once')
    return { expression: `at(${atTime(new Date(schedule.at))})`, timeZone: 'UTC' };
  const anchor = anchorOf(schedule, zone);
  const period = periodOf(schedule.every);
  const time = `${anchor.minute} ${anchor.hour}`;
  if (period.unit === 'day') return { expression: `cron(${time} * * ? *)`, timeZone: zone };
  if (period.unit === 'week') {
    return { expression: `cron(${time} ? * ${weekdays[anchor.weekday]} *)`, timeZone: zone };
  }
  const day = anchor.day === 31 ? 'L' : String(anchor.day);
  const months =
    period.count === 1
      ? '*'
      : period.count === 12
        ? String(anchor.month)
        : `${((anchor.month - 1) % period.count) + 1}/${period.count}`;
  return { expression: `cron(${time} ${day} ${months} ? *)`, timeZone: zone };
}
