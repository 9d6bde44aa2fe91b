import { ConflictError, VersionMismatchError } from '../domain/errors';
import type { DomainEvent } from '../domain/events';
import type { IdempotencyToken } from '../domain/ports';
import type { GuardChange } from './guards';
import { idempotencyPut, replayOf } from './idempotency';
import { outboxPut } from './outbox';
import type { Table } from './table';
import { putNew, putVersioned, type TransactItem, transactWrite } from './transact';

export interface GuardedField {
  readonly field: string;
  readonly change: GuardChange;
  readonly takenMessage: string;
}

export interface Change {
  readonly resource: string;
  readonly id: string;
  readonly item: Record<string, unknown>;
  /** Absent for a create: the item must not exist yet. */
  readonly expectedVersion?: number;
  readonly guards?: readonly GuardedField[];
  readonly lookups?: readonly TransactItem[];
  /** More writes of the same change (e.g. category memberships, setting usage counts), before the outbox event. */
  readonly extra?: readonly TransactItem[];
  readonly event: DomainEvent;
  readonly idempotency?: IdempotencyToken;
  /** Stored with the idempotency record, replayed to a retry. */
  readonly response?: unknown;
}

class Replay extends Error {}

/**
 * One state change as one transaction: the item (conditional on its
 * version), its uniqueness guards, its identification items, its outbox
 * event and, for creates, the idempotency record. All or nothing.
 * Returns the stored response when the change is a replay of an earlier one.
 */
export async function commitChange(table: Table, change: Change): Promise<{ replayed?: unknown }> {
  const items: TransactItem[] = [
    change.expectedVersion === undefined
      ? putNew(table, change.item)
      : putVersioned(table, change.item, change.expectedVersion),
  ];
  const claims = new Map<number, GuardedField>();
  for (const guard of change.guards ?? []) {
    if (guard.change.claimIndex !== undefined) claims.set(items.length + guard.change.claimIndex, guard);
    items.push(...guard.change.items);
  }
  items.push(...(change.lookups ?? []), ...(change.extra ?? []), outboxPut(table, change.event));
  const idempotencyIndex = change.idempotency ? items.length : -1;
  if (change.idempotency) {
    items.push(
      idempotencyPut(
        table,
        change.event.tenantId,
        change.idempotency,
        change.response,
        new Date(change.event.occurredAt),
      ),
    );
  }

  try {
    await transactWrite(table, items, (codes) => {
      const failed = (index: number) => codes[index] === 'ConditionalCheckFailed';
      // A replay also trips the guards the first request claimed: it wins.
      if (failed(idempotencyIndex)) return new Replay();
      if (failed(0)) {
        return change.expectedVersion === undefined
          ? new ConflictError(`${change.resource} ${change.id} already exists`)
          : new VersionMismatchError(change.resource, change.id);
      }
      const taken = [...claims].filter(([index]) => failed(index)).map(([, claim]) => claim);
      if (taken.length === 0) return undefined;
      return new ConflictError(
        taken.map((c) => c.takenMessage).join('; '),
        taken.map((c) => ({ name: c.field, reason: c.takenMessage })),
      );
    });
    return {};
  } catch (error) {
    if (error instanceof Replay && change.idempotency) {
      return { replayed: await replayOf(table, change.event.tenantId, change.idempotency) };
    }
    throw error;
  }
}
