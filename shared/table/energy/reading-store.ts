import {
  ConcurrentReadingError,
  type ReadingStore,
  type RecordedReading,
  type RegisterMarker,
} from '#domain/energy/journey-stores';
import { ConflictError, VersionMismatchError } from '#domain/errors';
import type { DomainEvent } from '#domain/events';
import type { Created, IdempotencyToken, Page, PageRequest } from '#domain/ports';
import { HttpError } from '#http/http-error';
import { commitChange } from '#table/core/commit-change';
import { replayOf } from '#table/core/idempotency';
import { stripLayout } from '#table/core/item-mapping';
import { queryPages } from '#table/core/query-all';
import { queryPage } from '#table/core/query-page';
import type { Table } from '#table/core/table';
import { putNew } from '#table/core/transact';
import { meterReadingEntity, readingMarkerEntity } from './entities';

function readingItem(r: RecordedReading): Record<string, unknown> {
  return meterReadingEntity.item(r, {
    key: {
      tenantId: r.tenantId,
      supplyPointId: r.supplyPointId,
      register: r.register,
      date: r.date,
      readingId: r.id,
    },
  });
}

function markerItem(reading: RecordedReading, previous: RegisterMarker | undefined): Record<string, unknown> {
  const marker: RegisterMarker = {
    register: reading.register,
    version: (previous?.version ?? 0) + 1,
    latest: previous && previous.latest.date > reading.date ? previous.latest : reading,
  };
  const { tenantId, supplyPointId, register } = reading;
  return readingMarkerEntity.item(marker, { key: { tenantId, supplyPointId, register } });
}

/**
 * Meter readings in their supply point's partition at
 * `READING#<register>#<date>#<id>`, so one Query reads a register's readings
 * newest first, and the register's marker at `READING-LATEST#<register>`.
 */
export class DynamoReadingStore implements ReadingStore {
  constructor(private readonly table: Table) {}

  marker(tenantId: string, supplyPointId: string, register: string): Promise<RegisterMarker | undefined> {
    return readingMarkerEntity.get(this.table, { tenantId, supplyPointId, register });
  }

  list(
    tenantId: string,
    supplyPointId: string,
    register: string | undefined,
    page: PageRequest,
  ): Promise<Page<RecordedReading>> {
    return queryPage<RecordedReading>(
      this.table,
      meterReadingEntity.patterns.ofSupplyPoint.query({ tenantId, supplyPointId, register }),
      page,
    );
  }

  async readBack(
    tenantId: string,
    supplyPointId: string,
    register: string,
    pageSize: number,
    enough: (newestFirst: readonly RecordedReading[]) => boolean,
  ): Promise<RecordedReading[]> {
    const found: RecordedReading[] = [];
    const readings = meterReadingEntity.patterns.ofSupplyPoint.query({ tenantId, supplyPointId, register });
    for await (const page of queryPages(this.table, readings, { ConsistentRead: true, Limit: pageSize })) {
      found.push(...page.map((i) => stripLayout<RecordedReading>(i)));
      if (enough(found)) break;
    }
    return found;
  }

  async record(
    reading: RecordedReading,
    marker: RegisterMarker | undefined,
    event: DomainEvent,
    idempotency?: IdempotencyToken,
  ): Promise<Created<RecordedReading>> {
    try {
      // The marker is the versioned item: its condition is what serialises a register's readings.
      const { replayed } = await commitChange(this.table, {
        resource: 'register marker',
        id: `${reading.supplyPointId}/${reading.register}`,
        item: markerItem(reading, marker),
        expectedVersion: marker?.version,
        lookups: [putNew(this.table, readingItem(reading))],
        event,
        idempotency,
        response: reading,
      });
      return replayed
        ? { value: replayed as RecordedReading, replayed: true }
        : { value: reading, replayed: false };
    } catch (error) {
      const raced =
        error instanceof VersionMismatchError ||
        (error instanceof ConflictError && !(error instanceof ConcurrentReadingError)) ||
        (error instanceof HttpError && error.code === 'concurrent-change');
      if (raced) throw new ConcurrentReadingError(reading.register, { cause: error });
      throw error;
    }
  }

  async replayOf(tenantId: string, idempotency: IdempotencyToken): Promise<RecordedReading | undefined> {
    try {
      return await replayOf<RecordedReading>(this.table, tenantId, idempotency);
    } catch (error) {
      // No record: the key was never used, so there is nothing to replay.
      if (error instanceof HttpError && error.code === 'idempotency-in-progress') return undefined;
      throw error;
    }
  }
}
