import { describe, expect, it } from 'vitest';
import { clawBack, monthsServed } from '#domain/commissions/clawback';
import type { Commission } from '#domain/commissions/commission';
import type { Contract } from '#domain/contracts/contract';
import { instalment, ruleVersion, sampleCommission } from '../../../support/commission-fixture';
import { sampleContract } from '../../../support/contract-fixture';

const change = { by: 'system', now: '2027-04-20T06:00:00.000Z', today: '2027-04-20' };

/** €1 000.01 in steps: seller-1 has €315.01 paid and €135 pending, seller-2 €210 paid and €90 approved. */
const commission = (clawback = { windowMonths: 12, proRata: false }): Commission =>
  sampleCommission({
    rule: ruleVersion({ clawback }),
    totalMinor: 100_001,
    companyMinor: 25_000,
    salesMinor: 75_001,
    participants: [
      { userId: 'seller-1', shareBasisPoints: 6_000, amountMinor: 45_001 },
      { userId: 'seller-2', shareBasisPoints: 4_000, amountMinor: 30_000 },
    ],
    instalments: [
      instalment({
        id: '1-0',
        userId: 'seller-1',
        amountMinor: 31_501,
        status: 'paid',
        paidAt: '2027-01-20T00:00:00.000Z',
      }),
      instalment({ id: '2-0', userId: 'seller-1', step: 2, dueDate: '2028-01-01', amountMinor: 13_500 }),
      instalment({
        id: '1-1',
        userId: 'seller-2',
        amountMinor: 21_000,
        status: 'paid',
        paidAt: '2027-01-20T00:00:00.000Z',
      }),
      instalment({ id: '2-1', userId: 'seller-2', step: 2, amountMinor: 9_000, status: 'approved' }),
    ],
    version: 3,
  });

const terminated = (endDate: string): Contract =>
  sampleContract({ state: 'terminated', supplyStartDate: '2027-01-01', endDate });

describe('monthsServed', () => {
  it('counts whole calendar months from the start', () => {
    expect(monthsServed('2027-01-01', '2027-01-01')).toBe(0);
    expect(monthsServed('2027-01-01', '2027-04-15')).toBe(3);
    expect(monthsServed('2027-01-15', '2027-03-14')).toBe(2);
    expect(monthsServed('2027-01-01', '2028-06-15')).toBe(17);
  });

  it('counts a month once its last day was served', () => {
    // The contract's endDate is its last day of supply: supplied 1 January to 31 March is three months.
    expect(monthsServed('2027-01-01', '2027-03-31')).toBe(3);
    expect(monthsServed('2027-01-01', '2027-12-31')).toBe(12);
  });
});

describe('clawBack', () => {
  it('claws back a withdrawn contract entirely: open instalments cancelled, paid ones owed back', () => {
    // Prepare
    const withdrawn = sampleContract({ state: 'withdrawn' });

    // Act
    const next = clawBack(commission(), withdrawn, '2027-04-20', change);

    // Assess
    expect(next).toMatchObject({
      state: 'clawed-back',
      clawbacks: [
        { userId: 'seller-1', amountMinor: -31_501, at: change.now, instalmentIds: ['1-0'] },
        { userId: 'seller-2', amountMinor: -21_000, at: change.now, instalmentIds: ['1-1'] },
      ],
      companyClawbackMinor: -25_000,
      clawedBackAt: change.now,
      clawbackReason: 'withdrawn',
      version: 4,
      updatedAt: change.now,
      updatedBy: 'system',
    });
    expect(next?.instalments.map((i) => [i.id, i.status, i.cancelledAt])).toEqual([
      ['1-0', 'paid', undefined],
      ['2-0', 'cancelled', change.now],
      ['1-1', 'paid', undefined],
      ['2-1', 'cancelled', change.now],
    ]);
  });

  it('gives one entry per participant for all their paid instalments, and none to one paid nothing', () => {
    // Prepare
    const base = commission();
    const c: Commission = {
      ...base,
      instalments: base.instalments.map((i) =>
        i.userId === 'seller-1' ? { ...i, status: 'paid' } : { ...i, status: 'due' },
      ),
    };

    // Act
    const next = clawBack(c, sampleContract({ state: 'withdrawn' }), '2027-04-20', change);

    // Assess
    expect(next?.clawbacks).toEqual([
      {
        userId: 'seller-1',
        amountMinor: -45_001,
        at: change.now,
        on: '2027-04-20',
        instalmentIds: ['1-0', '2-0'],
      },
    ]);
  });

  it('claws back nothing twice', () => {
    const once = clawBack(commission(), sampleContract({ state: 'withdrawn' }), '2027-04-20', change);

    expect(clawBack(once!, sampleContract({ state: 'withdrawn' }), '2027-04-21', change)).toBeUndefined();
  });

  it('claws back nothing for a termination after the window', () => {
    expect(clawBack(commission(), terminated('2028-01-01'), '2028-01-02', change)).toBeUndefined();
    expect(clawBack(commission(), terminated('2028-06-30'), '2028-07-01', change)).toBeUndefined();
  });

  it('claws back a contract that served its whole window to its last day for nothing', () => {
    // Supplied from 1 January to 31 December 2027: the twelve months of the window were served.
    expect(clawBack(commission(), terminated('2027-12-31'), '2028-01-01', change)).toBeUndefined();
  });

  it('claws back everything paid for a termination within the window without pro rata', () => {
    const next = clawBack(commission(), terminated('2027-04-15'), '2027-04-20', change);

    expect(next?.clawbacks.map((e) => [e.userId, e.amountMinor])).toEqual([
      ['seller-1', -31_501],
      ['seller-2', -21_000],
    ]);
    expect(next?.companyClawbackMinor).toBe(-25_000);
    expect(next?.clawbackReason).toBe('terminated');
  });

  it('claws back pro rata the months of the window not served, rounded half away from zero', () => {
    // Prepare: three months of a twelve-month window served, so 9/12 goes back
    const c = commission({ windowMonths: 12, proRata: true });

    // Act
    const next = clawBack(c, terminated('2027-04-15'), '2027-04-20', change);

    // Assess: 31 501 × 9/12 = 23 625.75; 21 000 × 9/12 = 15 750; 25 000 × 9/12 = 18 750
    expect(next?.clawbacks.map((e) => [e.userId, e.amountMinor])).toEqual([
      ['seller-1', -23_626],
      ['seller-2', -15_750],
    ]);
    expect(next?.companyClawbackMinor).toBe(-18_750);
    expect(next?.instalments.map((i) => i.status)).toEqual(['paid', 'cancelled', 'paid', 'cancelled']);
  });

  it('counts a termination without an end date up to today, from the requested start without a supply start', () => {
    const contract = sampleContract({ state: 'terminated' });

    const next = clawBack(commission({ windowMonths: 12, proRata: true }), contract, '2027-07-15', change);

    expect(next?.clawbacks.map((e) => e.amountMinor)).toEqual([-15_751, -10_500]);
    expect(next?.companyClawbackMinor).toBe(-12_500);
  });
});
