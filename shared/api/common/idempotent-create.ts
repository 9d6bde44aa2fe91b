import type { Created, IdempotencyToken } from '#domain/ports';
import type { IdempotencyRequest, RouteResult } from '#http/route';

/** The request's `Idempotency-Key`, as the domain remembers it: under the operation's id. */
export const idempotencyToken = (
  operationId: string,
  request: IdempotencyRequest | undefined,
): IdempotencyToken | undefined => request && { operationId, ...request };

/** Tells the client that this answers a retry of an earlier request with the same key. */
export const replayHeaders = (replayed: boolean) =>
  replayed ? { 'idempotent-replayed': 'true' } : undefined;

/** A replayed create answers like the first one, and says so; a versioned value carries its `ETag`. */
export function createdResult<T extends object>({ value, replayed }: Created<T>): RouteResult {
  const version = 'version' in value && typeof value.version === 'number' ? value.version : undefined;
  return { body: value, version, headers: replayHeaders(replayed) };
}
