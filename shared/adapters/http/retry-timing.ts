/** The waits of an outside API's retries, the same for every adapter that calls one over HTTP. */

/** Exponential back-off with jitter: half the attempt's ceiling (at most 5 s) plus a random part of the other half. */
export function backoffMs(attempt: number, baseDelayMs: number, random: () => number): number {
  const ceiling = Math.min(5000, baseDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** Retry-After as delay-seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterDelayMs(header: string | null, now: number): number | undefined {
  if (header === null) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Whether a fetch failed because its time ran out (`AbortSignal.timeout`) or it was aborted. */
export function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
}
