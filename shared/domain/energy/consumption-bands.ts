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
