import { type ConflictCode, ConflictError, ValidationError, VersionMismatchError } from '#domain/errors';
import type { DomainEvent } from '#domain/events';
import type { IdempotencyToken } from '#domain/ports';
import type { GuardChange } from './guards';
import { idempotencyPut, replayOf } from './idempotency';
import { outboxPut } from './outbox';
import type { Table } from './table';
import { putNew, putVersioned, type TransactItem, transactWrite } from './transact';

export interface GuardedField {
  readonly field: string;
  readonly change: GuardChange;
  /** What a client is told when the value is taken. */
  readonly takenCode: ConflictCode;
  readonly takenMessage: string;
}

export interface Change {
  readonly resource: string;
  readonly id: string;
  readonly item: Record<string, unknown>;
  /** Absent for a create: the item must not exist yet. */
  readonly expectedVersion?: number;
  /** For an entity the system writes too (ADR 0011): the revision the change was based on. */
  readonly expectedRevision?: number;
  readonly guards?: readonly GuardedField[];
  readonly lookups?: readonly TransactItem[];
  /** More writes of the same change (e.g. category memberships, setting usage counts), before the outbox event. */
  readonly extra?: readonly TransactItem[];
  /** What a failed condition on an `extra` write means; by default that a setting it counts was deleted meanwhile. */
  readonly extraConflict?: { readonly code: ConflictCode; readonly message: string };
  readonly event: DomainEvent;
  readonly idempotency?: IdempotencyToken;
  /** Stored with the idempotency record, replayed to a retry. */
  readonly response?: unknown;
}

class Replay extends Error {}

/** DynamoDB's limit of items in one TransactWriteItems. */
export const maxTransactItems = 100;

interface Layout {
  readonly change: Change;
  readonly itemIndex: number;
  readonly claims: Map<number, GuardedField>;
  /** Where the change's extra writes sit. */
  readonly extras: readonly [number, number];
}

/** One change's writes, appended to `items`: where its item and guard claims sit. */
function append(table: Table, change: Change, items: TransactItem[]): Layout {
  const itemIndex = items.length;
  items.push(
    change.expectedVersion === undefined
      ? putNew(table, change.item)
      : putVersioned(table, change.item, change.expectedVersion, change.expectedRevision),
  );
  const claims = new Map<number, GuardedField>();
  for (const guard of change.guards ?? []) {
    if (guard.change.claimIndex !== undefined) claims.set(items.length + guard.change.claimIndex, guard);
    items.push(...guard.change.items);
  }
  items.push(...(change.lookups ?? []));
  const extraStart = items.length;
  items.push(...(change.extra ?? []), outboxPut(table, change.event));
  return { change, itemIndex, claims, extras: [extraStart, extraStart + (change.extra?.length ?? 0)] };
}

/**
 * One state change as one transaction: the item (conditional on its
 * version), its uniqueness guards, its identification items, its outbox
 * event and, for creates, the idempotency record. All or nothing.
 * Returns the stored response when the change is a replay of an earlier one.
 */
export function commitChange(table: Table, change: Change): Promise<{ replayed?: unknown }> {
  return commitChanges(table, [change], change.idempotency, change.response);
}

/**
 * Several changes that must happen together (a lead converted into an
 * account, contact and deal) as one transaction, each with its guards,
 * lookups and outbox event, and one idempotency record for the whole. The
 * first failed condition decides the error, named after its change.
 */
export async function commitChanges(
  table: Table,
  changes: readonly Change[],
  idempotency?: IdempotencyToken,
  response?: unknown,
): Promise<{ replayed?: unknown }> {
  const items: TransactItem[] = [];
  const layouts = changes.map((change) => append(table, change, items));
  const first = changes[0];
  if (!first) throw new Error('commitChanges needs at least one change');
  const idempotencyIndex = idempotency ? items.length : -1;
  if (idempotency) {
    items.push(
      idempotencyPut(table, first.event.tenantId, idempotency, response, new Date(first.event.occurredAt)),
    );
  }
  if (items.length > maxTransactItems) {
    throw new ValidationError([
      { name: 'body', reason: 'this change touches too many items at once; make it in smaller steps' },
    ]);
  }

  try {
    await transactWrite(table, items, (codes) => {
      const failed = (index: number) => codes[index] === 'ConditionalCheckFailed';
      // A replay also trips the guards the first request claimed: it wins.
      if (failed(idempotencyIndex)) return new Replay();
      for (const { change, itemIndex } of layouts) {
        if (!failed(itemIndex)) continue;
        return change.expectedVersion === undefined
          ? new ConflictError('already-exists', `${change.resource} ${change.id} already exists`)
          : new VersionMismatchError(change.resource, change.id);
      }
      const taken = layouts.flatMap(({ claims }) =>
        [...claims].filter(([index]) => failed(index)).map(([, claim]) => claim),
      );
      const [firstTaken] = taken;
      if (!firstTaken) {
        const extra = layouts.find(({ extras: [from, to] }) =>
          codes.slice(from, to).some((code) => code === 'ConditionalCheckFailed'),
        );
        if (!extra) return undefined;
        const conflict = extra.change.extraConflict;
        return conflict
          ? new ConflictError(conflict.code, conflict.message)
          : new ConflictError(
              'changed-meanwhile',
              `a setting this ${extra.change.resource} refers to was deleted meanwhile; read it again`,
            );
      }
      // Several values taken at once: the first one names the problem, the fields list them all.
      return new ConflictError(
        firstTaken.takenCode,
        taken.map((c) => c.takenMessage).join('; '),
        taken.map((c) => ({ name: c.field, reason: c.takenMessage })),
      );
    });
    return {};
  } catch (error) {
    if (error instanceof Replay && idempotency) {
      return { replayed: await replayOf(table, first.event.tenantId, idempotency) };
    }
    throw error;
  }
}
