import { describe, expect, it } from 'vitest';
import { allocate, basisPointsOf } from '#domain/commissions/allocation';

describe('allocate', () => {
  it('splits 100 in three equal parts as 34, 33 and 33, the leftover unit to the earliest part', () => {
    expect(allocate(100, [1, 1, 1])).toEqual([34, 33, 33]);
  });

  it('gives the leftover units to the largest remainders', () => {
    expect(allocate(1001, [6000, 4000])).toEqual([601, 400]);
    expect(allocate(1003, [4000, 6000])).toEqual([401, 602]);
    expect(allocate(10, [1, 2, 4])).toEqual([1, 3, 6]);
  });

  it('always adds up to the total exactly', () => {
    const cases: [number, number[]][] = [
      [100, [1, 1, 1]],
      [1001, [6000, 4000]],
      [99_999, [3333, 3333, 3334]],
      [7, [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]],
      [Number.MAX_SAFE_INTEGER, [1, 2, 3]],
    ];

    const sums = cases.map(([total, weights]) => allocate(total, weights).reduce((a, b) => a + b, 0));

    expect(sums).toEqual(cases.map(([total]) => total));
  });

  it('gives ties to the earlier part', () => {
    expect(allocate(2, [1, 1, 1])).toEqual([1, 1, 0]);
    expect(allocate(5, [2, 2])).toEqual([3, 2]);
  });

  it('splits a negative total as the mirror of the positive one', () => {
    expect(allocate(-100, [1, 1, 1])).toEqual([-34, -33, -33]);
    expect(allocate(-1001, [6000, 4000])).toEqual([-601, -400]);
  });

  it('gives nothing to a part weighted zero', () => {
    expect(allocate(500, [0, 3, 2])).toEqual([0, 300, 200]);
    expect(allocate(0, [1, 1])).toEqual([0, 0]);
  });

  it('refuses no weights, weights summing to zero, negative or fractional weights', () => {
    expect(() => allocate(100, [])).toThrow(RangeError);
    expect(() => allocate(100, [0, 0])).toThrow(RangeError);
    expect(() => allocate(100, [-1, 2])).toThrow(RangeError);
    expect(() => allocate(100, [0.5, 0.5])).toThrow(RangeError);
  });

  it('refuses a total that is not a safe integer', () => {
    expect(() => allocate(10.5, [1, 1])).toThrow(RangeError);
    expect(() => allocate(2 ** 53, [1, 1])).toThrow(RangeError);
  });
});

describe('basisPointsOf', () => {
  it('takes basis points of an amount', () => {
    expect(basisPointsOf(125_022, 1_000)).toBe(12_502);
    expect(basisPointsOf(80_000, 7_000)).toBe(56_000);
    expect(basisPointsOf(80_000, 10_000)).toBe(80_000);
    expect(basisPointsOf(80_000, 0)).toBe(0);
  });

  it('rounds half away from zero', () => {
    expect(basisPointsOf(5, 1_000)).toBe(1);
    expect(basisPointsOf(15, 1_000)).toBe(2);
    expect(basisPointsOf(14, 1_000)).toBe(1);
    expect(basisPointsOf(-5, 1_000)).toBe(-1);
    expect(basisPointsOf(-15, 1_000)).toBe(-2);
    expect(basisPointsOf(-14, 1_000)).toBe(-1);
  });
});
