import { describe, expect, it } from 'vitest';
import { bandFor, validateBandTable } from '#domain/energy/consumption-bands';
import {
  slovakDemoBandTables,
  slovakElectricityHouseholdBands,
  slovakGasHouseholdBands,
  slovakGasSmallBusinessBands,
  swedishDemoBandTables,
  swedishElectricityBusinessBands,
  swedishElectricityHouseholdBands,
} from '../../../lib/local/seed-reference-tables';

describe('the demo band tables', () => {
  it.each([...slovakDemoBandTables, ...swedishDemoBandTables])(
    'pass validateBandTable: $commodity $customerType',
    (demo) => {
      // Act
      const invalid = validateBandTable(demo);

      // Assess
      expect(invalid).toEqual([]);
    },
  );
});

describe('the Slovak gas household bands', () => {
  it.each([
    [0, 'D1'],
    [2_138, 'D1'],
    [2_139, 'D2'],
    [18_173, 'D2'],
    [18_174, 'D3'],
    [42_760, 'D3'],
    [42_761, 'D4'],
    [69_485, 'D4'],
    [69_486, 'D5'],
    [85_000, 'D5'],
    [85_001, 'D6'],
    [100_000, 'D6'],
    [100_001, 'D7'],
    [300_000, 'D7'],
    [300_001, 'D8'],
    [1_000_000, 'D8'],
  ])('put %i kWh in %s: each published upper figure is still in its band', (consumption, code) => {
    // Act
    const band = bandFor(slovakGasHouseholdBands, consumption);

    // Assess
    expect(band.code).toBe(code);
  });

  it('are gas bands for households in kWh, labelled with their range', () => {
    // Assess
    expect(slovakGasHouseholdBands).toMatchObject({ commodity: 'gas', customerType: 'B2C', unit: 'kWh' });
    expect(slovakGasHouseholdBands.bands[1]).toEqual({
      code: 'D2',
      label: 'D2: 2 139–18 173 kWh',
      fromInclusive: 2_139,
      toExclusive: 18_174,
    });
    expect(slovakGasHouseholdBands.bands.map((b) => b.label).slice(2)).toEqual([
      'D3: 18 174–42 760 kWh',
      'D4: 42 761–69 485 kWh',
      'D5: 69 486–85 000 kWh',
      'D6: 85 001–100 000 kWh',
      'D7: 100 001–300 000 kWh',
      'D8: above 300 000 kWh',
    ]);
  });
});

describe('the Slovak gas small-business bands', () => {
  it('use the household boundaries with codes M1–M8', () => {
    // Act
    const codes = slovakGasSmallBusinessBands.bands.map((b) => b.code);
    const starts = slovakGasSmallBusinessBands.bands.map((b) => b.fromInclusive);

    // Assess
    expect(slovakGasSmallBusinessBands.customerType).toBe('B2B');
    expect(codes).toEqual(['M1', 'M2', 'M3', 'M4', 'M5', 'M6', 'M7', 'M8']);
    expect(starts).toEqual(slovakGasHouseholdBands.bands.map((b) => b.fromInclusive));
  });

  it.each([
    [2_138, 'M1'],
    [42_761, 'M4'],
    [300_000, 'M7'],
    [300_001, 'M8'],
  ])('put %i kWh in %s', (consumption, code) => {
    // Act
    const band = bandFor(slovakGasSmallBusinessBands, consumption);

    // Assess
    expect(band.code).toBe(code);
  });
});

describe('the Slovak electricity household bands', () => {
  it.each([
    [999, 'E1'],
    [1_000, 'E2'],
    [2_500, 'E3'],
    [5_000, 'E4'],
    [10_000, 'E5'],
  ])('put %i kWh in %s', (consumption, code) => {
    // Act
    const band = bandFor(slovakElectricityHouseholdBands, consumption);

    // Assess
    expect(band.code).toBe(code);
  });
});

describe('the Swedish electricity bands', () => {
  it.each([
    [1_999, 'LGH'],
    [2_000, 'SMAHUS'],
    [4_999, 'SMAHUS'],
    [5_000, 'VILLA'],
    [20_000, 'ELVARME'],
    [49_999, 'ELVARME'],
    [50_000, 'STOR'],
  ])('put a household using %i kWh in %s', (consumption, code) => {
    // Act
    const band = bandFor(swedishElectricityHouseholdBands, consumption);

    // Assess
    expect(band.code).toBe(code);
  });

  it.each([
    [19_999, 'F1'],
    [20_000, 'F2'],
    [100_000, 'F3'],
    [1_000_000, 'F4'],
  ])('put a business using %i kWh in %s', (consumption, code) => {
    // Act
    const band = bandFor(swedishElectricityBusinessBands, consumption);

    // Assess
    expect(band.code).toBe(code);
  });
});
