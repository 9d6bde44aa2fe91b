import { describe, expect, it } from 'vitest';
import type { Commission, Instalment } from '#domain/commissions/commission';
import { approve, hold, makeDue, pay, recoveredBy, release } from '#domain/commissions/instalment-moves';
import { ConflictError, NotFoundError } from '#domain/errors';
import { instalment, sampleCommission } from '../../../support/commission-fixture';

const change = { by: 'admin-1', now: '2027-01-10T08:00:00.000Z', today: '2027-01-10' };

const withInstalments = (...instalments: Instalment[]): Commission =>
  sampleCommission({ instalments, version: 4 });

const statuses = (c: Commission | undefined) => c?.instalments.map((i) => [i.id, i.status]);

function conflictOf(act: () => unknown): {
  code: string;
  fields: readonly { name: string; reason: string }[];
} {
  try {
    act();
  } catch (error) {
    if (error instanceof ConflictError) return { code: error.code, fields: error.fields };
    throw error;
  }
  throw new Error('expected a ConflictError');
}

describe('makeDue', () => {
  it('makes pending instalments due once their date has come, and leaves the others', () => {
    // Prepare
    const c = withInstalments(
      instalment({ id: '1-0', dueDate: '2027-01-01' }),
      instalment({ id: '2-0', dueDate: '2027-01-10' }),
      instalment({ id: '3-0', dueDate: '2027-01-11' }),
      instalment({ id: '4-0', dueDate: '2026-12-01', status: 'held' }),
    );

    // Act
    const next = makeDue(c, '2027-01-10', change);

    // Assess
    expect(statuses(next)).toEqual([
      ['1-0', 'due'],
      ['2-0', 'due'],
      ['3-0', 'pending'],
      ['4-0', 'held'],
    ]);
    expect(next?.instalments[0]?.dueAt).toBe(change.now);
    expect(next?.instalments[2]).not.toHaveProperty('dueAt');
    expect(next).toMatchObject({ version: 5, updatedAt: change.now, updatedBy: 'admin-1' });
  });

  it('is undefined when no pending instalment has come due', () => {
    const c = withInstalments(
      instalment({ id: '1-0', dueDate: '2027-01-11' }),
      instalment({ id: '2-0', dueDate: '2027-01-01', status: 'approved' }),
    );

    expect(makeDue(c, '2027-01-10', change)).toBeUndefined();
  });
});

describe('approve', () => {
  const c = withInstalments(
    instalment({ id: '1-0', status: 'due' }),
    instalment({
      id: '2-0',
      status: 'approved',
      approvedAt: '2027-01-02T00:00:00.000Z',
      approvedBy: 'admin-2',
    }),
    instalment({ id: '3-0', status: 'held' }),
    instalment({ id: '4-0', status: 'cancelled' }),
    instalment({ id: '5-0', status: 'pending' }),
    instalment({ id: '6-0', status: 'paid' }),
  );

  it('approves due instalments, recording who and when, and keeps approved ones as they were', () => {
    const next = approve(c, ['1-0', '2-0'], change);

    expect(next?.instalments[0]).toMatchObject({
      status: 'approved',
      approvedAt: change.now,
      approvedBy: 'admin-1',
    });
    expect(next?.instalments[1]).toBe(c.instalments[1]);
    expect(next?.version).toBe(5);
  });

  it('is undefined when nothing changed', () => {
    expect(approve(c, ['2-0'], change)).toBeUndefined();
  });

  it('refuses held, cancelled and pending instalments as in an invalid state', () => {
    expect(conflictOf(() => approve(c, ['3-0'], change))).toEqual({
      code: 'invalid-state',
      fields: [{ name: 'instalmentId', reason: 'is held' }],
    });
    expect(conflictOf(() => approve(c, ['4-0'], change)).code).toBe('invalid-state');
    expect(conflictOf(() => approve(c, ['1-0', '5-0'], change)).code).toBe('invalid-state');
  });

  it('refuses a paid instalment as already paid', () => {
    expect(conflictOf(() => approve(c, ['6-0'], change))).toEqual({
      code: 'already-paid',
      fields: [{ name: 'instalmentId', reason: 'is paid' }],
    });
  });

  it('refuses an instalment the commission does not have', () => {
    expect(() => approve(c, ['1-0', '9-9'], change)).toThrow(NotFoundError);
  });
});

describe('hold and release', () => {
  it('holds a pending, due or approved instalment with the reason', () => {
    const c = withInstalments(
      instalment({ id: '1-0', status: 'pending' }),
      instalment({ id: '2-0', status: 'due' }),
      instalment({ id: '3-0', status: 'approved' }),
    );

    const held = ['1-0', '2-0', '3-0'].map((id) => hold(c, id, 'missing invoice', change));

    expect(held.map((h, i) => h?.instalments[i])).toEqual(
      c.instalments.map((i) => ({ ...i, status: 'held', heldAt: change.now, holdReason: 'missing invoice' })),
    );
  });

  it('leaves a held instalment held, and refuses paid and cancelled ones', () => {
    const c = withInstalments(
      instalment({ id: '1-0', status: 'held' }),
      instalment({ id: '2-0', status: 'paid' }),
      instalment({ id: '3-0', status: 'cancelled' }),
    );

    expect(hold(c, '1-0', 'again', change)).toBeUndefined();
    expect(conflictOf(() => hold(c, '2-0', 'dispute', change)).code).toBe('already-paid');
    expect(conflictOf(() => hold(c, '3-0', 'dispute', change)).code).toBe('invalid-state');
    expect(() => hold(c, '4-0', 'dispute', change)).toThrow(NotFoundError);
  });

  it('releases to due when the date has passed, keeping when it first became due, and drops the approval', () => {
    // Prepare
    const c = withInstalments(
      instalment({
        id: '1-0',
        dueDate: '2027-01-01',
        status: 'held',
        dueAt: '2027-01-01T03:00:00.000Z',
        approvedAt: '2027-01-02T00:00:00.000Z',
        approvedBy: 'admin-2',
        heldAt: '2027-01-03T00:00:00.000Z',
        holdReason: 'dispute',
      }),
      instalment({ id: '2-0', dueDate: '2027-01-05', status: 'held', heldAt: '2027-01-03T00:00:00.000Z' }),
    );

    // Act
    const first = release(c, '1-0', '2027-01-10', change);
    const second = release(c, '2-0', '2027-01-10', change);

    // Assess
    expect(first?.instalments[0]).toEqual({
      id: '1-0',
      userId: 'seller-1',
      step: 1,
      dueDate: '2027-01-01',
      amountMinor: 10_000,
      status: 'due',
      dueAt: '2027-01-01T03:00:00.000Z',
    });
    expect(second?.instalments[1]).toEqual({
      id: '2-0',
      userId: 'seller-1',
      step: 1,
      dueDate: '2027-01-05',
      amountMinor: 10_000,
      status: 'due',
      dueAt: change.now,
    });
  });

  it('releases to pending when the date has not come yet', () => {
    const c = withInstalments(
      instalment({ id: '1-0', dueDate: '2027-02-01', status: 'held', holdReason: 'x' }),
    );

    const next = release(c, '1-0', '2027-01-10', change);

    expect(next?.instalments[0]).toEqual({
      id: '1-0',
      userId: 'seller-1',
      step: 1,
      dueDate: '2027-02-01',
      amountMinor: 10_000,
      status: 'pending',
    });
  });

  it('refuses to release an instalment that is not held', () => {
    const c = withInstalments(instalment({ id: '1-0', status: 'due' }));

    expect(conflictOf(() => release(c, '1-0', '2027-01-10', change)).code).toBe('invalid-state');
  });
});

describe('pay', () => {
  it('pays approved instalments with the payment reference', () => {
    // Prepare
    const c = withInstalments(instalment({ id: '1-0', status: 'approved', amountMinor: 3_000 }));

    // Act
    const next = pay(c, ['1-0'], 'PAY-2027-01', new Map(), change);

    // Assess
    expect(next?.instalments[0]).toEqual({
      id: '1-0',
      userId: 'seller-1',
      step: 1,
      dueDate: '2027-01-01',
      amountMinor: 3_000,
      status: 'paid',
      paidAt: change.now,
      paidOn: change.today,
      paidBy: 'admin-1',
      paymentReference: 'PAY-2027-01',
    });
    expect(next?.version).toBe(5);
  });

  it('recovers what the participant owes before paying out, drawing the debt down', () => {
    // Prepare
    const c = withInstalments(
      instalment({ id: '1-0', status: 'approved', amountMinor: 3_000 }),
      instalment({ id: '1-1', userId: 'seller-2', status: 'approved', amountMinor: 3_000 }),
    );
    const debts = new Map([
      ['seller-1', 5_000],
      ['seller-3', 700],
    ]);

    // Act
    const next = pay(c, ['1-0', '1-1'], 'PAY-2027-01', debts, change);

    // Assess
    expect(next?.instalments[0]?.recoveredMinor).toBe(3_000);
    expect(next?.instalments[1]).not.toHaveProperty('recoveredMinor');
    expect([...debts]).toEqual([
      ['seller-1', 2_000],
      ['seller-3', 700],
    ]);
    expect(recoveredBy(c, next!)).toEqual(new Map([['seller-1', 3_000]]));
  });

  it('recovers from several instalments in turn until the debt is settled', () => {
    const c = withInstalments(
      instalment({ id: '1-0', status: 'approved', amountMinor: 3_000 }),
      instalment({ id: '2-0', status: 'approved', amountMinor: 3_000 }),
    );
    const debts = new Map([['seller-1', 5_000]]);

    const next = pay(c, ['1-0', '2-0'], 'PAY', debts, change);

    expect(next?.instalments.map((i) => i.recoveredMinor)).toEqual([3_000, 2_000]);
    expect(debts.get('seller-1')).toBe(0);
    expect(recoveredBy(c, next!)).toEqual(new Map([['seller-1', 5_000]]));
  });

  it('refuses instalments that are not approved', () => {
    const c = withInstalments(
      instalment({ id: '1-0', status: 'due' }),
      instalment({ id: '2-0', status: 'paid' }),
    );

    expect(conflictOf(() => pay(c, ['1-0'], 'PAY', new Map(), change)).code).toBe('invalid-state');
    expect(conflictOf(() => pay(c, ['2-0'], 'PAY', new Map(), change)).code).toBe('already-paid');
  });

  it('refuses an unknown instalment', () => {
    const c = withInstalments(instalment({ id: '1-0', status: 'approved' }));

    expect(() => pay(c, ['1-0', 'nope'], 'PAY', new Map(), change)).toThrow(NotFoundError);
  });
});
