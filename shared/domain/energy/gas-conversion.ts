import { type InvalidField, UnprocessableError, ValidationError } from '#domain/errors';
import { foldText } from '#domain/geocoding/decide';
import {
  divideRoundingHalfAwayFromZero,
  formatScaled,
  isNonNegativeSafeInteger,
  parseDecimal,
  pow10,
  type ScaledDecimal,
  toSafeNumber,
} from './exact';

/**
 * Gas volume ↔ energy (R-SP-2):
 *
 *   kWh = m³ × volume conversion coefficient × gross calorific value (kWh/m³)
 *
 * The coefficient converts the metered volume to reference conditions and
 * depends on where the meter is: the municipality's own value when the
 * tenant lists one, otherwise the value for its altitude;
 * the calorific value is the distributor's published value for the period.
 * Both are tenant data, written as decimal strings ('0.9962', '10.555') and
 * computed exactly: decimals are scaled BigInts, the product is exact, and
 * only the final result is rounded.
 *
 * Rounding: half up (half away from zero; all values here are ≥ 0).
 * - m³ → kWh: to whole kWh (12 975.5 → 12 976, 12 975.4999 → 12 975).
 * - kWh → m³: to 3 decimals, i.e. whole litres, returned as a decimal string
 *   ('1233.964'), so a figure shown in m³ does not lose up to half a cubic
 *   metre (≈ 5 kWh) before it is used again; or, for a stored whole figure,
 *   straight to whole m³ (never litres first: that would round twice).
 */
export interface GasConversion {
  /** Volume conversion coefficient, dimensionless, e.g. '0.9962'. */
  readonly volumeCoefficient: string;
  /** Gross calorific value in kWh/m³, e.g. '10.555'. */
  readonly grossCalorificValue: string;
}

/** Coefficient of the altitudes up to and including `maxAltitudeMeters` (above the previous row's). */
export interface AltitudeCoefficient {
  readonly maxAltitudeMeters: number;
  readonly coefficient: string;
}

export interface VolumeCoefficientTable {
  /** Ascending by `maxAltitudeMeters`; the first row also holds every altitude below it. */
  readonly byAltitude: readonly AltitudeCoefficient[];
  /**
   * Municipality → coefficient; a listed municipality's own value wins over
   * its altitude. The key is the municipality as addresses name it
   * (`Košice`), compared with case, diacritics and spacing folded.
   */
  readonly byMunicipality?: Readonly<Record<string, string>>;
}

function positiveDecimal(text: string, field: string, invalid: InvalidField[]): ScaledDecimal | undefined {
  const value = typeof text === 'string' ? parseDecimal(text) : undefined;
  if (value === undefined || value.units <= 0n) {
    invalid.push({
      name: field,
      reason: 'must be a positive decimal number written as a string, e.g. "0.9962"',
    });
    return undefined;
  }
  return value;
}

/** Every problem of a coefficient table, named by field (`byAltitude.1.maxAltitudeMeters`); empty when valid. */
export function validateVolumeCoefficientTable(table: VolumeCoefficientTable): InvalidField[] {
  const invalid: InvalidField[] = [];
  if (table.byAltitude.length === 0) {
    invalid.push({ name: 'byAltitude', reason: 'needs at least one altitude row' });
  }
  table.byAltitude.forEach((row, i) => {
    const at = `byAltitude.${i}`;
    if (!Number.isSafeInteger(row.maxAltitudeMeters)) {
      invalid.push({ name: `${at}.maxAltitudeMeters`, reason: 'must be a whole number of metres' });
    } else {
      const previous = table.byAltitude[i - 1];
      if (previous !== undefined && row.maxAltitudeMeters <= previous.maxAltitudeMeters) {
        invalid.push({
          name: `${at}.maxAltitudeMeters`,
          reason: `must be above the previous row's ${previous.maxAltitudeMeters} m`,
        });
      }
    }
    positiveDecimal(row.coefficient, `${at}.coefficient`, invalid);
  });
  const seen = new Map<string, string>();
  for (const [municipality, coefficient] of Object.entries(table.byMunicipality ?? {})) {
    positiveDecimal(coefficient, `byMunicipality.${municipality}`, invalid);
    const folded = foldText(municipality);
    const other = seen.get(folded);
    if (other !== undefined) {
      invalid.push({
        name: `byMunicipality.${municipality}`,
        reason: `names the same municipality as ${other}`,
      });
    } else seen.set(folded, municipality);
  }
  return invalid;
}

function assertValidTable(table: VolumeCoefficientTable): void {
  const invalid = validateVolumeCoefficientTable(table);
  if (invalid.length > 0) throw new ValidationError(invalid);
}

/**
 * The coefficient of the first row whose `maxAltitudeMeters` is at or above
 * `altitudeMeters` (so 200 m falls in the row "up to 200 m"). An altitude
 * above the table's last row has no coefficient: an UnprocessableError
 * (422) naming `altitudeMeters`.
 */
export function altitudeCoefficient(table: VolumeCoefficientTable, altitudeMeters: number): string {
  if (!Number.isSafeInteger(altitudeMeters)) {
    throw new ValidationError([{ name: 'altitudeMeters', reason: 'must be a whole number of metres' }]);
  }
  assertValidTable(table);
  const row = table.byAltitude.find((r) => altitudeMeters <= r.maxAltitudeMeters);
  if (row === undefined) {
    const top = table.byAltitude.at(-1)?.maxAltitudeMeters;
    const reason = `${altitudeMeters} m is above the coefficient table, which ends at ${top} m`;
    throw new UnprocessableError(`no gas volume coefficient: ${reason}`, [
      { name: 'altitudeMeters', reason },
    ]);
  }
  return row.coefficient;
}

/** Where a meter is, as far as its coefficient goes. */
export interface MeterPlace {
  /** The names the place goes by, the most trusted first; the first one the table lists decides. */
  readonly municipalities: readonly string[];
  readonly altitudeMeters?: number;
}

/** The coefficient the table lists for one of the municipalities, the first listed one winning. */
function municipalityCoefficient(table: VolumeCoefficientTable, municipalities: readonly string[]) {
  const listed = new Map(Object.entries(table.byMunicipality ?? {}).map(([name, c]) => [foldText(name), c]));
  for (const municipality of municipalities) {
    const own = listed.get(foldText(municipality));
    if (own !== undefined) return own;
  }
  return undefined;
}

/**
 * The coefficient of a place: its municipality's own value when listed,
 * otherwise the value for its altitude. With neither, the place has no
 * coefficient: an UnprocessableError (422) naming `altitudeMeters`, the one
 * field that would give it one.
 */
export function volumeCoefficientFor(table: VolumeCoefficientTable, place: MeterPlace): string {
  const own = municipalityCoefficient(table, place.municipalities);
  if (own !== undefined) {
    assertValidTable(table);
    return own;
  }
  if (place.altitudeMeters === undefined) {
    const named = place.municipalities[0];
    const reason = `is needed: the gas conversion table has no coefficient of its own for ${
      named === undefined ? 'this municipality' : `the municipality ${named}`
    }`;
    throw new UnprocessableError(`no gas volume coefficient: altitudeMeters ${reason}`, [
      { name: 'altitudeMeters', reason },
    ]);
  }
  return altitudeCoefficient(table, place.altitudeMeters);
}

/** The product coefficient × calorific value, exactly (kWh per m³ at the meter). */
function kwhPerCubicMetre(conversion: GasConversion): ScaledDecimal {
  const invalid: InvalidField[] = [];
  const coefficient = positiveDecimal(conversion.volumeCoefficient, 'volumeCoefficient', invalid);
  const calorific = positiveDecimal(conversion.grossCalorificValue, 'grossCalorificValue', invalid);
  if (coefficient === undefined || calorific === undefined) throw new ValidationError(invalid);
  return { units: coefficient.units * calorific.units, scale: coefficient.scale + calorific.scale };
}

/**
 * Energy in whole kWh of a metered gas volume, rounded half up. `volume` is
 * a whole number of m³ or a decimal string ('1234.567').
 */
export function cubicMetresToKwh(volume: number | string, conversion: GasConversion): number {
  const parsed =
    typeof volume === 'number'
      ? isNonNegativeSafeInteger(volume)
        ? { units: BigInt(volume), scale: 0 }
        : undefined
      : parseDecimal(volume);
  if (parsed === undefined || parsed.units < 0n) {
    throw new ValidationError([
      { name: 'volume', reason: 'must be 0 or more m³: a whole number or a decimal string' },
    ]);
  }
  const factor = kwhPerCubicMetre(conversion);
  const kwh = divideRoundingHalfAwayFromZero(parsed.units * factor.units, pow10(parsed.scale + factor.scale));
  return toSafeNumber(kwh, 'the energy in kWh');
}

/** The m³ holding `kwh` whole kWh in units of 10^-decimals m³, rounded once, half up. */
function cubicMetresScaled(kwh: number, conversion: GasConversion, decimals: number): bigint {
  if (!isNonNegativeSafeInteger(kwh)) {
    throw new ValidationError([{ name: 'kwh', reason: 'must be a whole number of kWh, 0 or more' }]);
  }
  const factor = kwhPerCubicMetre(conversion);
  // m³ × 10^decimals = kWh × 10^scale × 10^decimals / units
  return divideRoundingHalfAwayFromZero(BigInt(kwh) * pow10(factor.scale + decimals), factor.units);
}

/**
 * The gas volume in m³ holding `kwh` whole kWh, rounded half up to 3
 * decimals and written as a decimal string with exactly 3 decimals.
 */
export function kwhToCubicMetres(kwh: number, conversion: GasConversion): string {
  return formatScaled(cubicMetresScaled(kwh, conversion, 3), 3);
}

/**
 * The gas volume in whole m³ holding `kwh` whole kWh, rounded once, half up,
 * from the exact quotient: 68.4997 m³ is 68, where rounding to litres first
 * (68.500) would give 69.
 */
export function kwhToWholeCubicMetres(kwh: number, conversion: GasConversion): number {
  return toSafeNumber(cubicMetresScaled(kwh, conversion, 0), 'the volume in m³');
}
