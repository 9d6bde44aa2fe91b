import { describe, expect, it } from 'vitest';
import { normaliseEmail } from '#domain/identifiers/email';

describe('normaliseEmail', () => {
  it('trims and lower-cases an address', () => {
    // Act
    const result = normaliseEmail('  Anna.Svensson@Example.SE ');

    // Assess
    expect(result).toEqual({ ok: true, value: 'anna.svensson@example.se' });
  });

  it.each(['anna', 'anna@', '@example.se', 'anna svensson@example.se', 'anna@example', ''])(
    'refuses %j',
    (input) => {
      // Act
      const result = normaliseEmail(input);

      // Assess
      expect(result).toEqual({ ok: false, reason: 'not a valid e-mail address' });
    },
  );
});
