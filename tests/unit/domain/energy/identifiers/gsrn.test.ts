import { describe, expect, it } from 'vitest';
import { gs1CheckDigit, normaliseGsrn } from '#domain/energy/identifiers/gsrn';

describe('gs1CheckDigit', () => {
  it.each([
    // 7·3 + 3·1 + 5·3 + 9·1 + 9·3 + 9·1 + 1·3 + 0 + 0 + 0 + 0 + 0 + 1·3 + 2·1 + 3·3 + 4·1 + 5·3 = 120 → 0
    ['a Swedish anläggnings-ID', '73599910000012345', 0],
    // as above with 2·3 in place of 1·3: 123 → 7
    ['a Swedish anläggnings-ID', '73599920000012345', 7],
    // 8·3 + 5·1 + 9·3 + 1·1 + 8·3 + 2·1 + 4·3 + 0 + 0 + 0 + 0 + 0 + 1·3 + 2·1 + 3·3 + 4·1 + 5·3 = 128 → 2
    ['a Czech electricity EAN', '85918240000012345', 2],
    // 7·3 + 3·1 + 5·3 + 9·1 + 9·3 + 9·1 + 1·3 + ten zeros = 87 → 3
    ['the payload of the style 735999100000000001', '73599910000000000', 3],
  ])('gives the hand-computed check digit of %s (%s)', (_what, payload, expected) => {
    // Act
    const digit = gs1CheckDigit(payload);

    // Assess
    expect(digit).toBe(expected);
  });

  it('gives the published check digit of a GTIN-13, which uses the same rule', () => {
    // Prepare: ISBN 978-0-306-40615-7 is the textbook GS1 example: 9·1 + 7·3 + 8·1 + 0·3 + 3·1 + 0·3
    //   + 6·1 + 4·3 + 0·1 + 6·3 + 1·1 + 5·3 = 93 → 7
    const payload = '978030640615';

    // Act
    const digit = gs1CheckDigit(payload);

    // Assess
    expect(digit).toBe(7);
  });
});

describe('normaliseGsrn', () => {
  it.each(['735999100000123450', '735999200000123457', '859182400000123452', '735999100000000003'])(
    'accepts %s',
    (gsrn) => {
      // Act
      const result = normaliseGsrn(gsrn);

      // Assess
      expect(result).toEqual({ ok: true, value: gsrn });
    },
  );

  it('accepts the number written in groups and gives it compact', () => {
    // Act
    const result = normaliseGsrn(' 735999 100 000 123 450 ');

    // Assess
    expect(result).toEqual({ ok: true, value: '735999100000123450' });
  });

  it('accepts a valid GSRN of any company prefix', () => {
    // Prepare: 17 zeros and a 1 give the sum 3 → check digit 7
    const gsrn = '000000000000000017';

    // Act
    const result = normaliseGsrn(gsrn);

    // Assess
    expect(result).toEqual({ ok: true, value: gsrn });
  });

  it('refuses 735999100000000001, whose check digit should be 3', () => {
    // Act
    const result = normaliseGsrn('735999100000000001');

    // Assess
    expect(result).toEqual({ ok: false, reason: 'the check digit (18th) does not match (GS1 mod 10)' });
  });

  it('refuses two swapped neighbouring digits, which the 3-1 weights catch', () => {
    // Act
    const result = normaliseGsrn('735999100000213450');

    // Assess
    expect(result).toEqual({ ok: false, reason: expect.stringContaining('check digit') });
  });

  it.each(['73599910000012345', '7359991000001234500', '73599910000012345X', '735999-100000123450', ''])(
    'refuses %j as not 18 digits',
    (input) => {
      // Act
      const result = normaliseGsrn(input);

      // Assess
      expect(result).toEqual({ ok: false, reason: 'a GSRN (EAN-18) has 18 digits' });
    },
  );
});
