import { describe, expect, it } from 'vitest';
import {
  type RateBucketStore,
  type StoredBucket,
  TenantRateLimiter,
} from '#domain/rate-limits/tenant-rate-limiter';

const t0 = new Date('2026-03-01T09:00:00Z');

/** Buckets in memory with the store's version condition; `interfere` writes as another request would, first. */
function memoryBuckets() {
  const stored = new Map<string, StoredBucket>();
  const state = { interferences: 0, writes: 0 };
  const buckets: RateBucketStore = {
    read: async (tenantId) => stored.get(tenantId),
    write: async (tenantId, next, expectedVersion) => {
      state.writes += 1;
      const current = stored.get(tenantId);
      if (state.interferences > 0 && current) {
        state.interferences -= 1;
        stored.set(tenantId, {
          state: { ...current.state, milliTokens: current.state.milliTokens - 1000 },
          version: current.version + 1,
        });
        return false;
      }
      if (current?.version !== expectedVersion) return false;
      stored.set(tenantId, { state: next, version: (expectedVersion ?? 0) + 1 });
      return true;
    },
  };
  return { buckets, stored, state };
}

const limiterOf = (buckets: RateBucketStore, burst = 3) =>
  new TenantRateLimiter({ buckets, clock: { now: () => t0 }, limit: { perSecond: 1, burst } });

describe('TenantRateLimiter', () => {
  it('admits a tenant’s burst, then refuses with the seconds to wait, while another tenant goes on', async () => {
    // Prepare
    const { buckets } = memoryBuckets();
    const limiter = limiterOf(buckets);

    // Act
    const norrsken = [];
    for (let i = 0; i < 4; i++) norrsken.push(await limiter.admit('norrsken'));
    const tatra = await limiter.admit('tatra');

    // Assess
    expect(norrsken.map((a) => a.admitted)).toEqual([true, true, true, false]);
    expect(norrsken[3]).toEqual({ admitted: false, retryAfterSeconds: 1 });
    expect(tatra).toEqual({ admitted: true });
  });

  it('reads again and takes its token from what another request left when that one wrote first', async () => {
    // Prepare
    const { buckets, stored, state } = memoryBuckets();
    const limiter = limiterOf(buckets);
    await limiter.admit('norrsken');
    state.interferences = 1;

    // Act
    const admission = await limiter.admit('norrsken');

    // Assess: three tokens, one taken before, one by the other request, one now.
    expect(admission).toEqual({ admitted: true });
    expect(stored.get('norrsken')?.state.milliTokens).toBe(0);
  });

  it('refuses a request that keeps losing the race to the tenant’s other requests', async () => {
    // Prepare
    const { buckets, state } = memoryBuckets();
    const limiter = limiterOf(buckets, 100);
    await limiter.admit('norrsken');
    state.interferences = 3;
    state.writes = 0;

    // Act
    const admission = await limiter.admit('norrsken');

    // Assess
    expect(admission).toEqual({ admitted: false, retryAfterSeconds: 1 });
    expect(state.writes).toBe(3);
  });
});
