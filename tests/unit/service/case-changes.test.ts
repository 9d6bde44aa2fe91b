import { describe, expect, it } from 'vitest';
import { VersionMismatchError } from '#domain/errors';
import type { DomainEvent } from '#domain/events';
import type { Case } from '#domain/service/case';
import { commitCaseChange } from '#domain/service/case-changes';
import type { CaseTimerInput } from '#domain/service/case-timers';

const timersAt = (warning: string, breach: string) => ({
  'resolution-warning': warning,
  'resolution-breach': breach,
});

const caseWith = (timers: Case['sla']['timers'], version = 1) =>
  ({ id: 'CASE', tenantId: 'T', version, status: 'open', sla: { timers } }) as unknown as Case;

function recordingTimers() {
  const pending = new Map<string, string>();
  return {
    pending,
    set: async (input: CaseTimerInput) => {
      pending.set(input.timer, input.at);
    },
    clear: async (_tenantId: string, _caseId: string, timer: string) => {
      pending.delete(timer);
    },
  };
}

describe('commitCaseChange', () => {
  it('puts the moved timers back when the write fails, so the case’s plan keeps its schedules', async () => {
    // Prepare
    const before = timersAt('2026-12-04T14:00:00.000Z', '2026-12-07T13:00:00.000Z');
    const after = timersAt('2026-12-01T09:48:00.000Z', '2026-12-01T10:00:00.000Z');
    const timers = recordingTimers();
    for (const [timer, at] of Object.entries(before)) timers.pending.set(timer, at);
    const failing = {
      change: async () => {
        throw new VersionMismatchError('case', 'CASE');
      },
      get: async () => caseWith(before),
    };

    // Act
    const outcome = await commitCaseChange(
      { cases: failing, timers },
      caseWith(before),
      caseWith(after, 2),
      {} as DomainEvent,
    ).catch((e: unknown) => e);

    // Assess
    expect(outcome).toBeInstanceOf(VersionMismatchError);
    expect(Object.fromEntries(timers.pending)).toEqual(before);
  });

  it('moves the timers before the write and clears the dropped ones after it', async () => {
    // Prepare
    const before = timersAt('2026-12-04T14:00:00.000Z', '2026-12-07T13:00:00.000Z');
    const timers = recordingTimers();
    for (const [timer, at] of Object.entries(before)) timers.pending.set(timer, at);
    const seenAtWrite: Record<string, string>[] = [];
    const store = {
      change: async () => {
        seenAtWrite.push(Object.fromEntries(timers.pending));
      },
      get: async () => undefined,
    };

    // Act
    await commitCaseChange({ cases: store, timers }, caseWith(before), caseWith({}, 2), {} as DomainEvent);

    // Assess
    expect(seenAtWrite).toEqual([before]);
    expect(timers.pending.size).toBe(0);
  });

  it('sets the timers a failed write moved to what the stored case plans, which another writer may have changed', async () => {
    // Prepare: this write moves the breach to 10:00; another write, which won, moved it to 12:00.
    const before = timersAt('2026-12-04T14:00:00.000Z', '2026-12-07T13:00:00.000Z');
    const mine = timersAt('2026-12-04T14:00:00.000Z', '2026-12-01T10:00:00.000Z');
    const theirs = timersAt('2026-12-04T14:00:00.000Z', '2026-12-01T12:00:00.000Z');
    const timers = recordingTimers();
    for (const [timer, at] of Object.entries(theirs)) timers.pending.set(timer, at);
    const store = {
      change: async () => {
        throw new VersionMismatchError('case', 'CASE');
      },
      get: async () => caseWith(theirs, 2),
    };

    // Act
    await commitCaseChange(
      { cases: store, timers },
      caseWith(before),
      caseWith(mine, 2),
      {} as DomainEvent,
    ).catch(() => undefined);

    // Assess
    expect(Object.fromEntries(timers.pending)).toEqual(theirs);
  });

  it('sets no timer it dropped again when its write fails, and keeps the write’s error when the scheduler fails too', async () => {
    // Prepare: a breach timer acts (the plan drops it) and re-plans the warning; the write and the scheduler fail.
    const before = timersAt('2026-12-04T14:00:00.000Z', '2026-12-07T13:00:00.000Z');
    const after = { 'resolution-warning': '2026-12-03T14:00:00.000Z' };
    const calls: string[] = [];
    const timers = {
      set: async (input: CaseTimerInput) => {
        calls.push(`set ${input.timer} ${input.at}`);
        if (calls.length > 1) throw new Error('throttled');
      },
      clear: async (_t: string, _c: string, timer: string) => {
        calls.push(`clear ${timer}`);
      },
    };
    const store = {
      change: async () => {
        throw new VersionMismatchError('case', 'CASE');
      },
      get: async () => caseWith(before),
    };

    // Act
    const outcome = await commitCaseChange(
      { cases: store, timers },
      caseWith(before),
      caseWith(after, 2),
      {} as DomainEvent,
    ).catch((e: unknown) => e);

    // Assess
    expect(outcome).toBeInstanceOf(VersionMismatchError);
    expect(calls).toEqual([
      'set resolution-warning 2026-12-03T14:00:00.000Z',
      'set resolution-warning 2026-12-04T14:00:00.000Z',
    ]);
  });
});
