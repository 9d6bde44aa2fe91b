import { describe, expect, it } from 'vitest';
import { afterBatch, finished, jobView, type MoveCustomersJob } from '#domain/settings/job';

const job = (overrides: Partial<MoveCustomersJob> = {}): MoveCustomersJob => ({
  id: 'job-1',
  tenantId: 'tenant-se',
  createdAt: '2025-03-01T10:00:00.000Z',
  createdBy: 'admin',
  updatedAt: '2025-03-01T10:00:00.000Z',
  updatedBy: 'admin',
  version: 7,
  kind: 'move-customers',
  state: 'running',
  fromIndustryId: 'retail',
  toIndustryId: 'food',
  deleteSourceWhenDone: false,
  total: 10,
  done: 4,
  skipped: 0,
  failures: [],
  step: 2,
  phase: 'move',
  pass: 1,
  remaining: 0,
  cursor: 'c1',
  batch: ['a', 'b', 'c'],
  batchCursor: 'c2',
  ...overrides,
});

describe('afterBatch', () => {
  it('counts accounts moved now and by an earlier attempt as done, and goes on after the batch', () => {
    // Act
    const next = afterBatch(job(), { moved: 2, alreadyMoved: 1, gone: 0, refused: [] });

    // Assess
    expect(next).toMatchObject({ done: 7, total: 10, cursor: 'c2', phase: 'move' });
    expect(next.batch).toBeUndefined();
    expect(next.batchCursor).toBeUndefined();
  });

  it('drops accounts that left the industry from the total, and lists refused ones', () => {
    // Act
    const next = afterBatch(job(), {
      moved: 1,
      alreadyMoved: 0,
      gone: 1,
      refused: [{ accountId: 'c', reason: 'orgNumber: invalid' }],
    });

    // Assess
    expect(next).toMatchObject({ done: 5, skipped: 1, total: 9 });
    expect(next.failures).toEqual([{ accountId: 'c', reason: 'orgNumber: invalid' }]);
  });

  it('raises the total when more accounts were handled than were counted', () => {
    // Act
    const next = afterBatch(job({ total: 5 }), { moved: 3, alreadyMoved: 0, gone: 0, refused: [] });

    // Assess
    expect(next).toMatchObject({ done: 7, total: 7 });
  });

  it('goes on to the verify phase after the last batch', () => {
    // Act
    const { batchCursor: _last, ...lastBatch } = job();
    const next = afterBatch(lastBatch, { moved: 3, alreadyMoved: 0, gone: 0, refused: [] });

    // Assess
    expect(next.phase).toBe('verify');
    expect(next.cursor).toBeUndefined();
  });
});

describe('finished', () => {
  it('ends a job with done = total, its time, and no progress internals in what a client sees', () => {
    // Act
    const done = finished(job({ done: 10, total: 12 }), new Date('2025-03-01T10:05:00.000Z'));
    const view = jobView(done);

    // Assess
    expect(done).toMatchObject({
      state: 'done',
      done: 10,
      total: 10,
      finishedAt: '2025-03-01T10:05:00.000Z',
    });
    expect(Object.keys(view)).not.toEqual(expect.arrayContaining(['cursor']));
    expect(view).not.toHaveProperty('batch');
    expect(view).not.toHaveProperty('step');
  });

  it('fails a job with the reason', () => {
    // Act
    const failed = finished(job(), new Date('2025-03-01T10:05:00.000Z'), 'the industry is still in use');

    // Assess
    expect(failed).toMatchObject({ state: 'failed', error: 'the industry is still in use' });
  });
});
