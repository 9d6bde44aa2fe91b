import type { BandTable, ConsumptionBand } from '#domain/energy/consumption-bands';
import type { VolumeCoefficientTable } from '#domain/energy/gas-conversion';

// The reference tables the demo tenants are seeded with. The Slovak gas bands
// are the distributor's published tariff groups; the rest is invented or
// simplified. Each tenant keeps its own tables, as its distributors publish them.

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
 * The Slovak gas distribution tariff groups of SPP-distribúcia for households
 * (D1–D8) and for small businesses, "maloodber" (M1–M8), by the contracted
 * annual quantity in kWh, as set by ÚRSO's price decision for access to the
 * distribution network and as suppliers restate them:
 *
 *   D1/M1 up to 2 138 kWh                D5/M5 above 69 485 up to 85 000
 *   D2/M2 above 2 138 up to 18 173       D6/M6 above 85 000 up to 100 000
 *   D3/M3 above 18 173 up to 42 760      D7/M7 above 100 000 up to 300 000
 *   D4/M4 above 42 760 up to 69 485      D8/M8 above 300 000
 *
 * Sources: https://www.vyhodnaenergia.sk/blog/94/plyn/tarify-distribucie-plynu-pre-domacnosti
 * (tarifné skupiny 1–7 for households), https://www.vyhodnaenergia.sk/blog/95/plyn/tarify-distribucie-plynu-pre-firmy
 * (the same for firms, M1–M7), https://www.spp.sk/sk/domacnosti/plyn/tarify-a-ceny/aku-tarifu-si-vybrat-/
 * (D1–D6 and D7 from 100 000 kWh), https://www.spp.sk/faq/aky-druh-tarify-si-vybrat-2/ (M1–M6) and
 * https://www.sse.sk/podnikatelia-organizacie/plyn/dokumenty-na-stiahnutie/cennik-plynu-pre-podnikatelov-a-organizacie-maloodber?page_id=8108
 * (T7, 100 000–300 000 kWh, in SPP-distribúcia's network). D8/M8 reaches up
 * to where the small-consumer category ends; a band table's last band is
 * open-ended, so here it is "above 300 000 kWh".
 *
 * "Up to" includes the figure, so in whole kWh each band after the first
 * starts one above it: 2 138 kWh is D1 and 2 139 kWh is D2. Tenants keep
 * their tables current with the price decision of the year.
 */
const slovakGasBoundaries = [0, 2_139, 18_174, 42_761, 69_486, 85_001, 100_001, 300_001] as const;
const slovakGasRanges = [
  'up to 2 138 kWh',
  '2 139–18 173 kWh',
  '18 174–42 760 kWh',
  '42 761–69 485 kWh',
  '69 486–85 000 kWh',
  '85 001–100 000 kWh',
  '100 001–300 000 kWh',
  'above 300 000 kWh',
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
