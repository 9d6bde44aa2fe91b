import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What ties one log line to the rest of its story: the correlation id that
 * follows a request through the outbox, the bus and every consumer, and the
 * tenant, event and message the work is for.
 */
export interface Correlation {
  readonly correlationId: string;
  tenantId?: string;
  readonly eventId?: string;
  readonly messageId?: string;
}

// Async-local, not a module variable: one container serves one invocation at a time in Lambda, but a
// batch's records run concurrently and the local runtime serves every request in one process.
const current = new AsyncLocalStorage<Correlation>();

/** Runs `work` with `correlation` as the current one, for its whole asynchronous course. */
export function withCorrelation<T>(correlation: Correlation, work: () => T): T {
  return current.run({ ...correlation }, work);
}

/** The correlation of the work running now, if any. */
export const currentCorrelation = (): Correlation | undefined => current.getStore();

/**
 * The tenant of the work running now, once known: a public route or a
 * consumer of stored mail learns it only as it goes, and the lines after
 * carry it.
 */
export function noteTenant(tenantId: string): void {
  const correlation = current.getStore();
  if (correlation && correlation.tenantId === undefined) correlation.tenantId = tenantId;
}

/**
 * A message for later work (a page of a send, a scheduled start) with the
 * current correlation id in it, so the work it starts carries the story on.
 */
export function withCurrentCorrelationId<T extends object>(message: T): T & { correlationId?: string } {
  const correlationId = currentCorrelation()?.correlationId;
  return correlationId === undefined ? message : { ...message, correlationId };
}

/** A correlation id a caller sent: kept when it is a plain token a log query can match. */
export function acceptedCorrelationId(value: string | undefined): string | undefined {
  return value !== undefined && /^[\w.:-]{1,128}$/.test(value) ? value : undefined;
}
