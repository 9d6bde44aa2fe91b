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
    };

    // Act
    await commitCaseChange({ cases: store, timers }, caseWith(before), caseWith({}, 2), {} as DomainEvent);

    // Assess
    expect(seenAtWrite).toEqual([before]);
    expect(timers.pending.size).toBe(0);
  });
});
