import { describe, expect, it } from 'vitest';
import { scheduleExpressionOf, scheduleNameOf } from '#adapters/scheduler/schedule-expression';
import type { Schedule } from '#domain/activities/recurrence';

const stockholm = 'Europe/Stockholm';
const activityId = '01JNACTIVITY00000000000000';

describe('scheduleNameOf', () => {
  it('names the schedule after the tenant and the activity', () => {
    expect(scheduleNameOf('norrsken', activityId)).toBe(`activity-norrsken-${activityId}`);
  });

  it('hashes a tenant id that would make the name longer than 64 characters, the same way each time', () => {
    // Prepare
    const tenantId = 'se-3f0c2b8e-94d1-4c55-a7f1-2b9d0c3e4f5a';

    // Act
    const name = scheduleNameOf(tenantId, activityId);

    // Assess
    expect(name.length).toBeLessThanOrEqual(64);
    expect(name).toMatch(new RegExp(`^activity-[0-9a-f]{16}-${activityId}$`));
    expect(scheduleNameOf(tenantId, activityId)).toBe(name);
    expect(scheduleNameOf(`${tenantId}x`, activityId)).not.toBe(name);
  });

  it('hashes a tenant id with characters a schedule name cannot hold', () => {
    expect(scheduleNameOf('norrsken energi/ab', activityId)).toMatch(/^activity-[0-9a-f]{16}-01JN/);
  });
});

describe('scheduleExpressionOf', () => {
  const expressionOf = (schedule: Schedule) => scheduleExpressionOf(schedule, stockholm);

  it('fires a one-off at its instant, in UTC', () => {
    expect(expressionOf({ kind: 'once', at: '2025-03-02T08:00:00.000Z' })).toEqual({
      expression: 'at(2025-03-02T08:00:00)',
      timeZone: 'UTC',
    });
  });

  it('fires a daily interval at the start’s local time, in the tenant’s zone', () => {
    // 09:15 in Stockholm (winter time).
    expect(expressionOf({ kind: 'interval', every: 'P1D', startAt: '2025-03-03T08:15:00.000Z' })).toEqual({
      expression: 'cron(15 9 * * ? *)',
      timeZone: stockholm,
    });
  });

  it('fires a weekly interval on the start’s weekday', () => {
    // Monday 24 March 2025, 09:30 in Stockholm.
    expect(
      expressionOf({ kind: 'interval', every: 'P1W', startAt: '2025-03-24T08:30:00.000Z' }).expression,
    ).toBe('cron(30 9 ? * MON *)');
  });

  it('fires a monthly interval on the start’s day, or on the last day for a start on the 31st', () => {
    expect(
      expressionOf({ kind: 'interval', every: 'P1M', startAt: '2025-01-15T09:00:00.000Z' }).expression,
    ).toBe('cron(0 10 15 * ? *)');
    expect(
      expressionOf({ kind: 'interval', every: 'P1M', startAt: '2025-01-31T09:00:00.000Z' }).expression,
    ).toBe('cron(0 10 L * ? *)');
  });

  it('steps every n months from the start’s month', () => {
    expect(
      expressionOf({ kind: 'interval', every: 'P3M', startAt: '2025-02-10T09:00:00.000Z' }).expression,
    ).toBe('cron(0 10 10 2/3 ? *)');
    expect(
      expressionOf({ kind: 'interval', every: 'P6M', startAt: '2025-11-10T09:00:00.000Z' }).expression,
    ).toBe('cron(0 10 10 5/6 ? *)');
    expect(
      expressionOf({ kind: 'interval', every: 'P12M', startAt: '2025-11-10T09:00:00.000Z' }).expression,
    ).toBe('cron(0 10 10 11 ? *)');
  });
});
