/**
 * A tenant's share of the API: a bucket of `burst` tokens, refilled at
 * `perSecond` tokens a second; each request takes one. Both are whole
 * numbers of at least 1.
 */
export interface RateLimit {
  readonly perSecond: number;
  readonly burst: number;
}

/**
 * A bucket as last counted: its tokens in thousandths, so that refilling
 * by the millisecond stays in integers, and when it was counted (ms since
 * the epoch).
 */
export interface BucketState {
  readonly milliTokens: number;
  readonly countedAt: number;
}

export type BucketDecision =
  | { readonly allowed: true; readonly taken: number; readonly next: BucketState }
  | { readonly allowed: false; readonly retryAfterSeconds: number };

const milliPerToken = 1000;

/**
 * The bucket at `now`: what it held plus what the time since refilled
 * (`perSecond` tokens a second are `perSecond` thousandths a millisecond),
 * never more than full. A bucket never counted is full; a clock that went
 * back refills nothing.
 */
export function refilled(state: BucketState | undefined, limit: RateLimit, now: number): BucketState {
  const full = limit.burst * milliPerToken;
  if (!state) return { milliTokens: full, countedAt: now };
  const elapsed = Math.max(0, now - state.countedAt);
  return {
    milliTokens: Math.min(full, state.milliTokens + elapsed * limit.perSecond),
    countedAt: Math.max(now, state.countedAt),
  };
}

/**
 * Up to `wanted` whole tokens (at least 1), as many as the refilled bucket
 * holds; refused when it holds not one, with the whole seconds until it
 * will (at least 1).
 */
export function takeTokens(
  state: BucketState | undefined,
  limit: RateLimit,
  now: number,
  wanted: number,
): BucketDecision {
  const current = refilled(state, limit, now);
  const taken = Math.min(Math.max(1, wanted), Math.floor(current.milliTokens / milliPerToken));
  if (taken >= 1) {
    return {
      allowed: true,
      taken,
      next: { ...current, milliTokens: current.milliTokens - taken * milliPerToken },
    };
  }
  const waitMillis = Math.ceil((milliPerToken - current.milliTokens) / limit.perSecond);
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMillis / 1000)) };
}
