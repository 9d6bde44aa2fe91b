import type { RateLimit } from './token-bucket';

/**
 * How long a container may spend tokens it leased. Unused ones are then
 * dropped, never put back: the shared bucket is only ever taken from.
 */
export const leaseMillis = 1000;

/** The most tokens a container leases at once for a tenant: a tenth of the burst, from 1 to 10. */
export function largestLease(limit: RateLimit): number {
  return Math.max(1, Math.min(10, Math.floor(limit.burst / 10)));
}

/**
 * The tokens to lease next. One at first, and after a lease that expired:
 * a container that sees the tenant now and then takes one token a request,
 * as without leases, so the many containers of a tenant's quiet traffic
 * hold nothing unused. Twice the last lease once one was spent before it
 * expired, up to the largest: only a container busy with the tenant holds
 * several, and never much more than it spent in the second before.
 */
export function nextLeaseSize(limit: RateLimit, previous: TokenLease | undefined, now: number): number {
  const spentInTime = previous !== undefined && previous.tokens < 1 && now < previous.expiresAt;
  return spentInTime ? Math.min(largestLease(limit), previous.size * 2) : 1;
}

/** Tokens a container took from its tenant's bucket and holds in memory until `expiresAt` (ms since the epoch). */
export interface TokenLease {
  readonly tokens: number;
  /** The tokens taken, the leasing request's own included. */
  readonly size: number;
  readonly expiresAt: number;
}

/** The lease of `taken` tokens leased at `now`, the one the leasing request spends already left out. */
export function leasedAt(taken: number, now: number): TokenLease {
  return { tokens: taken - 1, size: taken, expiresAt: now + leaseMillis };
}

/** The lease after one token spent at `now`; undefined when it has none to spend then (used up or expired). */
export function spendLeased(lease: TokenLease | undefined, now: number): TokenLease | undefined {
  if (!lease || lease.tokens < 1 || now >= lease.expiresAt) return undefined;
  return { ...lease, tokens: lease.tokens - 1 };
}
