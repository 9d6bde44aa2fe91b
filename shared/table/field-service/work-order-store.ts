import type { Appointment } from '#domain/field-service/appointment';
import type {
  FieldWrite,
  TimeHold,
  WorkOrderFilter,
  WorkOrderStore,
} from '#domain/field-service/field-service-store';
import type { Booking } from '#domain/field-service/free-slots';
import type { WorkOrder } from '#domain/field-service/work-order';
import { maxVisitMinutes } from '#domain/field-service/work-order-types';
import type { IdempotencyToken, Page, PageRequest } from '#domain/ports';
import { commitChange } from '#table/core/commit-change';
import { replayIfRecorded } from '#table/core/idempotency';
import { stripLayout } from '#table/core/item-mapping';
import { queryAll } from '#table/core/query-all';
import { queryPage } from '#table/core/query-page';
import type { Table } from '#table/core/table';
import { putNew, putVersioned, type TransactItem } from '#table/core/transact';
import { appointmentEntity, bookedUnitEntity, workOrderEntity } from './entities';
import { appointmentItem, workOrderItem } from './field-service-items';

export class DynamoWorkOrderStore implements WorkOrderStore {
  constructor(private readonly table: Table) {}

  get(tenantId: string, workOrderId: string): Promise<WorkOrder | undefined> {
    return workOrderEntity.get(this.table, { tenantId, workOrderId });
  }

  async write(w: FieldWrite): Promise<{ readonly replayed?: unknown }> {
    const { previous, next } = w.workOrder;
    const extra: TransactItem[] = [
      ...(w.appointments ?? []).map(({ previous: before, next: after }) =>
        before
          ? putVersioned(this.table, appointmentItem(after), before.version)
          : putNew(this.table, appointmentItem(after)),
      ),
      ...this.holdWrites(next.tenantId, w.release, w.claim),
    ];
    return commitChange(this.table, {
      resource: 'work order',
      id: next.id,
      item: workOrderItem(next),
      ...(previous ? { expectedVersion: previous.version } : {}),
      extra,
      extraConflict: w.claim
        ? {
            code: 'slot-taken',
            message: 'the technician’s time is booked meanwhile; search free slots again',
          }
        : { code: 'changed-meanwhile', message: 'the visit changed meanwhile; read the work order again' },
      event: w.event,
      ...(w.idempotency ? { idempotency: w.idempotency, response: w.response } : {}),
    });
  }

  replayOf(tenantId: string, idempotency: IdempotencyToken): Promise<unknown> {
    return replayIfRecorded(this.table, tenantId, idempotency);
  }

  list(tenantId: string, filter: WorkOrderFilter, page: PageRequest): Promise<Page<WorkOrder>> {
    return queryPage<WorkOrder>(
      this.table,
      { ...workOrderEntity.patterns.all.query({ tenantId }), equals: { status: filter.status } },
      page,
    );
  }

  ofCase(tenantId: string, caseId: string, page: PageRequest): Promise<Page<WorkOrder>> {
    return queryPage<WorkOrder>(
      this.table,
      workOrderEntity.patterns.ofCase.query({ tenantId, caseId }),
      page,
    );
  }

  appointment(
    tenantId: string,
    workOrderId: string,
    appointmentId: string,
  ): Promise<Appointment | undefined> {
    return appointmentEntity.get(this.table, { tenantId, workOrderId, appointmentId });
  }

  async appointments(tenantId: string, workOrderId: string): Promise<Appointment[]> {
    const items = await queryAll(
      this.table,
      appointmentEntity.patterns.ofWorkOrder.query({ tenantId, workOrderId }),
    );
    return items.map((i) => stripLayout<Appointment>(i));
  }

  async bookings(tenantId: string, from: Date, until: Date): Promise<Booking[]> {
    // A visit that overlaps the range started at most the longest visit before it.
    const earliest = new Date(from.getTime() - maxVisitMinutes * 60_000).toISOString();
    const items = await queryAll(
      this.table,
      appointmentEntity.patterns.heldBetween.query({
        tenantId,
        from: { start: earliest },
        to: { start: until.toISOString() },
      }),
      // A search needs whose time and when, not the whole visit: a fifth of the bytes.
      {
        ProjectionExpression: '#technician, #start, #end',
        ExpressionAttributeNames: { '#technician': 'technicianId', '#start': 'start', '#end': 'end' },
      },
    );
    return items
      .map((i) => i as Pick<Appointment, 'technicianId' | 'start' | 'end'>)
      .filter((a) => Date.parse(a.end) > from.getTime() && Date.parse(a.start) < until.getTime())
      .map((a) => ({ userId: a.technicianId, start: a.start, end: a.end }));
  }

  async technicianAppointments(
    tenantId: string,
    technicianId: string,
    from: Date,
    until: Date,
  ): Promise<Appointment[]> {
    const items = await queryAll(
      this.table,
      appointmentEntity.patterns.technicianDay.query({
        tenantId,
        technicianId,
        from: { start: from.toISOString() },
        to: { start: new Date(until.getTime() - 1).toISOString() },
      }),
    );
    return items.map((i) => stripLayout<Appointment>(i));
  }

  /**
   * The guard items of time given back and taken: a unit in both (a visit
   * moved within its own time) changes hands in one conditional Put, as one
   * transaction may not touch an item twice.
   */
  private holdWrites(tenantId: string, release?: TimeHold, claim?: TimeHold): TransactItem[] {
    const keyOf = (technicianId: string, unit: string) =>
      bookedUnitEntity.key({ tenantId, technicianId, unit });
    const released = new Set(release?.units ?? []);
    const both = new Set(
      claim && release?.technicianId === claim.technicianId ? claim.units.filter((u) => released.has(u)) : [],
    );
    const writes: TransactItem[] = [];
    for (const unit of release?.units ?? []) {
      if (!release || both.has(unit)) continue;
      writes.push({
        Delete: {
          TableName: this.table.name,
          Key: keyOf(release.technicianId, unit),
          ConditionExpression: 'appointmentId = :held',
          ExpressionAttributeValues: { ':held': release.appointmentId },
        },
      });
    }
    for (const unit of claim?.units ?? []) {
      if (!claim) continue;
      const item = bookedUnitEntity.item(
        { appointmentId: claim.appointmentId },
        { key: { tenantId, technicianId: claim.technicianId, unit } },
      );
      writes.push(
        both.has(unit) && release
          ? {
              Put: {
                TableName: this.table.name,
                Item: item,
                ConditionExpression: 'appointmentId = :held',
                ExpressionAttributeValues: { ':held': release.appointmentId },
              },
            }
          : putNew(this.table, item),
      );
    }
    return writes;
  }
}
