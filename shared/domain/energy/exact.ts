import { DomainError } from '#domain/errors';
/**
 * Exact arithmetic for the energy calculations: decimal strings as scaled
 * BigInts, and integer division with a stated rounding rule. No floats.
 */

/** `units / 10^scale`, e.g. '10.555' is { units: 10555n, scale: 3 }. */
export interface ScaledDecimal {
  readonly units: bigint;
  readonly scale: number;
}

/** Parses a plain decimal string ('0.9962', '10.555', '-3', '12.'), no exponent; undefined if it is none. */
export function parseDecimal(text: string): ScaledDecimal | undefined {
  const match = /^([+-]?)(\d+)(?:\.(\d*))?$/.exec(text.trim());
  if (match === null) return undefined;
  const [, sign = '', whole = '', fraction = ''] = match;
  const units = BigInt(`${whole}${fraction}`);
  return { units: sign === '-' ? -units : units, scale: fraction.length };
}

export function pow10(exponent: number): bigint {
  return 10n ** BigInt(exponent);
}

/**
 * `numerator / denominator` rounded to an integer, half away from zero
 * (2.5 → 3, −2.5 → −3, 2.4999 → 2). For non-negative values this is "round
 * half up". The denominator must not be 0.
 */
export function divideRoundingHalfAwayFromZero(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError('division by zero');
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const quotient = (2n * n + d) / (2n * d);
  return negative ? -quotient : quotient;
}

/** A BigInt as a number, refusing one a double cannot hold exactly. */
export function toSafeNumber(value: bigint, what: string): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new DomainError(
      'number-too-large',
      `${what} is too large to compute exactly; check the figures it is made of`,
    );
  }
  return Number(value);
}

/** `units / 10^scale` written with exactly `scale` decimals ('1233.964'). */
export function formatScaled(units: bigint, scale: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = scale > 0 ? `.${digits.slice(digits.length - scale)}` : '';
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

export function isNonNegativeSafeInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}
