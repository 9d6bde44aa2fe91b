import { describe, expect, it } from 'vitest';
import { type DerivationInput, deriveParameters } from '#domain/energy/derive-parameters';
import type { GasConversionSettings } from '#domain/energy/stores';
import type { VerifiedAddress } from '#domain/geocoding/geocoder';
import { unprocessableErrorOf } from '../../../support/unprocessable-error';

const gas: GasConversionSettings = {
  grossCalorificValue: '10.555',
  coefficients: {
    byAltitude: [{ maxAltitudeMeters: 300, coefficient: '0.9820' }],
    byMunicipality: { 'Bratislava - Staré Mesto': '0.9951', Bratislava: '0.9940' },
  },
};

const verified = (municipality: string): VerifiedAddress => ({
  label: `Hviezdoslavova 9, 811 02 ${municipality}, Slovensko`,
  street: 'Hviezdoslavova',
  houseNumber: '9',
  postcode: '811 02',
  municipality,
  country: 'SK',
  latitude: '48.1405942',
  longitude: '17.1093286',
});

/** A Slovak gas supply point in Bratislava, 1 000 m³ a year, with no altitude given. */
const gasPoint = (overrides: Partial<DerivationInput> = {}): DerivationInput => ({
  identifier: '24ZSPP765432100V',
  commodity: 'gas',
  country: 'SK',
  accountId: 'A1',
  territoryCode: 'SPPD',
  customerType: 'B2C',
  services: [],
  meter: {},
  annualConsumptionM3: 1_000,
  payment: { method: 'invoice' },
  status: 'active',
  address: {
    street: 'Hviezdoslavova',
    houseNumber: '9',
    postcode: '811 02',
    city: 'Bratislava',
    country: 'SK',
  },
  ...overrides,
});

describe('deriveParameters, the gas coefficient of the place', () => {
  it("takes the verified address's municipality's own coefficient, with no altitude given", () => {
    // Prepare
    const point = gasPoint({
      addressVerification: {
        status: 'verified',
        address: verified('Bratislava - Staré Mesto'),
        checkedAt: 'x',
      },
    });

    // Act
    const { derived } = deriveParameters(point, { gas });

    // Assess: 1 000 m³ × 0.9951 × 10.555 = 10 503.3 → 10 503 kWh
    expect(derived.gas).toEqual({
      coefficient: '0.9951',
      calorificValueKwhPerM3: '10.555',
      annualKwh: 10_503,
      annualM3: 1_000,
    });
  });

  it("lets the verified municipality's coefficient win over the altitude", () => {
    // Prepare
    const point = gasPoint({
      altitudeMeters: 140,
      addressVerification: { status: 'verified', address: verified('Bratislava'), checkedAt: 'x' },
    });

    // Act
    const { derived } = deriveParameters(point, { gas });

    // Assess
    expect(derived.gas?.coefficient).toBe('0.9940');
  });

  it('uses the city of the address while the address waits for verification', () => {
    // Prepare
    const point = gasPoint({ addressVerification: { status: 'pending', requestedAt: 'x' } });

    // Act
    const { derived } = deriveParameters(point, { gas });

    // Assess
    expect(derived.gas?.coefficient).toBe('0.9940');
  });

  it('falls back to the altitude for a municipality the table does not list', () => {
    // Prepare
    const point = gasPoint({
      altitudeMeters: 250,
      address: { street: 'Hlavná', houseNumber: '12', postcode: '080 01', city: 'Prešov', country: 'SK' },
    });

    // Act
    const { derived } = deriveParameters(point, { gas });

    // Assess
    expect(derived.gas?.coefficient).toBe('0.9820');
  });

  it('refuses a place with neither a listed municipality nor an altitude (422 naming altitudeMeters)', () => {
    // Prepare
    const point = gasPoint({
      address: { street: 'Hlavná', houseNumber: '12', postcode: '080 01', city: 'Prešov', country: 'SK' },
    });

    // Act
    const error = unprocessableErrorOf(() => deriveParameters(point, { gas }));

    // Assess
    expect(error.fields.map((f) => f.name)).toEqual(['altitudeMeters']);
    expect(error.message).toContain('Prešov');
  });
});

describe('deriveParameters, the rounding of the gas conversion', () => {
  it('derives whole m³ from kWh rounding once: 710 kWh is 68.4997 m³, so 68, not 69', () => {
    // Prepare: 710 ÷ (0.9820 × 10.555) = 68.49969… m³; rounded to litres first it would be 68.500 → 69.
    const point = gasPoint({
      annualConsumptionM3: undefined,
      annualConsumptionKwh: 710,
      address: { street: 'Hlavná', houseNumber: '12', postcode: '080 01', city: 'Prešov', country: 'SK' },
      altitudeMeters: 250,
    });

    // Act
    const { derived } = deriveParameters(point, { gas });

    // Assess
    expect(derived.gas).toMatchObject({ coefficient: '0.9820', annualKwh: 710, annualM3: 68 });
  });

  it('derives whole kWh from m³ rounding half up: 1 000 m³ × 0.9820 × 10.555 = 10 365.01 is 10 365', () => {
    // Prepare
    const point = gasPoint({
      address: { street: 'Hlavná', houseNumber: '12', postcode: '080 01', city: 'Prešov', country: 'SK' },
      altitudeMeters: 250,
    });

    // Act
    const { derived, annualConsumptionKwh } = deriveParameters(point, { gas });

    // Assess
    expect([derived.gas?.annualKwh, annualConsumptionKwh]).toEqual([10_365, 10_365]);
  });
});
