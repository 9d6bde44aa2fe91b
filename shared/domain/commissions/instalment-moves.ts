import { ConflictError, NotFoundError } from '#domain/errors';
import type { Commission, Instalment, InstalmentStatus } from './commission';

/** Who changes instalments and when. */
export interface Change {
  readonly by: string;
  readonly now: string;
  /** The tenant's calendar day at `now`: statements count months by it. */
  readonly today: string;
}

const touched = (c: Commission, instalments: readonly Instalment[], change: Change): Commission => ({
  ...c,
  instalments,
  version: c.version + 1,
  updatedAt: change.now,
  updatedBy: change.by,
});

function instalmentOf(c: Commission, instalmentId: string): Instalment {
  const found = c.instalments.find((i) => i.id === instalmentId);
  if (!found) throw new NotFoundError('instalment', `${instalmentId} of commission ${c.id}`);
  return found;
}

function refuse(instalment: Instalment, wanted: string): never {
  if (instalment.status === 'paid') {
    throw new ConflictError('already-paid', `instalment ${instalment.id} is paid; paid lines never change`, [
      { name: 'instalmentId', reason: 'is paid' },
    ]);
  }
  throw new ConflictError('invalid-state', `instalment ${instalment.id} is ${instalment.status}; ${wanted}`, [
    { name: 'instalmentId', reason: `is ${instalment.status}` },
  ]);
}

/** Pending instalments due by `day` become due; undefined when none did. */
export function makeDue(c: Commission, day: string, change: Change): Commission | undefined {
  if (!c.instalments.some((i) => i.status === 'pending' && i.dueDate <= day)) return undefined;
  return touched(
    c,
    c.instalments.map((i) =>
      i.status === 'pending' && i.dueDate <= day ? { ...i, status: 'due' as const, dueAt: change.now } : i,
    ),
    change,
  );
}

/** Each named instalment, checked and changed by `move`; undefined when none changed. */
function changeEach(
  c: Commission,
  instalmentIds: readonly string[],
  change: Change,
  move: (i: Instalment) => Instalment,
): Commission | undefined {
  const wanted = new Set(instalmentIds);
  for (const id of wanted) instalmentOf(c, id);
  let changed = false;
  const instalments = c.instalments.map((i) => {
    if (!wanted.has(i.id)) return i;
    const next = move(i);
    changed ||= next !== i;
    return next;
  });
  return changed ? touched(c, instalments, change) : undefined;
}

/** Due instalments become approved; approving an approved one changes nothing; held, cancelled, pending or paid are refused. */
export const approve = (c: Commission, instalmentIds: readonly string[], change: Change) =>
  changeEach(c, instalmentIds, change, (i) => {
    if (i.status === 'approved') return i;
    if (i.status !== 'due') refuse(i, 'only a due instalment can be approved');
    return { ...i, status: 'approved', approvedAt: change.now, approvedBy: change.by };
  });

const holdable: readonly InstalmentStatus[] = ['pending', 'due', 'approved'];

/** An open instalment is held (a dispute, a missing document): neither made due, approved nor paid until released. */
export const hold = (c: Commission, instalmentId: string, reason: string, change: Change) =>
  changeEach(c, [instalmentId], change, (i) => {
    if (i.status === 'held') return i;
    if (!holdable.includes(i.status)) refuse(i, 'only a pending, due or approved instalment can be held');
    return { ...i, status: 'held', heldAt: change.now, holdReason: reason };
  });

/** A held instalment goes back to due (its day has come; approve it again) or pending. */
export const release = (c: Commission, instalmentId: string, today: string, change: Change) =>
  changeEach(c, [instalmentId], change, (i) => {
    if (i.status !== 'held') refuse(i, 'only a held instalment can be released');
    const { heldAt: _at, holdReason: _reason, approvedAt: _approved, approvedBy: _by, ...rest } = i;
    return i.dueDate <= today
      ? { ...rest, status: 'due', dueAt: i.dueAt ?? change.now }
      : { ...rest, status: 'pending' };
  });

/**
 * Approved instalments are paid with the payment's reference. Of each, up
 * to what its participant still owes from clawbacks (`debts`, by user) is
 * recovered instead of paid out; `debts` is drawn down as it goes.
 */
export function pay(
  c: Commission,
  instalmentIds: readonly string[],
  reference: string,
  debts: Map<string, number>,
  change: Change,
): Commission | undefined {
  return changeEach(c, instalmentIds, change, (i) => {
    if (i.status !== 'approved') refuse(i, 'only an approved instalment can be paid');
    const owed = debts.get(i.userId) ?? 0;
    const recovered = Math.min(owed, i.amountMinor);
    if (recovered > 0) debts.set(i.userId, owed - recovered);
    return {
      ...i,
      status: 'paid',
      paidAt: change.now,
      paidOn: change.today,
      paidBy: change.by,
      paymentReference: reference,
      ...(recovered > 0 ? { recoveredMinor: recovered } : {}),
    };
  });
}

/** What each participant recovered by a payment: the new instalments' `recoveredMinor`, by user. */
export function recoveredBy(before: Commission, after: Commission): Map<string, number> {
  const previous = new Map(before.instalments.map((i) => [i.id, i]));
  const recovered = new Map<string, number>();
  for (const i of after.instalments) {
    if (i.status === 'paid' && previous.get(i.id)?.status !== 'paid' && i.recoveredMinor) {
      recovered.set(i.userId, (recovered.get(i.userId) ?? 0) + i.recoveredMinor);
    }
  }
  return recovered;
}
