import type { BandTable, ConsumptionBand } from '#domain/energy/consumption-bands';
import type { VolumeCoefficientTable } from '#domain/energy/gas-conversion';

// The reference tables the demo tenants are seeded with. Invented or
// simplified: each tenant keeps its own tables, as its distributors publish them.

/** Bands with the given codes and labels, each ending where the next starts. */
function chain(
  bands: readonly { readonly code: string; readonly label: string; readonly from: number }[],
): ConsumptionBand[] {
  return bands.map((band, i) => {
    const next = bands[i + 1];
    return next === undefined
      ? { code: band.code, label: band.label, fromInclusive: band.from }
      : { code: band.code, label: band.label, fromInclusive: band.from, toExclusive: next.from };
  });
}

/**
 * Boundaries of the Slovak gas distribution tariffs by annual consumption in
 * kWh, as SPP-distribúcia publishes them for households (D1–D8) and for small
 * businesses, "maloodber" (M1–M8): D1 up to 2 138 kWh, D2 above 2 138 up to
 * 18 173, D3 up to 40 104, D4 up to 60 000, D5 up to 100 000, D6 up to
 * 400 000, D7 up to 641 000, D8 above 641 000. "Up to" includes the value, so
 * in whole kWh each band after D1 starts one above the published figure:
 * 2 138 kWh is D1 and 2 139 kWh is D2. Demo data: tenants edit their tables.
 */
const slovakGasBoundaries = [0, 2_139, 18_174, 40_105, 60_001, 100_001, 400_001, 641_001] as const;
const slovakGasRanges = [
  'up to 2 138 kWh',
  '2 139–18 173 kWh',
  '18 174–40 104 kWh',
  '40 105–60 000 kWh',
  '60 001–100 000 kWh',
  '100 001–400 000 kWh',
  '400 001–641 000 kWh',
  'above 641 000 kWh',
] as const;

function slovakGasBands(prefix: 'D' | 'M'): ConsumptionBand[] {
  return chain(
    slovakGasBoundaries.map((from, i) => ({
      code: `${prefix}${i + 1}`,
      label: `${prefix}${i + 1}: ${slovakGasRanges[i]}`,
      from,
    })),
  );
}

export const slovakGasHouseholdBands: BandTable = {
  commodity: 'gas',
  customerType: 'B2C',
  unit: 'kWh',
  bands: slovakGasBands('D'),
};

export const slovakGasSmallBusinessBands: BandTable = {
  commodity: 'gas',
  customerType: 'B2B',
  unit: 'kWh',
  bands: slovakGasBands('M'),
};

/** A demo table for Slovak household electricity; tenants set their own boundaries. */
export const slovakElectricityHouseholdBands: BandTable = {
  commodity: 'electricity',
  customerType: 'B2C',
  unit: 'kWh',
  bands: chain([
    { code: 'E1', label: 'Low use, below 1 000 kWh', from: 0 },
    { code: 'E2', label: 'Flat, 1 000–2 499 kWh', from: 1_000 },
    { code: 'E3', label: 'House, 2 500–4 999 kWh', from: 2_500 },
    { code: 'E4', label: 'Large house, 5 000–9 999 kWh', from: 5_000 },
    { code: 'E5', label: 'Electric heating, 10 000 kWh and more', from: 10_000 },
  ]),
};

/** A demo table for Slovak business electricity; tenants set their own boundaries. */
export const slovakElectricityBusinessBands: BandTable = {
  commodity: 'electricity',
  customerType: 'B2B',
  unit: 'kWh',
  bands: chain([
    { code: 'P1', label: 'Micro, below 10 000 kWh', from: 0 },
    { code: 'P2', label: 'Small, 10 000–29 999 kWh', from: 10_000 },
    { code: 'P3', label: 'Medium, 30 000–99 999 kWh', from: 30_000 },
    { code: 'P4', label: 'Large, 100 000 kWh and more', from: 100_000 },
  ]),
};

/** A demo table for Swedish household electricity; tenants set their own boundaries. */
export const swedishElectricityHouseholdBands: BandTable = {
  commodity: 'electricity',
  customerType: 'B2C',
  unit: 'kWh',
  bands: chain([
    { code: 'LGH', label: 'Lägenhet, under 2 000 kWh', from: 0 },
    { code: 'SMAHUS', label: 'Litet hus, 2 000–4 999 kWh', from: 2_000 },
    { code: 'VILLA', label: 'Villa, 5 000–19 999 kWh', from: 5_000 },
    { code: 'ELVARME', label: 'Villa med elvärme, 20 000–49 999 kWh', from: 20_000 },
    { code: 'STOR', label: 'Stor förbrukning, 50 000 kWh och mer', from: 50_000 },
  ]),
};

/** A demo table for Swedish business electricity; tenants set their own boundaries. */
export const swedishElectricityBusinessBands: BandTable = {
  commodity: 'electricity',
  customerType: 'B2B',
  unit: 'kWh',
  bands: chain([
    { code: 'F1', label: 'Litet företag, under 20 000 kWh', from: 0 },
    { code: 'F2', label: 'Företag, 20 000–99 999 kWh', from: 20_000 },
    { code: 'F3', label: 'Stort företag, 100 000–999 999 kWh', from: 100_000 },
    { code: 'F4', label: 'Storförbrukare, 1 000 000 kWh och mer', from: 1_000_000 },
  ]),
};

export const slovakDemoBandTables: readonly BandTable[] = [
  slovakGasHouseholdBands,
  slovakGasSmallBusinessBands,
  slovakElectricityHouseholdBands,
  slovakElectricityBusinessBands,
];

export const swedishDemoBandTables: readonly BandTable[] = [
  swedishElectricityHouseholdBands,
  swedishElectricityBusinessBands,
];

/**
 * Demo data: a small table shaped like SPP-distribúcia's "prepočítavací
 * koeficient", which falls with the altitude of the municipality. The values
 * are illustrative, not the official ones; tenants load the official table
 * (per municipality) for the period.
 */
export const slovakDemoVolumeCoefficients: VolumeCoefficientTable = {
  byAltitude: [
    { maxAltitudeMeters: 200, coefficient: '0.9937' },
    { maxAltitudeMeters: 300, coefficient: '0.9820' },
    { maxAltitudeMeters: 400, coefficient: '0.9704' },
    { maxAltitudeMeters: 500, coefficient: '0.9589' },
    { maxAltitudeMeters: 600, coefficient: '0.9475' },
    { maxAltitudeMeters: 700, coefficient: '0.9362' },
    { maxAltitudeMeters: 800, coefficient: '0.9250' },
    { maxAltitudeMeters: 1000, coefficient: '0.9085' },
    { maxAltitudeMeters: 1400, coefficient: '0.8815' },
  ],
};

/** Demo gross calorific value in kWh/m³; tenants store the distributor's published value per period. */
export const slovakDemoGrossCalorificValue = '10.555';
