import { describe, expect, it } from 'vitest';
import type { Commission } from '#domain/commissions/commission';
import { contributions, type LedgerBucket, statementOf } from '#domain/commissions/commission-ledger';
import { mergeDeltas } from '#domain/sales/reports/bucket-delta';
import type { BucketTotal } from '#domain/sales/reports/sales-aggregates';
import { instalment, sampleCommission } from '../../../support/commission-fixture';

/** January: 100 earned, 70 paid and 30 cancelled, then the 70 clawed back. */
const january: Commission = sampleCommission({
  id: 'c-jan',
  signedOn: '2027-01-05',
  companyMinor: 40,
  participants: [{ userId: 'seller-1', shareBasisPoints: 10_000, amountMinor: 100 }],
  instalments: [
    instalment({
      id: '1-0',
      dueDate: '2027-01-10',
      amountMinor: 70,
      status: 'paid',
      dueAt: '2027-01-10T03:00:00.000Z',
      paidAt: '2027-01-20T12:00:00.000Z',
      paidOn: '2027-01-20',
    }),
    instalment({
      id: '2-0',
      step: 2,
      dueDate: '2027-07-10',
      amountMinor: 30,
      status: 'cancelled',
      cancelledAt: '2027-01-25T12:00:00.000Z',
      cancelledOn: '2027-01-25',
    }),
  ],
  state: 'clawed-back',
  clawbacks: [
    {
      userId: 'seller-1',
      amountMinor: -70,
      at: '2027-01-25T12:00:00.000Z',
      on: '2027-01-25',
      instalmentIds: ['1-0'],
    },
  ],
  companyClawbackMinor: -40,
  clawedBackAt: '2027-01-25T12:00:00.000Z',
  clawedBackOn: '2027-01-25',
});

/** February: 200 earned, 140 of it paid, of which 70 settled the January debt. */
const february: Commission = sampleCommission({
  id: 'c-feb',
  signedOn: '2027-02-03',
  companyMinor: 80,
  participants: [{ userId: 'seller-1', shareBasisPoints: 10_000, amountMinor: 200 }],
  instalments: [
    instalment({
      id: '1-0',
      dueDate: '2027-02-10',
      amountMinor: 140,
      status: 'paid',
      dueAt: '2027-02-10T03:00:00.000Z',
      paidAt: '2027-02-20T12:00:00.000Z',
      paidOn: '2027-02-20',
      recoveredMinor: 70,
    }),
    instalment({ id: '2-0', step: 2, dueDate: '2027-08-10', amountMinor: 60 }),
  ],
});

/** What the aggregates hold for seller-1 once both commissions contributed. */
const sellerBuckets = (): BucketTotal<LedgerBucket>[] =>
  mergeDeltas([...contributions(january), ...contributions(february)]).filter(
    (t) => t.bucket.kind === 'participant' && t.bucket.userId === 'seller-1',
  );

describe('contributions', () => {
  it('books a payment in the tenant’s month, not the UTC one', () => {
    // 00:30 on 1 March in Bratislava is 23:30 on 28 February UTC.
    const paid = sampleCommission({
      signedOn: '2027-02-01',
      participants: [{ userId: 'seller-1', shareBasisPoints: 10_000, amountMinor: 50 }],
      instalments: [
        instalment({
          id: '1-0',
          amountMinor: 50,
          status: 'paid',
          paidAt: '2027-02-28T23:30:00.000Z',
          paidOn: '2027-03-01',
        }),
      ],
    });

    expect(contributions(paid).filter((d) => d.bucket.kind === 'participant')).toEqual([
      { bucket: { kind: 'participant', userId: 'seller-1', month: '2027-02' }, amounts: { earned: 50 } },
      { bucket: { kind: 'participant', userId: 'seller-1', month: '2027-03' }, amounts: { paid: 50 } },
    ]);
  });

  it('adds a commission’s earned, due, paid, cancelled and clawed-back amounts to each month', () => {
    expect(contributions(january)).toEqual([
      {
        bucket: { kind: 'participant', userId: 'seller-1', month: '2027-01' },
        amounts: { earned: 100, due: 70, paid: 70, cancelled: 30, clawedBack: 70 },
      },
      {
        bucket: { kind: 'company', month: '2027-01', productCode: 'EL-FIX-27' },
        amounts: { earned: 40, clawedBack: 40 },
      },
    ]);
  });

  it('books what a payment recovered in the month it was paid', () => {
    expect(contributions(february)).toEqual([
      {
        bucket: { kind: 'participant', userId: 'seller-1', month: '2027-02' },
        amounts: { earned: 200, due: 140, paid: 140, recovered: 70 },
      },
      { bucket: { kind: 'company', month: '2027-02', productCode: 'EL-FIX-27' }, amounts: { earned: 80 } },
    ]);
  });

  it('books each amount in the month it happened', () => {
    // Prepare: signed in January, due and paid in March
    const c = sampleCommission({
      signedOn: '2027-01-31',
      instalments: [
        instalment({
          id: '1-0',
          dueDate: '2027-03-01',
          amountMinor: 75_000,
          status: 'paid',
          dueAt: '2027-03-01T03:00:00.000Z',
          paidAt: '2027-03-15T12:00:00.000Z',
          paidOn: '2027-03-15',
        }),
      ],
    });

    // Act
    const deltas = contributions(c);

    // Assess
    expect(deltas).toEqual([
      { bucket: { kind: 'participant', userId: 'seller-1', month: '2027-01' }, amounts: { earned: 75_000 } },
      {
        bucket: { kind: 'participant', userId: 'seller-1', month: '2027-03' },
        amounts: { due: 75_000, paid: 75_000 },
      },
      {
        bucket: { kind: 'company', month: '2027-01', productCode: 'EL-FIX-27' },
        amounts: { earned: 25_000 },
      },
    ]);
  });

  it('adds nothing for no commission', () => {
    expect(contributions(undefined)).toEqual([]);
  });
});

describe('statementOf', () => {
  it('carries a clawed-back debt as a negative balance', () => {
    const statement = statementOf('seller-1', '2027-01', 'EUR', sellerBuckets());

    expect(statement).toEqual({
      userId: 'seller-1',
      month: '2027-01',
      currency: 'EUR',
      openingBalanceMinor: 0,
      earnedMinor: 100,
      dueMinor: 70,
      paidMinor: 70,
      recoveredMinor: 0,
      clawedBackMinor: 70,
      cancelledMinor: 30,
      balanceMinor: -70,
    });
  });

  it('opens with the balance of the months before and settles the debt from what was recovered', () => {
    const statement = statementOf('seller-1', '2027-02', 'EUR', sellerBuckets());

    expect(statement).toEqual({
      userId: 'seller-1',
      month: '2027-02',
      currency: 'EUR',
      openingBalanceMinor: -70,
      earnedMinor: 200,
      dueMinor: 140,
      paidMinor: 140,
      recoveredMinor: 70,
      clawedBackMinor: 0,
      cancelledMinor: 0,
      balanceMinor: 60,
    });
  });

  it('ignores the months after the statement’s', () => {
    const statement = statementOf('seller-1', '2026-12', 'EUR', sellerBuckets());

    expect([statement.openingBalanceMinor, statement.earnedMinor, statement.balanceMinor]).toEqual([0, 0, 0]);
  });

  it('carries the balance through a month without movements', () => {
    const statement = statementOf('seller-1', '2027-03', 'EUR', sellerBuckets());

    expect([statement.openingBalanceMinor, statement.paidMinor, statement.balanceMinor]).toEqual([60, 0, 60]);
  });
});
