import { describe, expect, it } from 'vitest';
import { normalisePhone, phoneTypeOf } from '#domain/identifiers/phone';

describe('normalisePhone', () => {
  it.each(['070-123 45 67', '070 123 45 67', '+46 70 123 45 67', '0046701234567', '  0701234567 '])(
    'reads the Swedish form %j as +46701234567',
    (input) => {
      // Act
      const result = normalisePhone(input, 'SE');

      // Assess
      expect(result).toEqual({ ok: true, e164: '+46701234567' });
    },
  );

  it('reads a Slovak national number in Slovakia', () => {
    // Act
    const result = normalisePhone('0905 123 456', 'SK');

    // Assess
    expect(result).toEqual({ ok: true, e164: '+421905123456' });
  });

  it('keeps an international number of another country whatever the default country', () => {
    // Act
    const result = normalisePhone('+421 905 123 456', 'SE');

    // Assess
    expect(result).toEqual({ ok: true, e164: '+421905123456' });
  });

  it('reads a Czech national number in Czechia', () => {
    // Act
    const result = normalisePhone('601 123 456', 'CZ');

    // Assess
    expect(result).toEqual({ ok: true, e164: '+420601123456' });
  });

  it.each(['+44 20 7946 0958', '+49 30 901820', '0044 20 7946 0958', '+800 1234 5678'])(
    'refuses %j, a number of a country no tenant works in, and names the countries it takes',
    (input) => {
      // Act
      const result = normalisePhone(input, 'SE');

      // Assess
      expect(result).toEqual({ ok: false, reason: 'only numbers of CZ, SE, SK are accepted' });
    },
  );

  it.each(['hello', '123', '', '070-123', '+46 70 123 45 67 89 00'])(
    'refuses %j and names the country it read it in',
    (input) => {
      // Act
      const result = normalisePhone(input, 'SE');

      // Assess
      expect(result).toEqual({ ok: false, reason: expect.stringContaining('read as SE') });
    },
  );
});

describe('phoneTypeOf', () => {
  it.each([
    ['+421254431122', 'FIXED_LINE'],
    ['+421905123456', 'MOBILE'],
    ['+4687654321', 'FIXED_LINE'],
    ['+46701234567', 'MOBILE'],
    ['+4620123456', 'TOLL_FREE'],
    ['+420601123456', 'MOBILE'],
    ['+420212345678', 'FIXED_LINE'],
  ])('says what %s is by the numbering plan: %s', (e164, type) => {
    // Act
    const found = phoneTypeOf(e164);

    // Assess
    expect(found).toBe(type);
  });

  it('cannot tell what a number of another country is', () => {
    // Act
    const found = phoneTypeOf('+447700900123');

    // Assess
    expect(found).toBeUndefined();
  });
});
