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
  | { readonly allowed: true; readonly next: BucketState }
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
 * One request's token: taken when the refilled bucket holds a whole one;
 * otherwise refused, with the whole seconds until it will (at least 1).
 */
export function takeToken(state: BucketState | undefined, limit: RateLimit, now: number): BucketDecision {
  const current = refilled(state, limit, now);
  if (current.milliTokens >= milliPerToken) {
    return { allowed: true, next: { ...current, milliTokens: current.milliTokens - milliPerToken } };
  }
  const waitMillis = Math.ceil((milliPerToken - current.milliTokens) / limit.perSecond);
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMillis / 1000)) };
}
