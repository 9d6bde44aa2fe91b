import { ConflictError } from '#domain/errors';
import type { DomainEvent } from '#domain/events';
import type { Created, IdempotencyToken, Page, PageRequest } from '#domain/ports';
import type { Journey } from './journeys';
import type { MeterReading } from './meter-readings';

/** A meter reading as stored (R-SP-6). Immutable: correcting one is a separate operation. */
export interface RecordedReading extends MeterReading {
  readonly id: string;
  readonly tenantId: string;
  readonly supplyPointId: string;
  readonly recordedAt: string;
  readonly recordedBy: string;
  /** The journey that recorded it as its opening or closing reading. */
  readonly journeyId?: string;
}

/**
 * One per supply point and register: the newest reading and a version that
 * every new reading of the register moves on. A reading is written on the
 * condition that the marker still has the version read before the check, so
 * two readings of one register can never both pass against a stale history.
 */
export interface RegisterMarker {
  readonly register: string;
  readonly version: number;
  /** The reading with the latest date (of two on one date, the one recorded later). */
  readonly latest: RecordedReading;
}

/** Another reading of the same register was recorded between the check and the write. */
export class ConcurrentReadingError extends ConflictError {
  constructor(register: string, options?: ErrorOptions) {
    const reason = `another reading of register ${register} was recorded at the same time; retry`;
    super('changed-meanwhile', reason, [{ name: 'register', reason }], options);
    this.name = 'ConcurrentReadingError';
  }
}

/** Persistence of meter readings, in their supply point's partition. */
export interface ReadingStore {
  /** The register's marker, read consistently; undefined before its first reading. */
  marker(tenantId: string, supplyPointId: string, register: string): Promise<RegisterMarker | undefined>;
  /** Readings of one register (or of all, register by register), newest first: by date, then the later recorded first. */
  list(
    tenantId: string,
    supplyPointId: string,
    register: string | undefined,
    page: PageRequest,
  ): Promise<Page<RecordedReading>>;
  /**
   * The register's readings newest first, read consistently (what every
   * acknowledged write stored), `pageSize` per Query, until `enough` of
   * the readings found so far says so or none are left.
   */
  readBack(
    tenantId: string,
    supplyPointId: string,
    register: string,
    pageSize: number,
    enough: (newestFirst: readonly RecordedReading[]) => boolean,
  ): Promise<RecordedReading[]>;
  /**
   * One transaction: the reading, the register's marker (conditional on the
   * version of `marker`, or on there being none), the event and the
   * idempotency record. ConcurrentReadingError when the marker moved on.
   */
  record(
    reading: RecordedReading,
    marker: RegisterMarker | undefined,
    event: DomainEvent,
    idempotency?: IdempotencyToken,
  ): Promise<Created<RecordedReading>>;
  /** The reading an earlier request with this key recorded, if any (422 when the body differed). */
  replayOf(tenantId: string, idempotency: IdempotencyToken): Promise<RecordedReading | undefined>;
}

/** A customer journey as stored: the domain's journey with its tenant and authorship. */
export interface CustomerJourney extends Journey {
  readonly tenantId: string;
  readonly createdBy: string;
  readonly updatedBy: string;
  readonly note?: string;
  readonly openingReading?: RecordedReading;
  readonly closingReading?: RecordedReading;
}

/** Persistence of journeys. Every write stores its domain event atomically with it. */
export interface JourneyStore {
  get(tenantId: string, journeyId: string): Promise<CustomerJourney | undefined>;
  create(
    journey: CustomerJourney,
    event: DomainEvent,
    idempotency?: IdempotencyToken,
  ): Promise<Created<CustomerJourney>>;
  /** Fails with VersionMismatchError when the stored version is not `previous.version`. */
  update(previous: CustomerJourney, next: CustomerJourney, event: DomainEvent): Promise<void>;
  /** An account's journeys in one Query of its collection: the open ones, or all (open first). */
  ofAccount(
    tenantId: string,
    accountId: string,
    openOnly: boolean,
    page: PageRequest,
  ): Promise<Page<CustomerJourney>>;
}
