import { createHash } from 'node:crypto';
import type { RecordedReading } from '#domain/energy/journey-stores';
import type { ReadingService } from '#domain/energy/reading-service';
import type { SupplyPointService } from '#domain/energy/supply-point-service';
import { ConflictError, ValidationError } from '#domain/errors';
import type { Actor, IdempotencyToken } from '#domain/ports';
import type { MeterExchange, RegisterExchange } from './appointment';

/** What the technician reports of a meter exchange; the readings are dated the day of the visit. */
export interface MeterExchangeReport {
  /** The number on the meter taken out, as the technician read it. */
  readonly oldMeterNumber: string;
  readonly newMeterNumber: string;
  readonly registers: readonly RegisterExchange[];
}

export interface MeterExchangeDeps {
  readonly readings: Pick<ReadingService, 'record'>;
  readonly supplyPoints: Pick<SupplyPointService, 'get' | 'update'>;
}

/** A phone may send a completion days later: its readings' keys are kept a month. */
const keyRetentionSeconds = 31 * 86_400;

/**
 * One key per visit, register and reading: a repeated completion finds the
 * reading it made and makes no second. The date is left out of the
 * fingerprint: a retry after midnight finds the reading of the first try.
 */
function tokenOf(
  visitId: string,
  register: string,
  which: 'final' | 'first',
  fingerprint: string,
  field: string,
): IdempotencyToken {
  return {
    operationId: 'meterExchange',
    key: `${visitId}:${register}:${which}`,
    requestHash: createHash('sha256').update(fingerprint).digest('hex'),
    retentionSeconds: keyRetentionSeconds,
    // A value corrected after it was recorded cannot replace it here: that is a correction of the reading.
    reused: {
      code: 'changed-meanwhile',
      message: 'this reading was recorded with another value; correct it on the supply point',
      field,
    },
  };
}

/**
 * Completes a meter exchange in the energy data (R-SP-6, R-CS-5): each
 * register's final reading of the old meter, the supply point moved to the
 * new meter, then each register's first reading of the new one, all dated
 * the day of the exchange, so the consumption chain ends one series and
 * starts the next. Every step is idempotent, so a completion sent again
 * after a failure part-way finishes the job without doubling anything.
 */
export class MeterExchanges {
  constructor(private readonly deps: MeterExchangeDeps) {}

  async record(
    actor: Actor,
    supplyPointId: string,
    visitId: string,
    date: string,
    report: MeterExchangeReport,
  ): Promise<MeterExchange> {
    const point = await this.deps.supplyPoints.get(actor, supplyPointId);
    const current = point.meter.number;
    if (current !== undefined && current !== report.oldMeterNumber && current !== report.newMeterNumber)
      throw new ConflictError(
        'changed-meanwhile',
        `the supply point's meter is ${current}, not ${report.oldMeterNumber}`,
        [{ name: 'meterExchange.oldMeterNumber', reason: `the supply point's meter is ${current}` }],
      );
    const readings: RecordedReading[] = [];
    // The day of the first reading recorded (or found from an earlier try) dates them all.
    let day = date;
    const read = async (r: RegisterExchange, i: number, which: 'final' | 'first') => {
      const [meterNumber, value] =
        which === 'final' ? [report.oldMeterNumber, r.finalValue] : [report.newMeterNumber, r.firstValue];
      const field = `meterExchange.registers.${i}.${which === 'final' ? 'finalValue' : 'firstValue'}`;
      const token = tokenOf(visitId, r.register, which, `${meterNumber}|${value}`, field);
      try {
        const { value: reading } = await this.deps.readings.record(
          actor,
          supplyPointId,
          { register: r.register, date: day, value, kind: 'actual', meterNumber },
          token,
        );
        readings.push(reading);
        day = readings[0]?.date ?? day;
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        // The reading's own field names, as the report names them: its value, or its day (the visit's).
        throw new ValidationError(
          error.fields.map((f) => ({ name: f.name === 'date' ? 'completedAt' : field, reason: f.reason })),
          { cause: error },
        );
      }
    };
    for (const [i, r] of report.registers.entries()) await read(r, i, 'final');
    if (current !== report.newMeterNumber) {
      await this.deps.supplyPoints.update(actor, supplyPointId, point.version, {
        meter: { ...point.meter, number: report.newMeterNumber },
      });
    }
    for (const [i, r] of report.registers.entries()) await read(r, i, 'first');
    // A retry on a later day finds the first try's readings: their day is the exchange's.
    return { date: day, ...report, readingIds: readings.map((r) => r.id) };
  }
}
