import { type InvalidField, ValidationError } from '#domain/errors';
import type { Actor, Created, IdempotencyToken, Page, PageRequest } from '#domain/ports';
import { changeContext, type ServiceDeps } from '#domain/service-context';
import { newEnergyEvent } from './energy-events';
import { ConcurrentReadingError, type ReadingStore, type RecordedReading } from './journey-stores';
import {
  type Consumption,
  checkNewReading,
  consumptionBetween,
  type MeterReading,
  type ReadingKind,
} from './meter-readings';
import type { SupplyPoint } from './supply-point';
import type { SupplyPointService } from './supply-point-service';

export interface ReadingDeps extends ServiceDeps {
  readonly readings: ReadingStore;
  /** The supply point must exist in the caller's tenant (404 otherwise). */
  readonly supplyPoints: Pick<SupplyPointService, 'get'>;
}

/** A reading as a client sends it; the meter number defaults to the supply point's meter. */
export interface ReadingInput {
  readonly register: string;
  readonly date: string;
  readonly value: number;
  readonly kind: ReadingKind;
  readonly meterNumber?: string;
}

/** Who records a reading besides a client: a journey's opening or closing reading. */
export interface ReadingOrigin {
  readonly journeyId: string;
}

export interface SupplyPointConsumption {
  readonly supplyPointId: string;
  readonly register?: string;
  readonly periods: readonly Consumption[];
}

/**
 * A register names part of a sort key (`READING#<register>#<date>#<id>`), so
 * it is limited to characters that cannot end the prefix: `#` is refused.
 */
export const registerPattern = /^[A-Za-z0-9._:*-]{1,40}$/;

export function registerProblems(register: string, name = 'register'): InvalidField[] {
  return typeof register === 'string' && registerPattern.test(register)
    ? []
    : [{ name, reason: '1–40 letters, digits or . _ : * -' }];
}

/**
 * Whether readings of `next`'s register, read newest first, go far enough
 * back to check `next` exactly: down to the latest reading of its meter
 * dated before it. Everything `checkNewReading` looks at lies above that
 * one: the same-day reading, the later neighbour, and any other meter's
 * reading in between. (For a reading newer than all others this is usually
 * the first or second item.)
 */
export function coversCheck(newestFirst: readonly MeterReading[], next: MeterReading): boolean {
  return newestFirst.some(
    (r) => r.register === next.register && r.meterNumber === next.meterNumber && r.date < next.date,
  );
}

/** Readings per Query while collecting what the check needs; one page in the usual case. */
export const checkPageSize = 20;
/** Readings per Query when deriving consumption. */
const consumptionPageSize = 500;
/** A reading that lost a race on its register is checked again against the new history. */
const maxAttempts = 3;

/** Prefixes each field name, so a journey's reading names `openingReading.value`. */
export function prefixFields(error: ValidationError, prefix: string): ValidationError {
  return new ValidationError(
    error.fields.map((f) => ({ name: `${prefix}${f.name}`, reason: f.reason })),
    { cause: error },
  );
}

/** Fills the meter number from the supply point's meter, or names it as missing. */
export function readingOf(input: ReadingInput, supplyPoint: SupplyPoint, prefix = ''): MeterReading {
  const meterNumber = input.meterNumber ?? supplyPoint.meter.number;
  const invalid = registerProblems(input.register, `${prefix}register`);
  if (meterNumber === undefined) {
    invalid.push({
      name: `${prefix}meterNumber`,
      reason: 'the supply point has no meter number: give the number of the meter read',
    });
  }
  if (invalid.length > 0) throw new ValidationError(invalid);
  return {
    register: input.register,
    date: input.date,
    value: input.value,
    kind: input.kind,
    meterNumber: meterNumber as string,
  };
}

const sameReading = (a: MeterReading, b: MeterReading) =>
  a.register === b.register &&
  a.date === b.date &&
  a.meterNumber === b.meterNumber &&
  a.value === b.value &&
  a.kind === b.kind;

/**
 * Meter readings (R-SP-6). A new reading is checked against the readings of
 * its register (`checkNewReading`) and written with the register's marker in
 * one transaction, conditional on the marker's version as read before the
 * check: the marker is read first, then the readings (both consistently), so
 * a reading recorded in between either shows in the readings or moves the
 * marker on and fails the write, which is then checked again.
 */
export class ReadingService {
  constructor(private readonly deps: ReadingDeps) {}

  async record(
    actor: Actor,
    supplyPointId: string,
    input: ReadingInput,
    idempotency?: IdempotencyToken,
    origin?: ReadingOrigin,
  ): Promise<Created<RecordedReading>> {
    const supplyPoint = await this.deps.supplyPoints.get(actor, supplyPointId);
    const reading = readingOf(input, supplyPoint);
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.attempt(actor, supplyPoint, reading, idempotency, origin);
      } catch (error) {
        if (!(error instanceof ConcurrentReadingError) || attempt >= maxAttempts) throw error;
      }
    }
  }

  private async attempt(
    actor: Actor,
    supplyPoint: SupplyPoint,
    reading: MeterReading,
    idempotency: IdempotencyToken | undefined,
    origin: ReadingOrigin | undefined,
  ): Promise<Created<RecordedReading>> {
    const { tenantId } = actor;
    const marker = await this.deps.readings.marker(tenantId, supplyPoint.id, reading.register);
    // Every reading writes its register's marker: without one there is no earlier reading.
    const previous = marker
      ? await this.deps.readings.readBack(
          tenantId,
          supplyPoint.id,
          reading.register,
          checkPageSize,
          (found) => coversCheck(found, reading),
        )
      : [];
    try {
      checkNewReading(previous, reading);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      // A retry of a reading that was recorded collides with itself: answer the first one.
      const earlier = idempotency && (await this.deps.readings.replayOf(tenantId, idempotency));
      if (earlier) return { value: earlier, replayed: true };
      const byJourney =
        origin && previous.find((r) => r.journeyId === origin.journeyId && sameReading(r, reading));
      if (byJourney) return { value: byJourney, replayed: true };
      throw error;
    }

    const ctx = await changeContext(this.deps, actor);
    const recorded: RecordedReading = {
      id: this.deps.ids.next(),
      tenantId,
      supplyPointId: supplyPoint.id,
      ...reading,
      recordedAt: ctx.now.toISOString(),
      recordedBy: actor.userId,
      ...(origin ? { journeyId: origin.journeyId } : {}),
    };
    const subject = { type: 'supplyPoint' as const, id: supplyPoint.id, accountId: supplyPoint.accountId };
    const event = newEnergyEvent(this.deps, ctx, 'MeterReadingRecorded', {
      subject,
      data: { reading: recorded },
    });
    return this.deps.readings.record(recorded, marker, event, idempotency);
  }

  /** Readings of a supply point, newest first (of all registers: register by register). */
  async list(
    actor: Actor,
    supplyPointId: string,
    register: string | undefined,
    page: PageRequest,
  ): Promise<Page<RecordedReading>> {
    await this.deps.supplyPoints.get(actor, supplyPointId);
    if (register !== undefined) {
      const invalid = registerProblems(register);
      if (invalid.length > 0) throw new ValidationError(invalid);
    }
    return this.deps.readings.list(actor.tenantId, supplyPointId, register, page);
  }

  /**
   * The consumption between consecutive readings of each register and meter
   * (`consumptionBetween`): registers in order of their code, periods by date.
   */
  async consumption(
    actor: Actor,
    supplyPointId: string,
    register: string | undefined,
  ): Promise<SupplyPointConsumption> {
    await this.deps.supplyPoints.get(actor, supplyPointId);
    if (register !== undefined) {
      const invalid = registerProblems(register);
      if (invalid.length > 0) throw new ValidationError(invalid);
    }
    const newestFirst: RecordedReading[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.deps.readings.list(actor.tenantId, supplyPointId, register, {
        limit: consumptionPageSize,
        cursor,
      });
      newestFirst.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor !== undefined);
    const periods = consumptionBetween(newestFirst.reverse());
    return { supplyPointId, ...(register === undefined ? {} : { register }), periods };
  }
}
