import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Activity } from '#domain/activities/activity';
import type { Schedule } from '#domain/activities/recurrence';
import type { ActivityDueInput } from '#domain/activities/scheduler';
import { LocalScheduler } from '../../../lib/local/local-scheduler';

const start = new Date('2025-03-01T10:00:00Z');
const fixedClock = { now: () => start };

function activity(id: string, schedule: Schedule, state: Activity['state'] = 'active'): Activity {
  return {
    id,
    tenantId: 'norrsken',
    createdAt: start.toISOString(),
    createdBy: 'norrsken-sales',
    updatedAt: start.toISOString(),
    updatedBy: 'norrsken-sales',
    version: 1,
    subject: { type: 'contact', id: '01JNCONTACT000000000000000' },
    title: 'Call',
    ownerId: 'norrsken-sales',
    schedule,
    timeZone: 'Europe/Stockholm',
    state,
  };
}

function recording() {
  const fired: ActivityDueInput[] = [];
  const scheduler = new LocalScheduler(async (input) => {
    fired.push(input);
  }, fixedClock);
  return { fired, scheduler };
}

const inTwoHours: Schedule = { kind: 'once', at: '2025-03-01T12:00:00.000Z' };
const inOneHour: Schedule = { kind: 'once', at: '2025-03-01T11:00:00.000Z' };
const daily: Schedule = { kind: 'interval', every: 'P1D', startAt: '2025-03-02T08:00:00.000Z' };

describe('LocalScheduler', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('fires every occurrence due up to the date, in time order, with the occurrence', async () => {
    // Prepare
    const { fired, scheduler } = recording();
    await scheduler.schedule(activity('A', inTwoHours));
    await scheduler.schedule(activity('B', inOneHour));

    // Act
    await scheduler.advanceTo(new Date('2025-03-01T13:00:00Z'));

    // Assess
    expect(fired).toEqual([
      { tenantId: 'norrsken', activityId: 'B', occurrence: '2025-03-01T11:00:00.000Z' },
      { tenantId: 'norrsken', activityId: 'A', occurrence: '2025-03-01T12:00:00.000Z' },
    ]);
    expect(scheduler.now().toISOString()).toBe('2025-03-01T13:00:00.000Z');
  });

  it('fires nothing before its time and a one-off only once', async () => {
    // Prepare
    const { fired, scheduler } = recording();
    await scheduler.schedule(activity('A', inTwoHours));

    // Act
    await scheduler.advanceBy(60 * 60 * 1000);
    const beforeItsTime = fired.length;
    await scheduler.advanceBy(2 * 60 * 60 * 1000);
    await scheduler.advanceBy(24 * 60 * 60 * 1000);

    // Assess
    expect(beforeItsTime).toBe(0);
    expect(fired).toHaveLength(1);
    expect(scheduler.pending()).toEqual([]);
  });

  it('fires an interval once per period it is advanced over', async () => {
    // Prepare
    const { fired, scheduler } = recording();
    await scheduler.schedule(activity('A', daily));

    // Act
    await scheduler.advanceTo(new Date('2025-03-04T12:00:00Z'));

    // Assess
    expect(fired.map((f) => f.occurrence)).toEqual([
      '2025-03-02T08:00:00.000Z',
      '2025-03-03T08:00:00.000Z',
      '2025-03-04T08:00:00.000Z',
    ]);
    expect(scheduler.pending()).toEqual([
      { tenantId: 'norrsken', activityId: 'A', next: new Date('2025-03-05T08:00:00.000Z') },
    ]);
  });

  it('fires nothing for a cancelled schedule or an activity that is not active', async () => {
    // Prepare
    const { fired, scheduler } = recording();
    await scheduler.schedule(activity('A', inOneHour));
    await scheduler.schedule(activity('B', inOneHour, 'paused'));
    await scheduler.cancel('norrsken', 'A');

    // Act
    await scheduler.advanceBy(24 * 60 * 60 * 1000);

    // Assess
    expect(fired).toEqual([]);
  });

  it('keeps what is pending when the same schedule is registered again', async () => {
    // Prepare
    const { fired, scheduler } = recording();
    await scheduler.schedule(activity('A', daily));
    await scheduler.advanceTo(new Date('2025-03-02T09:00:00Z'));

    // Act
    await scheduler.schedule(activity('A', daily));
    await scheduler.advanceTo(new Date('2025-03-03T09:00:00Z'));

    // Assess
    expect(fired.map((f) => f.occurrence)).toEqual(['2025-03-02T08:00:00.000Z', '2025-03-03T08:00:00.000Z']);
  });

  it('fires the others when one invocation fails, then reports the failure without repeating it', async () => {
    // Prepare
    const fired: string[] = [];
    const scheduler = new LocalScheduler(async ({ activityId }) => {
      fired.push(activityId);
      if (activityId === 'B') throw new Error('table unavailable');
    }, fixedClock);
    await scheduler.schedule(activity('B', inOneHour));
    await scheduler.schedule(activity('A', inTwoHours));

    // Act
    const advanced = scheduler.advanceTo(new Date('2025-03-01T13:00:00Z'));

    // Assess
    await expect(advanced).rejects.toThrow('table unavailable');
    expect(fired).toEqual(['B', 'A']);
    await scheduler.advanceBy(60 * 60 * 1000);
    expect(fired).toEqual(['B', 'A']);
  });

  it('lets the services share its time, so what they take as now agrees with it', async () => {
    // Prepare
    const { scheduler } = recording();

    // Act
    await scheduler.advanceBy(90 * 60 * 1000);

    // Assess
    expect(scheduler.clock.now().toISOString()).toBe('2025-03-01T11:30:00.000Z');
  });

  it('fires what is due as real time passes once started', async () => {
    // Prepare
    vi.useFakeTimers({ now: start });
    const fired: ActivityDueInput[] = [];
    const scheduler = new LocalScheduler(async (input) => {
      fired.push(input);
    });
    await scheduler.schedule(activity('A', inOneHour));
    scheduler.start(1000);

    // Act
    await vi.advanceTimersByTimeAsync(59 * 60 * 1000);
    const early = fired.length;
    await vi.advanceTimersByTimeAsync(2 * 60 * 1000);
    await scheduler.stop();

    // Assess
    expect(early).toBe(0);
    expect(fired).toEqual([
      { tenantId: 'norrsken', activityId: 'A', occurrence: '2025-03-01T11:00:00.000Z' },
    ]);
  });
});
