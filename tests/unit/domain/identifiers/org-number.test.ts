import { describe, expect, it } from 'vitest';
import { icoCheckDigit, luhnCheckDigit, normaliseOrgNumber } from '#domain/identifiers/org-number';

describe('luhnCheckDigit', () => {
  it.each([
    ['Volvo AB', '556012579', 0],
    ['Spotify AB', '556703748', 5],
    ['Ericsson', '556016068', 0],
  ])('gives the published check digit of %s', (_company, payload, expected) => {
    // Act
    const digit = luhnCheckDigit(payload);

    // Assess
    expect(digit).toBe(expected);
  });
});

describe('normaliseOrgNumber for Sweden', () => {
  it.each([
    ['556012-5790', '556012-5790'],
    ['5567037485', '556703-7485'],
    ['556016 0680', '556016-0680'],
  ])('accepts the real organisation number %s as %s', (input, expected) => {
    // Act
    const result = normaliseOrgNumber('SE', input);

    // Assess
    expect(result).toEqual({ ok: true, value: expected });
  });

  it('accepts the 12-digit form with the century and drops the century', () => {
    // Act
    const result = normaliseOrgNumber('SE', '16556016-0680');

    // Assess
    expect(result).toEqual({ ok: true, value: '556016-0680' });
  });

  it('refuses a 12-digit form whose century is not one in use', () => {
    const result = normaliseOrgNumber('SE', '99556016-0680');

    expect(result.ok).toBe(false);
  });

  it('refuses a number whose check digit is wrong, saying the Luhn check failed', () => {
    // Act
    const result = normaliseOrgNumber('SE', '556012-5791');

    // Assess
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(/check digit.*Luhn/);
  });

  it.each(['55601257', '55601257901', '556012-579X', ''])(
    'refuses %j as having the wrong length',
    (input) => {
      // Act
      const result = normaliseOrgNumber('SE', input);

      // Assess
      expect(result).toEqual({ ok: false, reason: expect.stringContaining('10 digits') });
    },
  );
});

describe('icoCheckDigit', () => {
  it.each([
    ['Slovak Telekom', '3576346', 9],
    ['VÚB', '3132015', 5],
    ['ČEZ', '4527464', 9],
    ['Prague city', '0006458', 1],
  ])('gives the published check digit of %s', (_organisation, first7, expected) => {
    // Act
    const digit = icoCheckDigit(first7);

    // Assess
    expect(digit).toBe(expected);
  });

  it('gives 1 when the weighted sum is divisible by 11', () => {
    // Prepare: 2·8 + 3·2 = 22, remainder 0
    const first7 = '2000003';

    // Act
    const digit = icoCheckDigit(first7);

    // Assess
    expect(digit).toBe(1);
  });

  it('gives 0 when the weighted sum leaves remainder 1', () => {
    // Prepare: 1·8 + 2·2 = 12, remainder 1
    const first7 = '1000002';

    // Act
    const digit = icoCheckDigit(first7);

    // Assess
    expect(digit).toBe(0);
  });

  it('gives 11 minus the remainder otherwise', () => {
    // Prepare: 1·8 + 1·2 = 10, remainder 10
    const first7 = '1000001';

    // Act
    const digit = icoCheckDigit(first7);

    // Assess
    expect(digit).toBe(1);
  });
});

describe('normaliseOrgNumber for Slovakia and Czechia', () => {
  it.each([
    ['SK', '35763469'],
    ['SK', '31320155'],
    ['CZ', '45274649'],
    ['CZ', '00064581'],
  ] as const)('accepts the real %s IČO %s', (country, ico) => {
    // Act
    const result = normaliseOrgNumber(country, ico);

    // Assess
    expect(result).toEqual({ ok: true, value: ico });
  });

  it('accepts an IČO written with spaces and gives it compact', () => {
    // Act
    const result = normaliseOrgNumber('SK', '357 634 69');

    // Assess
    expect(result).toEqual({ ok: true, value: '35763469' });
  });

  it('pads an old 6-digit IČO with zeros', () => {
    // Act
    const result = normaliseOrgNumber('CZ', '064581');

    // Assess
    expect(result).toEqual({ ok: true, value: '00064581' });
  });

  it('accepts the constructed IČO whose remainder 0 gives check digit 1', () => {
    // Act
    const accepted = normaliseOrgNumber('CZ', '20000031');
    const refused = normaliseOrgNumber('CZ', '20000030');

    // Assess
    expect(accepted).toEqual({ ok: true, value: '20000031' });
    expect(refused.ok).toBe(false);
  });

  it('accepts the constructed IČO whose remainder 1 gives check digit 0', () => {
    // Act
    const accepted = normaliseOrgNumber('SK', '10000020');
    const refused = normaliseOrgNumber('SK', '10000021');

    // Assess
    expect(accepted).toEqual({ ok: true, value: '10000020' });
    expect(refused.ok).toBe(false);
  });

  it('refuses an IČO whose check digit is wrong, saying the mod-11 check failed', () => {
    // Act
    const result = normaliseOrgNumber('SK', '35763468');

    // Assess
    expect(result).toEqual({ ok: false, reason: expect.stringMatching(/check digit.*mod 11/) });
  });

  it.each(['12345', '123456789', '3576346X', '35-763-469'])('refuses %j as not an IČO', (input) => {
    // Act
    const result = normaliseOrgNumber('CZ', input);

    // Assess
    expect(result).toEqual({ ok: false, reason: expect.stringContaining('8 digits') });
  });
});
