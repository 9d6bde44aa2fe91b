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
  ])('says what %s is by the numbering plan: %s', (e164, type) => {
    // Act
    const found = phoneTypeOf(e164);

    // Assess
    expect(found).toBe(type);
  });
});
