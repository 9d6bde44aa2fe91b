import { ConflictError } from '#domain/errors';
import type { IdempotencyToken } from '#domain/ports';
import { HttpError } from '#http/http-error';
import { idempotencyEntity } from './entities';
import { getItem } from './get-item';
import type { Table } from './table';
import { putNew, type TransactItem } from './transact';

/** How long a key is remembered; a retry after that is a new request. */
const defaultRetentionSeconds = 24 * 3600;

/**
 * The record of a create, written in the same transaction as the created
 * item: either both exist or neither, so a retried create can never make a
 * second item. It keeps the response so a replay answers the same.
 */
export function idempotencyPut(
  table: Table,
  tenantId: string,
  token: IdempotencyToken,
  response: unknown,
  now: Date,
): TransactItem {
  return putNew(
    table,
    idempotencyEntity.item(
      {
        requestHash: token.requestHash,
        response: JSON.stringify(response),
        expiresAt: Math.floor(now.getTime() / 1000) + (token.retentionSeconds ?? defaultRetentionSeconds),
      },
      { key: recordKey(tenantId, token) },
    ),
  );
}

const recordKey = (tenantId: string, token: IdempotencyToken) => ({
  tenantId,
  operationId: token.operationId,
  idempotencyKey: token.key,
});

const recordOf = (table: Table, tenantId: string, token: IdempotencyToken) =>
  getItem(table, idempotencyEntity.key(recordKey(tenantId, token)));

/** The recorded response, if the record is this request's; a key used for another request is refused. */
function answerOf<T>(Item: Record<string, unknown>, token: IdempotencyToken): T {
  if (Item.requestHash !== token.requestHash) {
    if (token.reused) {
      const { code, message, field } = token.reused;
      throw new ConflictError(code, message, [{ name: field, reason: 'already used with another request' }]);
    }
    throw new HttpError(
      'idempotency-key-reused',
      'This Idempotency-Key was used for another request (body, path or user); use a new key.',
      [{ name: 'Idempotency-Key', reason: 'already used with another request' }],
    );
  }
  return JSON.parse(Item.response as string) as T;
}

/** The stored response of the first request with this key. */
export async function replayOf<T>(table: Table, tenantId: string, token: IdempotencyToken): Promise<T> {
  const Item = await recordOf(table, tenantId, token);
  if (!Item) {
    throw new HttpError(
      'idempotency-in-progress',
      'A request with this Idempotency-Key is still in progress; retry shortly.',
    );
  }
  return answerOf<T>(Item, token);
}

/** The stored response of an earlier request with this key, read once; undefined when there was none. */
export async function replayIfRecorded<T>(
  table: Table,
  tenantId: string,
  token: IdempotencyToken,
): Promise<T | undefined> {
  const Item = await recordOf(table, tenantId, token);
  return Item ? answerOf<T>(Item, token) : undefined;
}
