import { describe, expect, it } from 'vitest';
import { largestLease, leasedAt, nextLeaseSize, spendLeased } from '#domain/rate-limits/token-lease';

const t0 = Date.parse('2026-03-01T09:00:00Z');

describe('largestLease', () => {
  it('is a tenth of the burst, at least one token and at most ten', () => {
    // Act
    const sizes = [1, 19, 20, 55, 100, 5000].map((burst) => largestLease({ perSecond: 1, burst }));

    // Assess
    expect(sizes).toEqual([1, 1, 2, 5, 10, 10]);
  });
});

describe('nextLeaseSize', () => {
  const limit = { perSecond: 50, burst: 100 };

  it('takes one token at first and after a lease that expired, spent or not', () => {
    // Prepare
    const unspent = leasedAt(4, t0);
    const spent = { ...leasedAt(4, t0), tokens: 0 };

    // Act
    const sizes = [
      nextLeaseSize(limit, undefined, t0),
      nextLeaseSize(limit, unspent, t0 + 1000),
      nextLeaseSize(limit, spent, t0 + 1000),
    ];

    // Assess
    expect(sizes).toEqual([1, 1, 1]);
  });

  it('doubles a lease spent before it expired, up to the largest', () => {
    // Act
    const sizes = [1, 2, 4, 8, 10].map((taken) =>
      nextLeaseSize(limit, { ...leasedAt(taken, t0), tokens: 0 }, t0 + 500),
    );

    // Assess
    expect(sizes).toEqual([2, 4, 8, 10, 10]);
  });
});

describe('spendLeased', () => {
  it('spends the tokens left after the leasing request’s own, then has none', () => {
    // Prepare
    let lease = leasedAt(3, t0);

    // Act
    const spent = [];
    for (let i = 0; i < 3; i++) {
      const next = spendLeased(lease, t0 + 10);
      spent.push(next !== undefined);
      if (next) lease = next;
    }

    // Assess
    expect(spent).toEqual([true, true, false]);
  });

  it('spends nothing from a lease once its second is over', () => {
    // Prepare
    const lease = leasedAt(10, t0);

    // Act
    const justBefore = spendLeased(lease, t0 + 999);
    const atExpiry = spendLeased(lease, t0 + 1000);

    // Assess
    expect(justBefore).toEqual({ tokens: 8, size: 10, expiresAt: t0 + 1000 });
    expect(atExpiry).toBeUndefined();
    expect(spendLeased(undefined, t0)).toBeUndefined();
  });
});
