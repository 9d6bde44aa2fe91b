import { divideRoundingHalfAwayFromZero } from '#domain/energy/exact';

/**
 * Largest-remainder allocation (Hamilton's method): `total` minor units
 * split by integer `weights` so that the parts add up to `total` exactly.
 * Each part first gets the floor of its exact share; the units left over go
 * one each to the parts with the largest remainders, ties to the earlier
 * part. A negative total is split as its absolute value and negated, so a
 * clawback mirrors the split it reverses. Weights must be ≥ 0 with a
 * positive sum. Computed in BigInt: no float ever rounds a share.
 */
export function allocate(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, w) => a + BigInt(w), 0n);
  if (weights.length === 0 || sum <= 0n || weights.some((w) => !Number.isSafeInteger(w) || w < 0)) {
    throw new RangeError('allocation needs non-negative integer weights with a positive sum');
  }
  if (!Number.isSafeInteger(total)) throw new RangeError('allocation needs an integer total');
  const sign = total < 0 ? -1 : 1;
  const amount = BigInt(Math.abs(total));
  const shares = weights.map((w, index) => {
    const exact = amount * BigInt(w);
    return { index, floor: exact / sum, remainder: exact % sum };
  });
  let left = amount - shares.reduce((a, s) => a + s.floor, 0n);
  const byRemainder = [...shares].sort((a, b) =>
    a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1,
  );
  const parts = shares.map((s) => s.floor);
  for (const share of byRemainder) {
    if (left === 0n) break;
    parts[share.index] = (parts[share.index] ?? 0n) + 1n;
    left -= 1n;
  }
  return parts.map((p) => (p === 0n ? 0 : sign * Number(p)));
}

/** `amount × basisPoints / 10 000`, rounded half away from zero. */
export const basisPointsOf = (amount: number, basisPoints: number): number =>
  Number(divideRoundingHalfAwayFromZero(BigInt(amount) * BigInt(basisPoints), 10_000n));
