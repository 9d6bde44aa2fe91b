import { describe, expect, it } from 'vitest';
import {
  divideRoundingHalfAwayFromZero,
  formatScaled,
  parseDecimal,
  toSafeNumber,
} from '#domain/energy/exact';
import { DomainError } from '#domain/errors';

describe('parseDecimal', () => {
  it.each([
    ['0.9962', 9962n, 4],
    ['10.555', 10555n, 3],
    ['12', 12n, 0],
    ['12.', 12n, 0],
    [' -3.50 ', -350n, 2],
    ['+0.001', 1n, 3],
  ])('reads %j as %s × 10^-%i', (text, units, scale) => {
    // Act
    const value = parseDecimal(text);

    // Assess
    expect(value).toEqual({ units, scale });
  });

  it.each(['', '.5', '1e3', '1,5', '0x10', 'ten', '1.2.3'])('refuses %j', (text) => {
    // Act
    const value = parseDecimal(text);

    // Assess
    expect(value).toBeUndefined();
  });
});

describe('divideRoundingHalfAwayFromZero', () => {
  it.each([
    [25n, 10n, 3n],
    [24n, 10n, 2n],
    [26n, 10n, 3n],
    [-25n, 10n, -3n],
    [-24n, 10n, -2n],
    [25n, -10n, -3n],
    [20n, 10n, 2n],
    [0n, 7n, 0n],
    [124_999n, 1000n, 125n],
    [124_499n, 1000n, 124n],
  ])('gives %s / %s = %s', (numerator, denominator, expected) => {
    // Act
    const quotient = divideRoundingHalfAwayFromZero(numerator, denominator);

    // Assess
    expect(quotient).toBe(expected);
  });

  it('refuses to divide by zero', () => {
    // Act
    const act = () => divideRoundingHalfAwayFromZero(1n, 0n);

    // Assess
    expect(act).toThrow(RangeError);
  });
});

describe('formatScaled', () => {
  it.each([
    [1_233_964n, 3, '1233.964'],
    [5n, 3, '0.005'],
    [-5n, 3, '-0.005'],
    [42n, 0, '42'],
    [0n, 3, '0.000'],
  ])('writes %s × 10^-%i as %j', (units, scale, expected) => {
    // Act
    const text = formatScaled(units, scale);

    // Assess
    expect(text).toBe(expected);
  });
});

describe('toSafeNumber', () => {
  it('gives the number of a BigInt a double holds exactly', () => {
    // Act
    const value = toSafeNumber(9_007_199_254_740_991n, 'x');

    // Assess
    expect(value).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('refuses one beyond the safe integers with a domain error naming what it is (a 4xx, not a 500)', () => {
    // Act
    const act = () => toSafeNumber(9_007_199_254_740_992n, 'the annual cost');

    // Assess
    expect(act).toThrow(DomainError);
    expect(act).toThrow('the annual cost is too large to compute exactly');
  });
});
