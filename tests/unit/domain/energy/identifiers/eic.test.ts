import { describe, expect, it } from 'vitest';
import { eicCheckCharacter, eicCheckValue, normaliseEic } from '#domain/energy/identifiers/eic';

// Codes published in the ENTSO-E EIC register and in the EIC Reference Manual.
const publishedCodes = [
  ['Slovakia (SEPS control area)', '10YSK-SEPS-----K'],
  ['Czech Republic (ČEPS control area)', '10YCZ-CEPS-----N'],
  ['Austria (APG control area)', '10YAT-APG------L'],
  ['Germany', '10Y1001A1001A83F'],
  ['Germany-Luxembourg bidding zone', '10Y1001A1001A82H'],
  ['Sweden', '10YSE-1--------K'],
  ['Swedish bidding zone SE1', '10Y1001A1001A44P'],
  ['50Hertz control area', '10YDE-VE-------2'],
  ['France (RTE)', '10YFR-RTE------C'],
  ['Poland', '10YPL-AREA-----S'],
  ['Hungary (MAVIR)', '10YHU-MAVIR----U'],
  ['CZ-DE-SK block', '10YDOM-CZ-DE-SKK'],
  ['SEPS as a party', '10XSK-SEPS-GRIDB'],
  ['ENTSO-E as a party', '10X1001A1001A450'],
  ['the manual example of an area', '11Y123456789012T'],
  ['the manual example of a party', '11XRWENET12345-2'],
] as const;

describe('eicCheckValue', () => {
  it('computes the weighted sum mod 37 of the Slovak control area by hand', () => {
    // Prepare: 1·16 + 0·15 + Y(34)·14 + S(28)·13 + K(20)·12 + -(36)·11 + S(28)·10 + E(14)·9
    //   + P(25)·8 + S(28)·7 + -(36)·(6+5+4+3+2) = 3014; (3014 − 1) mod 37 = 16; 36 − 16 = 20 = 'K'
    const body = '10YSK-SEPS-----';

    // Act
    const value = eicCheckValue(body);

    // Assess
    expect(value).toBe(20);
  });

  it('computes a Slovak measurement-point style code whose check value is 0', () => {
    // Prepare: 2·16 + 4·15 + Z(35)·14 + Z(35)·13 + S(28)·12 + 1·11 + 2·10 + 3·9 + 4·8 + 5·7
    //   + 6·6 + 7·5 + 8·4 + 9·3 + 0·2 = 1628; (1628 − 1) mod 37 = 36; 36 − 36 = 0 = '0'
    const body = '24ZZS1234567890';

    // Act
    const value = eicCheckValue(body);

    // Assess
    expect(value).toBe(0);
  });

  it.each(['10YSK-SEPS----', '10YSK-SEPS------', '10YSK_SEPS-----', '10ysk-seps-----'])(
    'gives nothing for %j, which is not 15 EIC characters',
    (body) => {
      // Act
      const value = eicCheckValue(body);

      // Assess
      expect(value).toBeUndefined();
    },
  );
});

describe('eicCheckCharacter', () => {
  it.each(publishedCodes)('gives the published check character of %s (%s)', (_name, code) => {
    // Act
    const check = eicCheckCharacter(code.slice(0, 15));

    // Assess
    expect(check).toBe(code.slice(15));
  });

  it("maps the check value 36 to '-', which marks a body no valid EIC has", () => {
    // Prepare: the weighted sum of this body is 1629; (1629 − 1) mod 37 = 0; 36 − 0 = 36
    const body = '24ZZS1234567848';

    // Act
    const check = eicCheckCharacter(body);

    // Assess
    expect(check).toBe('-');
  });
});

describe('normaliseEic', () => {
  it.each(publishedCodes)('accepts the published code of %s (%s)', (_name, code) => {
    // Act
    const result = normaliseEic(code);

    // Assess
    expect(result).toEqual({ ok: true, value: code });
  });

  it('trims and upper-cases the code', () => {
    // Act
    const result = normaliseEic('  10ysk-seps-----k \n');

    // Assess
    expect(result).toEqual({ ok: true, value: '10YSK-SEPS-----K' });
  });

  it('refuses a published code with a different check character, saying the check failed', () => {
    // Act
    const result = normaliseEic('10YSK-SEPS-----L');

    // Assess
    expect(result).toEqual({ ok: false, reason: expect.stringMatching(/check character .*does not match/) });
  });

  it('refuses a code with two characters swapped, which the weights catch', () => {
    // Act
    const result = normaliseEic('10YCZ-CPES-----N');

    // Assess
    expect(result).toEqual({ ok: false, reason: expect.stringContaining('does not match') });
  });

  it.each([
    ['10YSK-SEPS-----', 15],
    ['10YSK-SEPS-----KK', 17],
    ['', 0],
  ])('refuses %j, naming the length %i', (input, length) => {
    // Act
    const result = normaliseEic(input);

    // Assess
    expect(result).toEqual({ ok: false, reason: `an EIC has 16 characters, this has ${length}` });
  });

  it('refuses a code whose issuing office is not two digits', () => {
    // Act
    const result = normaliseEic('1AYSK-SEPS-----K');

    // Assess
    expect(result).toEqual({ ok: false, reason: expect.stringContaining('issuing office') });
  });

  it('refuses an unknown object type letter, listing the known ones', () => {
    // Act
    const result = normaliseEic('10QSK-SEPS-----K');

    // Assess
    expect(result).toEqual({
      ok: false,
      reason: expect.stringMatching(/object type \(X, Y, Z, W, T, V, A\).*'Q'/),
    });
  });

  it('refuses a character outside A–Z, 0–9 and dash in the body', () => {
    // Act
    const result = normaliseEic('10YSK_SEPS-----K');

    // Assess
    expect(result).toEqual({ ok: false, reason: expect.stringContaining('characters 4–15') });
  });

  it("refuses '-' as check character even when the body computes to it", () => {
    // Prepare: this body's check value is 36, i.e. '-'
    const code = '24ZZS1234567848-';

    // Act
    const result = normaliseEic(code);

    // Assess
    expect(result).toEqual({
      ok: false,
      reason: expect.stringContaining('check character (16th) of an EIC is a letter'),
    });
  });

  it('accepts a code of the wanted object type', () => {
    // Act
    const result = normaliseEic('24ZZS12345678900', { objectType: 'Z' });

    // Assess
    expect(result).toEqual({ ok: true, value: '24ZZS12345678900' });
  });

  it('refuses a valid code of another object type than wanted, naming both', () => {
    // Act
    const result = normaliseEic('10YSK-SEPS-----K', { objectType: 'Z' });

    // Assess
    expect(result).toEqual({
      ok: false,
      reason: "the 3rd character must be 'Z' (measurement point), this code is of type 'Y' (area)",
    });
  });
});
