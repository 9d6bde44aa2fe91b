import { type InvalidField, ValidationError } from '#domain/errors';
import { isNonNegativeSafeInteger } from './exact';

/**
 * Meter readings (R-SP-6), per supply point and register. A register's
 * readings form series, one per meter: a meter change starts a new series
 * whose values may start anywhere. On the day of a meter change the old
 * meter's last reading and the new meter's first carry the same date.
 *
 * Two readings of the same register and meter are neighbours in one series
 * when no reading of another meter lies strictly between their dates (a meter
 * taken out and put back starts a new series). `checkNewReading` refuses:
 * - a value lower than the reading before it in its series; a lower value is
 *   accepted only with another meter number, which starts a new series;
 * - a reading dated before the series' latest one (a late reading) only when
 *   its value contradicts its neighbours: lower than the one before it or
 *   higher than the one after it. A late reading that fits is accepted;
 * - a second reading of the same register and meter on the same date
 *   (correcting a reading is a separate operation).
 * A meter counter rolling over (99 999 → 00 000) is recorded as a meter change.
 */
export const readingKinds = ['actual', 'estimated'] as const;
export type ReadingKind = (typeof readingKinds)[number];

export interface MeterReading {
  /** The register read, e.g. '1.8.0', 'HT', 'NT' or 'gas'. */
  readonly register: string;
  /** YYYY-MM-DD. */
  readonly date: string;
  /** Whole units of the register (kWh, m³). */
  readonly value: number;
  readonly kind: ReadingKind;
  readonly meterNumber: string;
}

/** The consumption between two consecutive readings of one register and meter. */
export interface Consumption {
  readonly register: string;
  readonly meterNumber: string;
  readonly fromDate: string;
  readonly toDate: string;
  readonly consumption: number;
  /** True when either reading is an estimate. */
  readonly estimated: boolean;
}

/** A real calendar date written YYYY-MM-DD. */
export function isCalendarDate(text: string): boolean {
  if (typeof text !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00.000Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

/** Field problems of one reading, each named `${prefix}field`. */
export function readingProblems(reading: MeterReading, prefix = ''): InvalidField[] {
  const invalid: InvalidField[] = [];
  if (typeof reading.register !== 'string' || reading.register.trim().length === 0) {
    invalid.push({ name: `${prefix}register`, reason: 'must not be blank' });
  }
  if (!isCalendarDate(reading.date)) {
    invalid.push({ name: `${prefix}date`, reason: 'must be a date written YYYY-MM-DD' });
  }
  if (!isNonNegativeSafeInteger(reading.value)) {
    invalid.push({ name: `${prefix}value`, reason: 'must be a whole number, 0 or more' });
  }
  if (!readingKinds.includes(reading.kind)) {
    invalid.push({ name: `${prefix}kind`, reason: `must be one of ${readingKinds.join(', ')}` });
  }
  if (typeof reading.meterNumber !== 'string' || reading.meterNumber.trim().length === 0) {
    invalid.push({ name: `${prefix}meterNumber`, reason: 'must not be blank' });
  }
  return invalid;
}

function describe(reading: MeterReading): string {
  return `${reading.value} on ${reading.date} (meter ${reading.meterNumber})`;
}

/** Whether a reading of another meter lies strictly between the two dates. */
function meterChangedBetween(
  sameRegister: readonly MeterReading[],
  meterNumber: string,
  fromDate: string,
  toDate: string,
): boolean {
  return sameRegister.some((r) => r.meterNumber !== meterNumber && r.date > fromDate && r.date < toDate);
}

/**
 * Checks `next` against the supply point's earlier readings; throws a
 * ValidationError naming the field (`value`, `date`, ...) when it is refused.
 */
export function checkNewReading(previousReadings: readonly MeterReading[], next: MeterReading): void {
  const invalid = readingProblems(next);
  if (invalid.length > 0) throw new ValidationError(invalid);

  const sameRegister = previousReadings.filter((r) => r.register === next.register);
  const sameMeter = sameRegister.filter((r) => r.meterNumber === next.meterNumber);
  const sameDay = sameMeter.find((r) => r.date === next.date);
  if (sameDay !== undefined) {
    throw new ValidationError([
      {
        name: 'date',
        reason: `register ${next.register} of meter ${next.meterNumber} already has a reading on ${next.date}`,
      },
    ]);
  }
  const before = sameMeter
    .filter((r) => r.date < next.date)
    .reduce<MeterReading | undefined>(
      (latest, r) => (latest === undefined || r.date > latest.date ? r : latest),
      undefined,
    );
  const after = sameMeter
    .filter((r) => r.date > next.date)
    .reduce<MeterReading | undefined>(
      (earliest, r) => (earliest === undefined || r.date < earliest.date ? r : earliest),
      undefined,
    );

  if (
    before !== undefined &&
    next.value < before.value &&
    !meterChangedBetween(sameRegister, next.meterNumber, before.date, next.date)
  ) {
    throw new ValidationError([
      {
        name: 'value',
        reason: `is lower than the previous reading ${describe(before)}; a lower value needs a meter change`,
      },
    ]);
  }
  if (
    after !== undefined &&
    next.value > after.value &&
    !meterChangedBetween(sameRegister, next.meterNumber, next.date, after.date)
  ) {
    throw new ValidationError([
      { name: 'value', reason: `is higher than the later reading ${describe(after)} of the same meter` },
    ]);
  }
}

/**
 * The consumption between each pair of neighbouring readings of the same
 * register and meter (see above): no consumption is derived across a meter
 * change. Registers keep the order in which they first appear; each
 * register's periods are in date order. Throws a ValidationError naming
 * `readings.i.value` when a value goes down within a series (readings that
 * never passed `checkNewReading`).
 */
export function consumptionBetween(readings: readonly MeterReading[]): Consumption[] {
  const invalid = readings.flatMap((r, i) => readingProblems(r, `readings.${i}.`));
  if (invalid.length > 0) throw new ValidationError(invalid);

  const byRegister = new Map<string, { reading: MeterReading; index: number }[]>();
  readings.forEach((reading, index) => {
    const entries = byRegister.get(reading.register) ?? [];
    entries.push({ reading, index });
    byRegister.set(reading.register, entries);
  });

  const periods: Consumption[] = [];
  for (const entries of byRegister.values()) {
    const sameRegister = entries.map((e) => e.reading);
    const ordered = [...entries].sort((a, b) => a.reading.date.localeCompare(b.reading.date));
    const lastOfMeter = new Map<string, { reading: MeterReading; index: number }>();
    for (const entry of ordered) {
      const { reading } = entry;
      const from = lastOfMeter.get(reading.meterNumber);
      lastOfMeter.set(reading.meterNumber, entry);
      if (from === undefined) continue;
      if (meterChangedBetween(sameRegister, reading.meterNumber, from.reading.date, reading.date)) continue;
      const consumption = reading.value - from.reading.value;
      if (consumption < 0) {
        throw new ValidationError([
          {
            name: `readings.${entry.index}.value`,
            reason: `is lower than the earlier reading ${describe(from.reading)} of the same meter`,
          },
        ]);
      }
      periods.push({
        register: reading.register,
        meterNumber: reading.meterNumber,
        fromDate: from.reading.date,
        toDate: reading.date,
        consumption,
        estimated: from.reading.kind === 'estimated' || reading.kind === 'estimated',
      });
    }
  }
  return periods;
}
