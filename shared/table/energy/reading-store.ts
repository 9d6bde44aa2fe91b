import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
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
import { type ItemKey, keys } from '#table/core/keys';
import { queryPage } from '#table/core/query-page';
import type { Table } from '#table/core/table';
import { putNew } from '#table/core/transact';

const supplyPointPk = (tenantId: string, supplyPointId: string) =>
  keys.supplyPoint(tenantId, supplyPointId).pk;

/**
 * The register's marker, beside its readings in the supply point's
 * partition. `READING-LATEST#` does not begin with `READING#`, so reading
 * queries never see it.
 */
export const readingMarkerKey = (tenantId: string, supplyPointId: string, register: string): ItemKey =>
  keys.readingMarker(keys.supplyPoint(tenantId, supplyPointId).pk, register);

function readingItem(r: RecordedReading): Record<string, unknown> {
  return {
    ...keys.reading(supplyPointPk(r.tenantId, r.supplyPointId), r.register, r.date, r.id),
    entity: 'MeterReading',
    ...r,
  };
}

function markerItem(reading: RecordedReading, previous: RegisterMarker | undefined): Record<string, unknown> {
  const marker: RegisterMarker = {
    register: reading.register,
    version: (previous?.version ?? 0) + 1,
    latest: previous && previous.latest.date > reading.date ? previous.latest : reading,
  };
  return {
    ...readingMarkerKey(reading.tenantId, reading.supplyPointId, reading.register),
    entity: 'ReadingMarker',
    ...marker,
  };
}

/**
 * Meter readings in their supply point's partition at
 * `READING#<register>#<date>#<id>`, so one Query reads a register's readings
 * newest first, and the register's marker at `READING-LATEST#<register>`.
 */
export class DynamoReadingStore implements ReadingStore {
  constructor(private readonly table: Table) {}

  async marker(
    tenantId: string,
    supplyPointId: string,
    register: string,
  ): Promise<RegisterMarker | undefined> {
    const { Item } = await this.table.client.send(
      new GetCommand({
        TableName: this.table.name,
        Key: readingMarkerKey(tenantId, supplyPointId, register),
        ConsistentRead: true,
      }),
    );
    return Item ? stripLayout<RegisterMarker>(Item) : undefined;
  }

  list(
    tenantId: string,
    supplyPointId: string,
    register: string | undefined,
    page: PageRequest,
  ): Promise<Page<RecordedReading>> {
    return queryPage<RecordedReading>(
      this.table,
      {
        partition: supplyPointPk(tenantId, supplyPointId),
        sortKeyPrefix: keys.readingPrefix(register),
        newestFirst: true,
      },
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
    let start: Record<string, unknown> | undefined;
    do {
      const result = await this.table.client.send(
        new QueryCommand({
          TableName: this.table.name,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: {
            ':pk': supplyPointPk(tenantId, supplyPointId),
            ':prefix': keys.readingPrefix(register),
          },
          ScanIndexForward: false,
          ConsistentRead: true,
          Limit: pageSize,
          ExclusiveStartKey: start,
        }),
      );
      found.push(...(result.Items ?? []).map((i) => stripLayout<RecordedReading>(i)));
      start = result.LastEvaluatedKey;
    } while (start !== undefined && !enough(found));
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
