import type { Contract } from '#domain/contracts/contract';
import { plusDays, plusMonths } from '#domain/contracts/supply-start';
import { divideRoundingHalfAwayFromZero } from '#domain/energy/exact';
import type { ClawbackEntry, Commission, InstalmentStatus } from './commission';
import type { Change } from './instalment-moves';

/** Whole months from `start` to `end`, the last day of supply: each month counted once its last day was served. */
export function monthsServed(start: string, end: string): number {
  const dayAfter = plusDays(end, 1);
  let months = 0;
  while (plusMonths(start, months + 1) <= dayAfter) months += 1;
  return months;
}

/** The share of what was paid that goes back, as a fraction; undefined when nothing does. */
function clawedShare(
  c: Commission,
  contract: Contract,
  today: string,
): { numerator: number; denominator: number } | undefined {
  if (contract.state === 'withdrawn') return { numerator: 1, denominator: 1 };
  const { windowMonths, proRata } = c.rule.clawback;
  const start = contract.supplyStartDate ?? contract.requestedStartDate;
  const end = contract.endDate ?? today;
  const served = monthsServed(start, end);
  if (served >= windowMonths) return undefined;
  return proRata
    ? { numerator: windowMonths - served, denominator: windowMonths }
    : { numerator: 1, denominator: 1 };
}

const open: readonly InstalmentStatus[] = ['pending', 'due', 'approved', 'held'];

const times = (amount: number, share: { numerator: number; denominator: number }) =>
  Number(divideRoundingHalfAwayFromZero(BigInt(amount) * BigInt(share.numerator), BigInt(share.denominator)));

/** `-amount`, never `-0`. */
const negated = (amount: number) => (amount === 0 ? 0 : -amount);

/**
 * A contract fell away (R-CM-3): withdrawn in the withdrawal period, or
 * terminated within the rule's clawback window counted from the supply
 * start. Every open instalment is cancelled; of the paid ones, each
 * participant gets one negative entry (all of it, or by the months of the
 * window not served when the rule says pro rata), and the company part is
 * reversed the same way. Paid instalments themselves are never changed.
 * Undefined when nothing is clawed back: a commission clawed back already,
 * or a termination after the window.
 */
export function clawBack(
  c: Commission,
  contract: Contract,
  today: string,
  change: Change,
): Commission | undefined {
  if (c.state === 'clawed-back') return undefined;
  const share = clawedShare(c, contract, today);
  if (!share) return undefined;
  const paidBy = new Map<string, { amount: number; ids: string[] }>();
  for (const i of c.instalments.filter((x) => x.status === 'paid')) {
    const entry = paidBy.get(i.userId) ?? { amount: 0, ids: [] };
    entry.amount += i.amountMinor;
    entry.ids.push(i.id);
    paidBy.set(i.userId, entry);
  }
  const clawbacks: ClawbackEntry[] = [...paidBy]
    .map(([userId, paid]) => ({
      userId,
      amountMinor: negated(times(paid.amount, share)),
      at: change.now,
      on: today,
      instalmentIds: paid.ids,
    }))
    .filter((entry) => entry.amountMinor < 0);
  return {
    ...c,
    state: 'clawed-back',
    instalments: c.instalments.map((i) =>
      open.includes(i.status)
        ? { ...i, status: 'cancelled' as const, cancelledAt: change.now, cancelledOn: today }
        : i,
    ),
    clawbacks: [...c.clawbacks, ...clawbacks],
    companyClawbackMinor: negated(times(c.companyMinor, share)),
    clawedBackAt: change.now,
    clawedBackOn: today,
    clawbackReason: contract.state === 'withdrawn' ? 'withdrawn' : 'terminated',
    version: c.version + 1,
    updatedAt: change.now,
    updatedBy: change.by,
  };
}
