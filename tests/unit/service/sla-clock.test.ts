import { describe, expect, it } from 'vitest';
import type { BusinessCalendar } from '#domain/service/service-settings';
import {
  breachIfDue,
  meetTarget,
  pauseTarget,
  replanTarget,
  resumeTarget,
  type SlaTarget,
  startTarget,
  targetView,
} from '#domain/service/sla-clock';

const office = [{ from: '08:00', to: '17:00' }];
/** Mon–Fri 08:00–17:00, Swedish holidays; UTC+1 in winter, UTC+2 in summer. */
const stockholm: BusinessCalendar = {
  id: 'sto',
  name: 'Stockholm office',
  timeZone: 'Europe/Stockholm',
  weekly: { mon: office, tue: office, wed: office, thu: office, fri: office, sat: [], sun: [] },
  holidayCountry: 'SE',
  closedDates: [],
};

const at = (instant: string) => new Date(instant);
const twoDays = { minutes: 1080, warnAtBasisPoints: 8000 };
// Monday 12 January 2026, 09:00 CET. Due Wednesday 09:00; the warning at 864 minutes, Tuesday 14:24.
const started = startTarget(stockholm, twoDays, at('2026-01-12T08:00:00Z'));
// Paused Tuesday 10:00 CET.
const paused = pauseTarget(started, at('2026-01-13T09:00:00Z'));

describe('starting a target', () => {
  it('is due when its business minutes have passed, and warns at its share of them', () => {
    expect(started).toEqual({
      minutes: 1080,
      startedAt: '2026-01-12T08:00:00.000Z',
      dueAt: '2026-01-14T08:00:00.000Z',
      warnAt: '2026-01-13T13:24:00.000Z',
      pausedMinutes: 0,
      status: 'running',
    });
  });

  it('counts from the next opening when started on a Saturday', () => {
    const target = startTarget(
      stockholm,
      { minutes: 60, warnAtBasisPoints: 8000 },
      at('2026-01-17T09:00:00Z'),
    );
    expect(target).toMatchObject({ dueAt: '2026-01-19T08:00:00.000Z', warnAt: '2026-01-19T07:48:00.000Z' });
  });

  it('counts over the spring change', () => {
    // Friday 16:00 CET: the warning at Friday's close, due Monday 09:00 CEST.
    const target = startTarget(
      stockholm,
      { minutes: 120, warnAtBasisPoints: 5000 },
      at('2026-03-27T15:00:00Z'),
    );
    expect(target).toMatchObject({ dueAt: '2026-03-30T07:00:00.000Z', warnAt: '2026-03-27T16:00:00.000Z' });
  });
});

describe('pausing and resuming', () => {
  it('stops the clock of a running target', () => {
    expect(paused).toEqual({ ...started, status: 'paused', pausedSince: '2026-01-13T09:00:00.000Z' });
  });

  it('moves the due times on by the business minutes paused', () => {
    // Resumed Wednesday 10:00 CET: Tuesday 10–17 and Wednesday 08–10 make 540 minutes, a whole day.
    const resumed = resumeTarget(stockholm, paused, at('2026-01-14T09:00:00Z'), 8000);
    expect(resumed).toEqual({
      ...started,
      pausedMinutes: 540,
      dueAt: '2026-01-15T08:00:00.000Z',
      warnAt: '2026-01-14T13:24:00.000Z',
    });
  });

  it('counts a pause over a weekend in business minutes only', () => {
    // Started Thursday 15 January 08:00 CET, 600 minutes: due Friday 09:00, warning Thursday 13:00.
    const target = startTarget(
      stockholm,
      { minutes: 600, warnAtBasisPoints: 5000 },
      at('2026-01-15T07:00:00Z'),
    );
    // Paused Thursday 16:00 to Monday 09:00: 60 + 540 + 60 minutes.
    const resumed = resumeTarget(
      stockholm,
      pauseTarget(target, at('2026-01-15T15:00:00Z')),
      at('2026-01-19T08:00:00Z'),
      5000,
    );
    expect(resumed).toMatchObject({
      pausedMinutes: 660,
      dueAt: '2026-01-19T10:00:00.000Z',
      warnAt: '2026-01-16T14:00:00.000Z',
      status: 'running',
    });
  });

  it('counts a pause over Christmas in business minutes only', () => {
    // Started Wednesday 23 December 08:00 CET, 480 minutes; paused 12:00 to Monday 28 December 12:00.
    const target = startTarget(
      stockholm,
      { minutes: 480, warnAtBasisPoints: 8000 },
      at('2026-12-23T07:00:00Z'),
    );
    const resumed = resumeTarget(
      stockholm,
      pauseTarget(target, at('2026-12-23T11:00:00Z')),
      at('2026-12-28T11:00:00Z'),
      8000,
    );
    expect(target.dueAt).toBe('2026-12-23T15:00:00.000Z');
    // 300 minutes on Wednesday, 240 on Monday; Thursday and Friday are Christmas Eve and Day.
    expect(resumed).toMatchObject({
      pausedMinutes: 540,
      dueAt: '2026-12-28T15:00:00.000Z',
      warnAt: '2026-12-28T13:24:00.000Z',
    });
  });

  it('keeps the paused minutes over several pauses', () => {
    const once = resumeTarget(stockholm, paused, at('2026-01-14T09:00:00Z'), 8000);
    // Paused again Wednesday 16:00 to 17:00 CET.
    const twice = resumeTarget(
      stockholm,
      pauseTarget(once, at('2026-01-14T15:00:00Z')),
      at('2026-01-14T16:00:00Z'),
      8000,
    );
    expect(twice).toMatchObject({ pausedMinutes: 600, dueAt: '2026-01-15T09:00:00.000Z' });
  });

  it('leaves a paused target paused, and met, breached or running targets as they are', () => {
    expect(pauseTarget(paused, at('2026-01-13T10:00:00Z'))).toBe(paused);
    const met = meetTarget(started, at('2026-01-12T09:00:00Z'));
    expect(pauseTarget(met, at('2026-01-12T10:00:00Z'))).toBe(met);
    expect(resumeTarget(stockholm, started, at('2026-01-12T10:00:00Z'), 8000)).toBe(started);
    expect(resumeTarget(stockholm, met, at('2026-01-12T10:00:00Z'), 8000)).toBe(met);
  });

  it('breaches rather than pauses a target already past due', () => {
    expect(pauseTarget(started, at('2026-01-14T08:30:00Z'))).toEqual({
      ...started,
      status: 'breached',
      breachedAt: '2026-01-14T08:00:00.000Z',
    });
  });
});

describe('meeting a target', () => {
  it('is met up to its due time', () => {
    expect(meetTarget(started, at('2026-01-14T08:00:00Z'))).toEqual({
      ...started,
      status: 'met',
      metAt: '2026-01-14T08:00:00.000Z',
    });
  });

  it('is breached at its due time when met later', () => {
    expect(meetTarget(started, at('2026-01-14T09:00:00Z'))).toEqual({
      ...started,
      status: 'breached',
      breachedAt: '2026-01-14T08:00:00.000Z',
      metAt: '2026-01-14T09:00:00.000Z',
    });
  });

  it('stays breached once breached, but records when it was met', () => {
    const breached = breachIfDue(started, at('2026-01-14T08:00:00Z'));
    const met = meetTarget(breached, at('2026-01-15T08:00:00Z'));
    expect(met).toEqual({ ...breached, metAt: '2026-01-15T08:00:00.000Z' });
    expect(meetTarget(met, at('2026-01-16T08:00:00Z'))).toBe(met);
  });

  it('is met while paused, as its clock was stopped', () => {
    const { pausedSince: _, ...rest } = paused;
    expect(meetTarget(paused, at('2026-01-15T08:00:00Z'))).toEqual({
      ...rest,
      status: 'met',
      metAt: '2026-01-15T08:00:00.000Z',
    });
  });

  it('stays met', () => {
    const met = meetTarget(started, at('2026-01-12T09:00:00Z'));
    expect(meetTarget(met, at('2026-01-12T10:00:00Z'))).toBe(met);
  });
});

describe('recording a breach', () => {
  it('breaches a running target at its due time, not before', () => {
    expect(breachIfDue(started, at('2026-01-14T07:59:59.999Z'))).toBe(started);
    expect(breachIfDue(started, at('2026-01-14T12:00:00Z'))).toEqual({
      ...started,
      status: 'breached',
      breachedAt: '2026-01-14T08:00:00.000Z',
    });
  });

  it('never breaches a paused target', () => {
    expect(breachIfDue(paused, at('2026-02-01T12:00:00Z'))).toBe(paused);
  });
});

describe('replanning a target', () => {
  it('works the due times out again from the start for a new allowance', () => {
    // 240 minutes from Monday 09:00 CET: due 13:00, the warning at 192 minutes, 12:12.
    const urgent = replanTarget(
      stockholm,
      started,
      { minutes: 240, warnAtBasisPoints: 8000 },
      at('2026-01-12T09:00:00Z'),
    );
    expect(urgent).toEqual({
      ...started,
      minutes: 240,
      dueAt: '2026-01-12T12:00:00.000Z',
      warnAt: '2026-01-12T11:12:00.000Z',
    });
  });

  it('keeps the paused minutes', () => {
    const resumed = resumeTarget(stockholm, paused, at('2026-01-14T09:00:00Z'), 8000);
    // 2 160 + 540 minutes from Monday 09:00 CET is Monday 19 January 09:00; 1 620 + 540 is Friday 09:00.
    const low = replanTarget(
      stockholm,
      resumed,
      { minutes: 2160, warnAtBasisPoints: 7500 },
      at('2026-01-14T10:00:00Z'),
    );
    expect(low).toMatchObject({
      minutes: 2160,
      pausedMinutes: 540,
      dueAt: '2026-01-19T08:00:00.000Z',
      warnAt: '2026-01-16T08:00:00.000Z',
      status: 'running',
    });
  });

  it('breaches a target already past its new due time', () => {
    const urgent = replanTarget(
      stockholm,
      started,
      { minutes: 240, warnAtBasisPoints: 8000 },
      at('2026-01-12T13:00:00Z'),
    );
    expect(urgent).toMatchObject({ status: 'breached', breachedAt: '2026-01-12T12:00:00.000Z' });
  });

  it('breaches a paused target whose new due time came before its pause', () => {
    // Paused Tuesday 10:00; 60 minutes were up on Monday 10:00.
    const urgent = replanTarget(
      stockholm,
      paused,
      { minutes: 60, warnAtBasisPoints: 8000 },
      at('2026-01-14T09:00:00Z'),
    );
    expect(urgent).toMatchObject({ status: 'breached', breachedAt: '2026-01-12T09:00:00.000Z' });
    expect(urgent.pausedSince).toBeUndefined();
  });

  it('keeps a paused target paused when its new due time is after the pause', () => {
    const longer = replanTarget(
      stockholm,
      paused,
      { minutes: 1620, warnAtBasisPoints: 8000 },
      at('2026-01-14T09:00:00Z'),
    );
    expect(longer).toMatchObject({ status: 'paused', dueAt: '2026-01-15T08:00:00.000Z' });
  });

  it('leaves a met or breached target as it is', () => {
    const met = meetTarget(started, at('2026-01-12T09:00:00Z'));
    const breached = breachIfDue(started, at('2026-01-14T08:00:00Z'));
    const allowance = { minutes: 60, warnAtBasisPoints: 8000 };
    expect(replanTarget(stockholm, met, allowance, at('2026-01-12T10:00:00Z'))).toBe(met);
    expect(replanTarget(stockholm, breached, allowance, at('2026-01-14T10:00:00Z'))).toBe(breached);
  });
});

describe('a target as of now', () => {
  const view = (target: SlaTarget, now: string) => targetView(stockholm, target, at(now));

  it('counts the business minutes left of a running target', () => {
    // Monday 16:00 CET: an hour on Monday, Tuesday, an hour on Wednesday.
    expect(view(started, '2026-01-12T15:00:00Z')).toEqual({
      ...started,
      businessMinutesLeft: 660,
      pausedMinutesSoFar: 0,
    });
  });

  it('shows a running target past its due time as breached before the breach is recorded', () => {
    // Wednesday 11:00 CET, two hours past due.
    expect(view(started, '2026-01-14T10:00:00Z')).toMatchObject({
      status: 'breached',
      businessMinutesLeft: -120,
    });
  });

  it('counts a paused target to its pause, and the pause so far', () => {
    // Paused Tuesday 10:00 CET, due Wednesday 09:00: 420 + 60 minutes left; paused 540 minutes by Wednesday 10:00.
    expect(view(paused, '2026-01-14T09:00:00Z')).toMatchObject({
      status: 'paused',
      businessMinutesLeft: 480,
      pausedMinutesSoFar: 540,
    });
  });

  it('has nothing left once met', () => {
    const met = meetTarget(started, at('2026-01-12T09:00:00Z'));
    expect(view(met, '2026-01-20T09:00:00Z')).toMatchObject({ status: 'met', businessMinutesLeft: 0 });
  });

  it('counts a target met late to when it was met', () => {
    const late = meetTarget(started, at('2026-01-14T09:00:00Z'));
    expect(view(late, '2026-01-20T09:00:00Z')).toMatchObject({
      status: 'breached',
      businessMinutesLeft: -60,
    });
  });
});
