import { describe, expect, it } from 'vitest';
import {
  type Commodity,
  commodities,
  identifierStandards,
  normaliseSupplyPointIdentifier,
} from '#domain/energy/supply-point-identifier';

// 24ZZS12345678900: check value 0 (see the EIC tests); 735999100000123450 and 859182400000123452:
// GS1 check digits 0 and 2 (see the GSRN tests).
const slovakEic = '24ZZS12345678900';
const swedishGsrn = '735999100000123450';
const czechEan = '859182400000123452';

describe('commodities', () => {
  it('lists the seven commodities and services of R-SP-4', () => {
    // Assess
    expect(commodities).toEqual([
      'electricity',
      'gas',
      'district-heating',
      'cooling',
      'water-sewage',
      'waste-recycling',
      'broadband',
    ]);
  });
});

describe('identifierStandards', () => {
  it.each([
    ['SK', 'electricity', ['eic']],
    ['SK', 'gas', ['eic', 'sk-gas-pod']],
    ['CZ', 'electricity', ['gsrn']],
    ['CZ', 'gas', ['eic']],
    ['SE', 'electricity', ['gsrn']],
    ['SE', 'gas', ['gsrn']],
    ['se', 'electricity', ['gsrn']],
    ['AT', 'electricity', ['local']],
  ] as const)('gives %s %s the standards %j', (country, commodity, expected) => {
    // Act
    const standards = identifierStandards(country, commodity);

    // Assess
    expect(standards).toEqual(expected);
  });

  it.each(commodities.filter((c) => c !== 'electricity' && c !== 'gas'))(
    'gives %s a tenant-local id in every country',
    (commodity) => {
      // Act
      const standards = ['SK', 'CZ', 'SE'].map((country) => identifierStandards(country, commodity));

      // Assess
      expect(standards).toEqual([['local'], ['local'], ['local']]);
    },
  );
});

describe('normaliseSupplyPointIdentifier', () => {
  it('checks a Slovak electricity point as an EIC and upper-cases it', () => {
    // Act
    const result = normaliseSupplyPointIdentifier('SK', 'electricity', ' 24zzs12345678900 ');

    // Assess
    expect(result).toEqual({ ok: true, value: slovakEic, standard: 'eic' });
  });

  it('refuses a Slovak electricity EIC with a wrong check character', () => {
    // Act
    const result = normaliseSupplyPointIdentifier('SK', 'electricity', '24ZZS12345678901');

    // Assess
    expect(result).toEqual({ ok: false, reason: expect.stringContaining('check character') });
  });

  it('refuses an area EIC as a supply point: a supply point is a measurement point (Z)', () => {
    // Act
    const result = normaliseSupplyPointIdentifier('SK', 'electricity', '10YSK-SEPS-----K');

    // Assess
    expect(result).toEqual({ ok: false, reason: expect.stringContaining("must be 'Z' (measurement point)") });
  });

  it('refuses a GSRN for a Slovak electricity point', () => {
    // Act
    const result = normaliseSupplyPointIdentifier('SK', 'electricity', swedishGsrn);

    // Assess
    expect(result).toEqual({ ok: false, reason: expect.stringContaining('an EIC has 16 characters') });
  });

  it('checks a Slovak gas point given as an EIC', () => {
    // Act
    const result = normaliseSupplyPointIdentifier('SK', 'gas', slovakEic);

    // Assess
    expect(result).toEqual({ ok: true, value: slovakEic, standard: 'eic' });
  });

  it('accepts a Slovak gas point given as the 20-character POD, by its shape', () => {
    // Act
    const result = normaliseSupplyPointIdentifier('SK', 'gas', 'sksppdis000000012345');

    // Assess
    expect(result).toEqual({ ok: true, value: 'SKSPPDIS000000012345', standard: 'sk-gas-pod' });
  });

  it('refuses a Slovak gas identifier that is neither an EIC nor a POD', () => {
    // Act
    const result = normaliseSupplyPointIdentifier('SK', 'gas', 'SKSPPDIS00000001234');

    // Assess
    expect(result).toEqual({
      ok: false,
      reason: expect.stringContaining('a Slovak gas POD has 20 characters'),
    });
  });

  it('checks a Czech electricity point as an EAN-18', () => {
    // Act
    const result = normaliseSupplyPointIdentifier('CZ', 'electricity', czechEan);

    // Assess
    expect(result).toEqual({ ok: true, value: czechEan, standard: 'gsrn' });
  });

  it('refuses a Czech electricity EAN whose check digit is wrong', () => {
    // Act
    const result = normaliseSupplyPointIdentifier('CZ', 'electricity', '859182400000123453');

    // Assess
    expect(result).toEqual({ ok: false, reason: expect.stringContaining('GS1 mod 10') });
  });

  it('checks a Czech gas point as an EIC', () => {
    // Act
    const accepted = normaliseSupplyPointIdentifier('CZ', 'gas', slovakEic);
    const refused = normaliseSupplyPointIdentifier('CZ', 'gas', czechEan);

    // Assess
    expect(accepted).toEqual({ ok: true, value: slovakEic, standard: 'eic' });
    expect(refused.ok).toBe(false);
  });

  it.each(['electricity', 'gas'] as const)('checks a Swedish %s anläggnings-ID as a GSRN', (commodity) => {
    // Act
    const result = normaliseSupplyPointIdentifier('SE', commodity, '735999 100000 123450');

    // Assess
    expect(result).toEqual({ ok: true, value: swedishGsrn, standard: 'gsrn' });
  });

  it('refuses a Swedish anläggnings-ID whose check digit is wrong', () => {
    // Act
    const result = normaliseSupplyPointIdentifier('SE', 'electricity', '735999100000123451');

    // Assess
    expect(result.ok).toBe(false);
  });

  it.each([
    ['SE', 'district-heating', 'FV-10023_a'],
    ['SK', 'water-sewage', 'VOD-88'],
    ['CZ', 'broadband', 'Přípojka_7'],
    ['AT', 'electricity', 'AT0010000000000000001000004711234'],
  ] as const)('keeps a %s %s id as the tenant wrote it, only trimmed', (country, commodity, id) => {
    // Act
    const result = normaliseSupplyPointIdentifier(country, commodity as Commodity, `  ${id} `);

    // Assess
    expect(result).toEqual({ ok: true, value: id, standard: 'local' });
  });

  it.each(['X', 'a'.repeat(41), 'FV 10023', 'FV/10023', ''])('refuses the local id %j', (id) => {
    // Act
    const result = normaliseSupplyPointIdentifier('SE', 'district-heating', id);

    // Assess
    expect(result).toEqual({ ok: false, reason: 'use 2–40 letters, digits, dashes or underscores' });
  });
});
