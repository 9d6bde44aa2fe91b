import { describe, expect, it } from 'vitest';
import { leasedAt, leaseSize, spendLeased } from '#domain/rate-limits/token-lease';

const t0 = Date.parse('2026-03-01T09:00:00Z');

describe('leaseSize', () => {
  it('leases a tenth of the burst, at least one token and at most ten', () => {
    // Act
    const sizes = [1, 19, 20, 55, 100, 5000].map((burst) => leaseSize({ perSecond: 1, burst }));

    // Assess
    expect(sizes).toEqual([1, 1, 2, 5, 10, 10]);
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
    expect(justBefore).toEqual({ tokens: 8, expiresAt: t0 + 1000 });
    expect(atExpiry).toBeUndefined();
    expect(spendLeased(undefined, t0)).toBeUndefined();
  });
});
