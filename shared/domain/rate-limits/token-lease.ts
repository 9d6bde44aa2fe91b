import type { RateLimit } from './token-bucket';

/**
 * How long a container may spend tokens it leased. Unused ones are then
 * dropped, never put back: the shared bucket is only ever taken from.
 */
export const leaseMillis = 1000;

const largestLease = 10;

/** Tokens a container takes from its tenant's shared bucket at once: a tenth of the burst, from 1 to 10. */
export function leaseSize(limit: RateLimit): number {
  return Math.max(1, Math.min(largestLease, Math.floor(limit.burst / 10)));
}

/** Tokens a container took from its tenant's bucket and holds in memory until `expiresAt` (ms since the epoch). */
export interface TokenLease {
  readonly tokens: number;
  readonly expiresAt: number;
}

/** The lease of `taken` tokens leased at `now`, the one the leasing request spends already left out. */
export function leasedAt(taken: number, now: number): TokenLease {
  return { tokens: taken - 1, expiresAt: now + leaseMillis };
}

/** The lease after one token spent at `now`; undefined when it has none to spend then (used up or expired). */
export function spendLeased(lease: TokenLease | undefined, now: number): TokenLease | undefined {
  if (!lease || lease.tokens < 1 || now >= lease.expiresAt) return undefined;
  return { ...lease, tokens: lease.tokens - 1 };
}
