import { type BucketDelta, difference, mergeDeltas } from '#domain/sales/reports/bucket-delta';
import type { BucketTotal } from '#domain/sales/reports/sales-aggregates';
import type { Commission } from './commission';

/**
 * The statements' aggregates: per participant and month, and the company
 * part per month and product. A commission contributes to them by what it
 * is now; each change moves them by the difference (see `bucket-delta.ts`).
 * Every month is the tenant's: of the signing day, the due date, and the
 * days things were paid, cancelled and clawed back.
 */
export type LedgerBucket =
  | { readonly kind: 'participant'; readonly userId: string; readonly month: string }
  | { readonly kind: 'company'; readonly month: string; readonly productCode: string };

export const participantCounters = ['earned', 'due', 'paid', 'recovered', 'clawedBack', 'cancelled'] as const;
export type ParticipantCounter = (typeof participantCounters)[number];

const monthOf = (day: string) => day.slice(0, 7);

const participant = (
  userId: string,
  at: string,
  counter: ParticipantCounter,
  amount: number,
): BucketDelta<LedgerBucket> => ({
  bucket: { kind: 'participant', userId, month: monthOf(at) },
  amounts: { [counter]: amount },
});

/** What a commission adds to the aggregates as it stands. */
export function contributions(c: Commission | undefined): BucketDelta<LedgerBucket>[] {
  if (!c) return [];
  const deltas: BucketDelta<LedgerBucket>[] = c.participants.map((p) =>
    participant(p.userId, c.signedOn, 'earned', p.amountMinor),
  );
  for (const i of c.instalments) {
    if (i.dueAt !== undefined) deltas.push(participant(i.userId, i.dueDate, 'due', i.amountMinor));
    if (i.status === 'paid' && i.paidOn) {
      deltas.push(participant(i.userId, i.paidOn, 'paid', i.amountMinor));
      if (i.recoveredMinor) deltas.push(participant(i.userId, i.paidOn, 'recovered', i.recoveredMinor));
    }
    if (i.status === 'cancelled' && i.cancelledOn) {
      deltas.push(participant(i.userId, i.cancelledOn, 'cancelled', i.amountMinor));
    }
  }
  for (const entry of c.clawbacks)
    deltas.push(participant(entry.userId, entry.on, 'clawedBack', -entry.amountMinor));
  const company = (at: string) => ({
    kind: 'company' as const,
    month: monthOf(at),
    productCode: c.productCode,
  });
  deltas.push({ bucket: company(c.signedOn), amounts: { earned: c.companyMinor } });
  if (c.companyClawbackMinor && c.clawedBackOn) {
    deltas.push({ bucket: company(c.clawedBackOn), amounts: { clawedBack: -c.companyClawbackMinor } });
  }
  return mergeDeltas(deltas);
}

/** What a change of a commission moves in the aggregates: the difference of its contributions. */
export const ledgerMoves = (previous: Commission, next: Commission): BucketDelta<LedgerBucket>[] =>
  difference(contributions(previous), contributions(next));

/** One participant's month (R-CM-3): what moved, and the balance carried from before. */
export interface Statement {
  readonly userId: string;
  readonly month: string;
  readonly currency: string;
  readonly openingBalanceMinor: number;
  readonly earnedMinor: number;
  readonly dueMinor: number;
  readonly paidMinor: number;
  /** Of what was paid, what settled clawed-back debt instead of reaching the seller. */
  readonly recoveredMinor: number;
  readonly clawedBackMinor: number;
  readonly cancelledMinor: number;
  /**
   * What the company owes the seller (earned, not yet paid or cancelled) less
   * what the seller owes back; negative balances carry into the next month.
   */
  readonly balanceMinor: number;
}

const counter = (t: BucketTotal<LedgerBucket>, name: ParticipantCounter) => t.amounts[name] ?? 0;

/** The net change of the balance in one month's bucket. */
const net = (t: BucketTotal<LedgerBucket>) =>
  counter(t, 'earned') -
  counter(t, 'cancelled') -
  counter(t, 'paid') -
  counter(t, 'clawedBack') +
  counter(t, 'recovered');

/** The statement of `month` from the participant's buckets of every month up to it. */
export function statementOf(
  userId: string,
  month: string,
  currency: string,
  buckets: readonly BucketTotal<LedgerBucket>[],
): Statement {
  const before = buckets.filter((b) => b.bucket.month < month);
  const current = buckets.filter((b) => b.bucket.month === month);
  const sum = (name: ParticipantCounter) => current.reduce((a, t) => a + counter(t, name), 0);
  const opening = before.reduce((a, t) => a + net(t), 0);
  return {
    userId,
    month,
    currency,
    openingBalanceMinor: opening,
    earnedMinor: sum('earned'),
    dueMinor: sum('due'),
    paidMinor: sum('paid'),
    recoveredMinor: sum('recovered'),
    clawedBackMinor: sum('clawedBack'),
    cancelledMinor: sum('cancelled'),
    balanceMinor: opening + current.reduce((a, t) => a + net(t), 0),
  };
}
