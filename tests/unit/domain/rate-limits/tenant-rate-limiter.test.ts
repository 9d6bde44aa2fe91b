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
  const state = { interferences: 0, reads: 0, writes: 0 };
  const buckets: RateBucketStore = {
    read: async (tenantId) => {
      state.reads += 1;
      return stored.get(tenantId);
    },
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

const limiterOf = (buckets: RateBucketStore, burst = 3, now = () => t0) =>
  new TenantRateLimiter({ buckets, clock: { now }, limit: { perSecond: 1, burst } });

const later = (millis: number) => new Date(t0.getTime() + millis);

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
    let now = t0;
    const limiter = limiterOf(buckets, 100, () => now);
    await limiter.admit('norrsken');
    now = later(1000);
    state.interferences = 3;
    state.writes = 0;

    // Act
    const admission = await limiter.admit('norrsken');

    // Assess
    expect(admission).toEqual({ admitted: false, retryAfterSeconds: 1 });
    expect(state.writes).toBe(3);
  });

  it('grows its lease while the tenant’s requests spend it in time: 1, 2, 4, 8, then ten tokens a write', async () => {
    // Prepare
    const { buckets, stored, state } = memoryBuckets();
    const limiter = limiterOf(buckets, 100);

    // Act
    const admissions = [];
    const writesAfter: number[] = [];
    for (let i = 0; i < 26; i++) {
      admissions.push(await limiter.admit('norrsken'));
      writesAfter.push(state.writes);
    }

    // Assess: a write at calls 1, 2, 4, 8, 16 and 26; none in between.
    expect(admissions.every((a) => a.admitted)).toBe(true);
    expect([0, 1, 3, 7, 15, 25].map((call) => writesAfter[call])).toEqual([1, 2, 3, 4, 5, 6]);
    expect(writesAfter[24]).toBe(5);
    expect(state).toMatchObject({ reads: 6, writes: 6 });
    expect(stored.get('norrsken')?.state.milliTokens).toBe(65_000);
  });

  it('takes one token a request again once a lease expired, so a quiet container holds nothing unused', async () => {
    // Prepare
    const { buckets, stored, state } = memoryBuckets();
    let now = t0;
    const limiter = limiterOf(buckets, 100, () => now);
    await limiter.admit('norrsken');
    now = later(500);
    await limiter.admit('norrsken');

    // Act
    now = later(1500);
    const admission = await limiter.admit('norrsken');

    // Assess: a lease of one, of two (one of them unspent and dropped at its expiry), of one again;
    // a token a second refilled meanwhile.
    expect(admission).toEqual({ admitted: true });
    expect(state).toMatchObject({ reads: 3, writes: 3 });
    expect(stored.get('norrsken')?.state).toEqual({ milliTokens: 97_500, countedAt: t0.getTime() + 1500 });
  });

  it('leases what is left when the bucket holds less than a lease, then refuses without writing', async () => {
    // Prepare
    const { buckets, stored, state } = memoryBuckets();
    stored.set('norrsken', { state: { milliTokens: 2_500, countedAt: t0.getTime() }, version: 7 });
    const limiter = limiterOf(buckets, 100);

    // Act
    const admissions = [];
    for (let i = 0; i < 3; i++) admissions.push(await limiter.admit('norrsken'));

    // Assess
    expect(admissions).toEqual([
      { admitted: true },
      { admitted: true },
      { admitted: false, retryAfterSeconds: 1 },
    ]);
    expect(state).toMatchObject({ reads: 3, writes: 2 });
    expect(stored.get('norrsken')).toEqual({
      state: { milliTokens: 500, countedAt: t0.getTime() },
      version: 9,
    });
  });

  it('serves a tenant’s concurrent requests from as few leases as they need', async () => {
    // Prepare
    const { buckets, stored, state } = memoryBuckets();
    const limiter = limiterOf(buckets, 100);

    // Act
    const admissions = await Promise.all(Array.from({ length: 25 }, () => limiter.admit('norrsken')));

    // Assess: leases of 1, 2, 4, 8 and 10, of which 10 are spent.
    expect(admissions.every((a) => a.admitted)).toBe(true);
    expect(state).toMatchObject({ reads: 5, writes: 5 });
    expect(stored.get('norrsken')?.state.milliTokens).toBe(75_000);
  });

  it('never admits more concurrent requests than the bucket had tokens', async () => {
    // Prepare
    const { buckets, stored } = memoryBuckets();
    const limiter = limiterOf(buckets, 20);

    // Act
    const admissions = await Promise.all(Array.from({ length: 30 }, () => limiter.admit('norrsken')));

    // Assess
    expect(admissions.filter((a) => a.admitted)).toHaveLength(20);
    expect(admissions.filter((a) => !a.admitted)).toHaveLength(10);
    expect(stored.get('norrsken')?.state.milliTokens).toBe(0);
  });

  it('lets a tenant’s next request through when the store failed the one before it', async () => {
    // Prepare
    const { buckets } = memoryBuckets();
    let failures = 1;
    const flaky: RateBucketStore = {
      read: async (tenantId, fresh) => {
        if (failures-- > 0) throw new Error('store unreachable');
        return buckets.read(tenantId, fresh);
      },
      write: buckets.write,
    };
    const limiter = limiterOf(flaky);

    // Act
    const failed = limiter.admit('norrsken');
    const next = limiter.admit('norrsken');

    // Assess
    await expect(failed).rejects.toThrow('store unreachable');
    expect(await next).toEqual({ admitted: true });
  });
});
