import type { CustomerType } from '#domain/accounts/account';
import { type InvalidField, ValidationError } from '#domain/errors';
import { isNonNegativeSafeInteger } from './exact';
import type { Commodity } from './supply-point-identifier';

/**
 * Consumption bands (R-SP-2): a tenant's table per commodity and customer
 * type sorts a supply point's annual consumption into a band, which selects
 * the price (R-SP-5). A band holds the consumptions `fromInclusive` up to but
 * not including `toExclusive`, so a value on a boundary belongs to the upper
 * band. The bands start at 0, follow each other without gap or overlap, and
 * only the last is open-ended.
 */
export interface ConsumptionBand {
  readonly code: string;
  readonly label: string;
  /** Whole units of the table's unit. */
  readonly fromInclusive: number;
  /** Absent only on the last band. */
  readonly toExclusive?: number;
}

export const consumptionUnits = ['kWh', 'm3'] as const;
export type ConsumptionUnit = (typeof consumptionUnits)[number];

export interface BandTable {
  readonly commodity: Commodity;
  readonly customerType: CustomerType;
  readonly unit: ConsumptionUnit;
  readonly bands: readonly ConsumptionBand[];
}

/** Every problem of a band table, named by field (`bands.2.fromInclusive`); empty when it is valid. */
export function validateBandTable(table: BandTable): InvalidField[] {
  const invalid: InvalidField[] = [];
  if (!consumptionUnits.includes(table.unit)) {
    invalid.push({ name: 'unit', reason: `must be one of ${consumptionUnits.join(', ')}` });
  }
  if (table.bands.length === 0) {
    invalid.push({ name: 'bands', reason: 'a band table needs at least one band' });
    return invalid;
  }
  const seenCodes = new Set<string>();
  table.bands.forEach((band, i) => {
    const at = `bands.${i}`;
    const code = band.code.trim();
    if (code.length === 0) invalid.push({ name: `${at}.code`, reason: 'must not be blank' });
    else if (seenCodes.has(code))
      invalid.push({ name: `${at}.code`, reason: `${code} is used by another band` });
    seenCodes.add(code);
    if (band.label.trim().length === 0) invalid.push({ name: `${at}.label`, reason: 'must not be blank' });

    const fromValid = isNonNegativeSafeInteger(band.fromInclusive);
    if (!fromValid) {
      invalid.push({ name: `${at}.fromInclusive`, reason: 'must be a whole number, 0 or more' });
    } else if (i === 0 && band.fromInclusive !== 0) {
      invalid.push({ name: `${at}.fromInclusive`, reason: 'the first band starts at 0' });
    }

    const isLast = i === table.bands.length - 1;
    if (band.toExclusive === undefined) {
      if (!isLast)
        invalid.push({ name: `${at}.toExclusive`, reason: 'only the last band may be open-ended' });
    } else if (isLast) {
      invalid.push({
        name: `${at}.toExclusive`,
        reason: 'the last band must be open-ended so that every consumption has a band',
      });
    } else if (!isNonNegativeSafeInteger(band.toExclusive)) {
      invalid.push({ name: `${at}.toExclusive`, reason: 'must be a whole number, 0 or more' });
    } else if (fromValid && band.toExclusive <= band.fromInclusive) {
      invalid.push({
        name: `${at}.toExclusive`,
        reason: `must be above fromInclusive (${band.fromInclusive})`,
      });
    }

    const previous = table.bands[i - 1];
    if (previous?.toExclusive !== undefined && fromValid && isNonNegativeSafeInteger(previous.toExclusive)) {
      if (band.fromInclusive > previous.toExclusive) {
        invalid.push({
          name: `${at}.fromInclusive`,
          reason: `leaves a gap after band ${previous.code}, which ends before ${previous.toExclusive}`,
        });
      } else if (band.fromInclusive < previous.toExclusive) {
        invalid.push({
          name: `${at}.fromInclusive`,
          reason: `overlaps band ${previous.code}, which ends before ${previous.toExclusive}`,
        });
      }
    }
  });
  return invalid;
}

/**
 * The band of an annual consumption (whole units of the table's unit).
 * Throws a ValidationError naming `annualConsumption` for a negative or
 * fractional value, and naming the table's fields when the table is invalid.
 */
export function bandFor(table: BandTable, annualConsumption: number): ConsumptionBand {
  if (!isNonNegativeSafeInteger(annualConsumption)) {
    throw new ValidationError([
      { name: 'annualConsumption', reason: `must be a whole number of ${table.unit}, 0 or more` },
    ]);
  }
  const invalid = validateBandTable(table);
  if (invalid.length > 0) throw new ValidationError(invalid);
  // Valid tables are contiguous from 0 with an open-ended last band: the last band that starts at
  // or below the consumption holds it.
  const band = table.bands.findLast((b) => b.fromInclusive <= annualConsumption);
  if (band === undefined) throw new Error('a valid band table starts at 0');
  return band;
}

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
