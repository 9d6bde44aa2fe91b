import { describe, expect, it } from 'vitest';
import { type Activity, createActivity, scheduleProblems, updateActivity } from '#domain/activities/activity';
import type { Schedule } from '#domain/activities/recurrence';
import { taskIdOf } from '#domain/activities/task';
import { ConflictError, ValidationError } from '#domain/errors';
import type { ChangeContext } from '#domain/stamps';

const now = new Date('2025-03-01T10:00:00Z');
const ctx = (at = now, userId = 'norrsken-sales'): ChangeContext => ({
  tenant: { id: 'norrsken', name: 'Norrsken', country: 'SE', currency: 'SEK', timeZone: 'Europe/Stockholm' },
  userId,
  now: at,
});
const contact = { type: 'contact' as const, id: '01JNCONTACT000000000000000' };
const tomorrow: Schedule = { kind: 'once', at: '2025-03-02T09:00:00+01:00' };

function fieldsOf(act: () => unknown): string[] {
  try {
    act();
  } catch (error) {
    if (error instanceof ValidationError) return error.fields.map((f) => f.name);
    throw error;
  }
  throw new Error('expected a ValidationError');
}

const activity = (schedule: Schedule = tomorrow): Activity =>
  createActivity('01JNACTIVITY00000000000000', contact, { title: 'Call about renewal', schedule }, ctx());

describe('creating an activity', () => {
  it('gives it to its creator by default, in the tenant’s time zone, with instants in UTC', () => {
    const created = activity();

    expect(created).toMatchObject({
      ownerId: 'norrsken-sales',
      timeZone: 'Europe/Stockholm',
      state: 'active',
      version: 1,
      schedule: { kind: 'once', at: '2025-03-02T08:00:00.000Z' },
    });
  });

  it('keeps a one-off to the second, as schedulers fire it', () => {
    const created = activity({ kind: 'once', at: '2025-03-02T08:00:00.750Z' });

    expect(created.schedule).toEqual({ kind: 'once', at: '2025-03-02T08:00:00.000Z' });
  });

  it('refuses a one-off in the past, naming schedule.at', () => {
    const past: Schedule = { kind: 'once', at: '2025-03-01T09:59:00Z' };

    expect(fieldsOf(() => activity(past))).toEqual(['schedule.at']);
  });

  it('refuses an interval it does not know, naming schedule.every', () => {
    const fortnightly = {
      kind: 'interval',
      every: 'P2W',
      startAt: '2025-03-03T08:00:00Z',
    } as unknown as Schedule;

    expect(fieldsOf(() => activity(fortnightly))).toEqual(['schedule.every']);
  });

  it('refuses a monthly start on the 29th or 30th, which not every month has', () => {
    const monthly: Schedule = { kind: 'interval', every: 'P1M', startAt: '2025-03-30T08:00:00Z' };

    expect(fieldsOf(() => activity(monthly))).toEqual(['schedule.startAt']);
  });

  it('refuses a start off the whole minute and an end before the start', () => {
    const offMinute: Schedule = { kind: 'interval', every: 'P1D', startAt: '2025-03-03T08:00:30Z' };
    const backwards: Schedule = {
      kind: 'interval',
      every: 'P1D',
      startAt: '2025-03-03T08:00:00Z',
      endAt: '2025-03-02T08:00:00Z',
    };

    expect(fieldsOf(() => activity(offMinute))).toEqual(['schedule.startAt']);
    expect(fieldsOf(() => activity(backwards))).toEqual(['schedule.endAt']);
  });

  it('refuses an interval with no occurrence left before its end', () => {
    const over: Schedule = {
      kind: 'interval',
      every: 'P1W',
      startAt: '2025-02-03T08:00:00Z',
      endAt: '2025-02-28T08:00:00Z',
    };

    expect(fieldsOf(() => activity(over))).toEqual(['schedule.endAt']);
  });

  it('names every field at fault at once', () => {
    const past: Schedule = { kind: 'once', at: '2025-03-01T09:00:00Z' };

    expect(
      fieldsOf(() =>
        createActivity('01JNACTIVITY00000000000000', contact, { title: '  ', schedule: past }, ctx()),
      ),
    ).toEqual(['title', 'schedule.at']);
  });
});

describe('changing an activity', () => {
  it('pauses it and records the change', () => {
    const { activity: paused, changes } = updateActivity(activity(), { state: 'paused' }, ctx());

    expect(paused).toMatchObject({ state: 'paused', version: 2 });
    expect(changes).toEqual([{ field: 'state', from: 'active', to: 'paused' }]);
  });

  it('asks for a new time when a one-off whose time has passed is resumed', () => {
    const { activity: paused } = updateActivity(activity(), { state: 'paused' }, ctx());
    const later = ctx(new Date('2025-03-03T10:00:00Z'));

    expect(fieldsOf(() => updateActivity(paused, { state: 'active' }, later))).toEqual(['schedule.at']);
    const resumed = updateActivity(
      paused,
      { state: 'active', schedule: { kind: 'once', at: '2025-03-04T09:00:00Z' } },
      later,
    );
    expect(resumed.activity.state).toBe('active');
  });

  it('changes nothing, not even the version, when nothing differs', () => {
    const current = activity();

    const { activity: same, changes } = updateActivity(current, { title: 'Call about renewal' }, ctx());

    expect(changes).toEqual([]);
    expect(same).toBe(current);
  });

  it('clears the description with null', () => {
    const withDescription = createActivity(
      '01JNACTIVITY00000000000000',
      contact,
      { title: 'Call', description: 'Ask about the heat pump', schedule: tomorrow },
      ctx(),
    );

    const { activity: cleared } = updateActivity(withDescription, { description: null }, ctx());

    expect(cleared.description).toBeUndefined();
  });

  it('refuses any change to a cancelled activity', () => {
    const { activity: cancelled } = updateActivity(activity(), { state: 'cancelled' }, ctx());

    expect(() => updateActivity(cancelled, { state: 'active' }, ctx())).toThrow(ConflictError);
  });
});

describe('schedule checks', () => {
  it('checks only the form of a schedule that is not to run now', () => {
    const past: Schedule = { kind: 'once', at: '2020-01-01T00:00:00Z' };

    expect(scheduleProblems(past, 'Europe/Stockholm')).toEqual([]);
    expect(scheduleProblems(past, 'Europe/Stockholm', now)).toEqual([
      { name: 'schedule.at', reason: 'must be in the future' },
    ]);
  });
});

describe('task ids', () => {
  it('are made of the activity and the occurrence, so a repeated trigger meets the same id', () => {
    const occurrence = new Date('2025-03-02T08:00:00Z');

    expect(taskIdOf('01JNACTIVITY00000000000000', occurrence)).toBe(
      '01JNACTIVITY00000000000000-20250302T080000Z',
    );
    expect(taskIdOf('01JNACTIVITY00000000000000', new Date(occurrence))).toBe(
      taskIdOf('01JNACTIVITY00000000000000', occurrence),
    );
  });
});
