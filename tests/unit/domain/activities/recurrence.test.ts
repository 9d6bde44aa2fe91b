import { describe, expect, it } from 'vitest';
import {
  type IntervalSchedule,
  isLastOccurrence,
  latestOccurrence,
  nextOccurrence,
  occurrenceNear,
  occurrencesBetween,
} from '#domain/activities/recurrence';
import { instantsOf, wallTimeOf } from '#domain/activities/zoned-time';

const stockholm = 'Europe/Stockholm';
const iso = (dates: readonly Date[]) => dates.map((d) => d.toISOString());
const between = (schedule: IntervalSchedule, from: string, to: string) =>
  iso(occurrencesBetween(schedule, stockholm, new Date(from), new Date(to)));

describe('wall-clock time in a time zone', () => {
  it('reads the local time in Stockholm in winter and in summer', () => {
    expect(wallTimeOf(new Date('2025-01-15T08:00:00Z'), stockholm)).toMatchObject({ hour: 9, minute: 0 });
    expect(wallTimeOf(new Date('2025-07-15T08:00:00Z'), stockholm)).toMatchObject({ hour: 10, minute: 0 });
  });

  it('finds no instant for a time the clocks skip and two for a time they repeat', () => {
    const skipped = { year: 2025, month: 3, day: 30, hour: 2, minute: 30, second: 0 };
    const repeated = { year: 2025, month: 10, day: 26, hour: 2, minute: 30, second: 0 };

    expect(instantsOf(skipped, stockholm)).toEqual([]);
    expect(iso(instantsOf(repeated, stockholm))).toEqual([
      '2025-10-26T00:30:00.000Z',
      '2025-10-26T01:30:00.000Z',
    ]);
  });
});

describe('occurrences of an interval', () => {
  it('keeps a daily 09:00 at 09:00 local time across the spring change', () => {
    const daily: IntervalSchedule = { kind: 'interval', every: 'P1D', startAt: '2025-03-28T08:00:00.000Z' };

    expect(between(daily, '2025-03-28T00:00:00Z', '2025-03-31T23:00:00Z')).toEqual([
      '2025-03-28T08:00:00.000Z',
      '2025-03-29T08:00:00.000Z',
      '2025-03-30T07:00:00.000Z',
      '2025-03-31T07:00:00.000Z',
    ]);
  });

  it('keeps a daily 09:00 at 09:00 local time across the autumn change', () => {
    const daily: IntervalSchedule = { kind: 'interval', every: 'P1D', startAt: '2025-10-25T07:00:00.000Z' };

    expect(between(daily, '2025-10-25T00:00:00Z', '2025-10-27T23:00:00Z')).toEqual([
      '2025-10-25T07:00:00.000Z',
      '2025-10-26T08:00:00.000Z',
      '2025-10-27T08:00:00.000Z',
    ]);
  });

  it('skips the day the clocks jump over its time, as EventBridge Scheduler does', () => {
    const nightly: IntervalSchedule = { kind: 'interval', every: 'P1D', startAt: '2025-03-28T01:30:00.000Z' };

    expect(between(nightly, '2025-03-28T00:00:00Z', '2025-03-31T23:00:00Z')).toEqual([
      '2025-03-28T01:30:00.000Z',
      '2025-03-29T01:30:00.000Z',
      '2025-03-31T00:30:00.000Z',
    ]);
  });

  it('fires once, the first time, on the night the clocks show its time twice', () => {
    const nightly: IntervalSchedule = { kind: 'interval', every: 'P1D', startAt: '2025-10-25T00:30:00.000Z' };

    expect(between(nightly, '2025-10-25T00:00:00Z', '2025-10-27T23:00:00Z')).toEqual([
      '2025-10-25T00:30:00.000Z',
      '2025-10-26T00:30:00.000Z',
      '2025-10-27T01:30:00.000Z',
    ]);
  });

  it('falls on the last day of shorter months when it starts on the 31st', () => {
    const monthly: IntervalSchedule = { kind: 'interval', every: 'P1M', startAt: '2025-01-31T09:00:00.000Z' };

    expect(between(monthly, '2025-01-01T00:00:00Z', '2025-05-01T00:00:00Z')).toEqual([
      '2025-01-31T09:00:00.000Z',
      '2025-02-28T09:00:00.000Z',
      '2025-03-31T08:00:00.000Z',
      '2025-04-30T08:00:00.000Z',
    ]);
  });

  it('uses 29 February in a leap year', () => {
    const monthly: IntervalSchedule = { kind: 'interval', every: 'P1M', startAt: '2024-01-31T09:00:00.000Z' };

    expect(between(monthly, '2024-02-01T00:00:00Z', '2024-03-01T00:00:00Z')).toEqual([
      '2024-02-29T09:00:00.000Z',
    ]);
  });

  it('repeats every three months on the start day, into the next year', () => {
    const quarterly: IntervalSchedule = {
      kind: 'interval',
      every: 'P3M',
      startAt: '2025-01-15T09:00:00.000Z',
    };

    expect(between(quarterly, '2025-01-01T00:00:00Z', '2026-02-01T00:00:00Z')).toEqual([
      '2025-01-15T09:00:00.000Z',
      '2025-04-15T08:00:00.000Z',
      '2025-07-15T08:00:00.000Z',
      '2025-10-15T08:00:00.000Z',
      '2026-01-15T09:00:00.000Z',
    ]);
  });

  it('repeats weekly on the start weekday', () => {
    // Monday 24 March 2025, 09:30 in Stockholm.
    const weekly: IntervalSchedule = { kind: 'interval', every: 'P1W', startAt: '2025-03-24T08:30:00.000Z' };

    expect(between(weekly, '2025-03-25T00:00:00Z', '2025-04-08T00:00:00Z')).toEqual([
      '2025-03-31T07:30:00.000Z',
      '2025-04-07T07:30:00.000Z',
    ]);
  });

  it('stops at its end, which counts as included', () => {
    const daily: IntervalSchedule = {
      kind: 'interval',
      every: 'P1D',
      startAt: '2025-01-01T08:00:00.000Z',
      endAt: '2025-01-03T08:00:00.000Z',
    };

    expect(between(daily, '2024-12-01T00:00:00Z', '2025-02-01T00:00:00Z')).toEqual([
      '2025-01-01T08:00:00.000Z',
      '2025-01-02T08:00:00.000Z',
      '2025-01-03T08:00:00.000Z',
    ]);
    expect(isLastOccurrence(daily, stockholm, new Date('2025-01-03T08:00:00Z'))).toBe(true);
    expect(isLastOccurrence(daily, stockholm, new Date('2025-01-02T08:00:00Z'))).toBe(false);
    expect(nextOccurrence(daily, stockholm, new Date('2025-01-03T08:00:01Z'))).toBeUndefined();
  });

  it('finds the next occurrence years after the start', () => {
    const daily: IntervalSchedule = { kind: 'interval', every: 'P1D', startAt: '2025-01-01T08:00:00.000Z' };

    expect(nextOccurrence(daily, stockholm, new Date('2035-06-01T09:00:00Z'))?.toISOString()).toBe(
      '2035-06-02T07:00:00.000Z',
    );
  });
});

describe('which occurrence a trigger stands for', () => {
  const daily: IntervalSchedule = { kind: 'interval', every: 'P1D', startAt: '2025-01-01T08:00:00.000Z' };

  it('takes the occurrence within a minute of the scheduled time', () => {
    expect(occurrenceNear(daily, stockholm, new Date('2025-01-05T08:00:30Z'))?.toISOString()).toBe(
      '2025-01-05T08:00:00.000Z',
    );
  });

  it('finds none for a time the schedule does not have', () => {
    expect(occurrenceNear(daily, stockholm, new Date('2025-01-05T09:00:00Z'))).toBeUndefined();
  });

  it('takes the latest occurrence up to a time, when no time is given', () => {
    expect(latestOccurrence(daily, stockholm, new Date('2025-01-05T12:00:00Z'))?.toISOString()).toBe(
      '2025-01-05T08:00:00.000Z',
    );
    expect(latestOccurrence(daily, stockholm, new Date('2024-12-31T12:00:00Z'))).toBeUndefined();
  });

  it('has exactly one occurrence for a one-off', () => {
    const once = { kind: 'once' as const, at: '2025-02-01T10:15:00.000Z' };

    expect(occurrenceNear(once, stockholm, new Date('2025-02-01T10:15:00Z'))?.toISOString()).toBe(once.at);
    expect(isLastOccurrence(once, stockholm, new Date(once.at))).toBe(true);
    expect(nextOccurrence(once, stockholm, new Date('2025-02-01T10:16:00Z'))).toBeUndefined();
  });
});
