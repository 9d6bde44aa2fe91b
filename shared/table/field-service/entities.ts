import type { Appointment } from '#domain/field-service/appointment';
import type { TechnicianProfile } from '#domain/field-service/technician';
import type { WorkOrder } from '#domain/field-service/work-order';
import { defineEntity } from '#table/core/entity';
import { date, tenant, text, ulid } from '#table/core/facets';
import { key, sharedKey } from '#table/core/key-template';

/** A work order's partition: the work order and its visits. */
export const workOrderPartition = /* @__PURE__ */ sharedKey(() => key`T#${tenant}#WO#${text('workOrderId')}`);

export const workOrderEntity = /* @__PURE__ */ defineEntity<WorkOrder>()(() => ({
  name: 'WorkOrder',
  description:
    'A field-service work order, with its appointments beside it; in the tenant’s list (gsi2) and, when it came from a case, in the case’s work orders (gsi1). Ids are ULIDs.',
  key: { pk: workOrderPartition, sk: key`WO` },
  indexes: {
    gsi1: { pk: key`T#${tenant}#CASEWO#${text('caseId')}`, sk: key`${ulid('workOrderId')}` },
    gsi2: { pk: key`T#${tenant}#WORKORDERS`, sk: key`${ulid('workOrderId')}` },
  },
  patterns: {
    byId: {
      index: 'table',
      sortKey: 'equals',
      operation: 'GetItem; versioned Put in each change’s transaction',
    },
    all: {
      index: 'gsi2',
      order: 'descending',
      operation: 'Query, newest first (filtered by status)',
    },
    ofCase: { index: 'gsi1', operation: 'Query, oldest first (the case view’s work orders)' },
  },
}));

export const appointmentEntity = /* @__PURE__ */ defineEntity<Appointment>()(() => ({
  name: 'Appointment',
  description:
    'One visit of a work order, beside it. While it holds its technician’s time (booked or started) it is in the tenant’s bookings by start (gsi2), which free-slot searches read; unless cancelled, in its technician’s day (gsi1).',
  key: { pk: workOrderPartition, sk: key`APPT#${ulid('appointmentId')}` },
  indexes: {
    gsi1: {
      pk: key`T#${tenant}#TECHAPPT#${text('technicianId')}`,
      sk: key`${date('start')}#${ulid('appointmentId')}`,
    },
    gsi2: { pk: key`T#${tenant}#BOOKINGS`, sk: key`${date('start')}#${ulid('appointmentId')}` },
  },
  patterns: {
    ofWorkOrder: { index: 'table', sortKey: 'beginsWith', operation: 'Query, oldest first' },
    technicianDay: {
      index: 'gsi1',
      sortKey: 'between',
      sortKeyFacets: ['start'],
      operation: 'Query of a day, in time order (the technician’s route)',
    },
    heldBetween: {
      index: 'gsi2',
      sortKey: 'between',
      sortKeyFacets: ['start'],
      operation:
        'Query from the longest visit before the range to its end: the bookings a free-slot search avoids',
    },
  },
}));

export const bookedUnitEntity = /* @__PURE__ */ defineEntity<{ readonly appointmentId: string }>()(() => ({
  name: 'BookedUnit',
  description:
    'A quarter hour of a technician’s time held by an appointment: Put only if absent in the booking’s transaction (a second booking of the same time fails there and answers 409), deleted only if still the appointment’s when it is cancelled, rescheduled or done.',
  key: { pk: key`T#${tenant}#BOOKED#${text('technicianId')}#${date('unit')}`, sk: key`BOOKED` },
  patterns: {
    ofUnit: { index: 'table', sortKey: 'equals', operation: 'conditional Put and Delete in transactions' },
  },
}));

export const technicianEntity = /* @__PURE__ */ defineEntity<TechnicianProfile>()(() => ({
  name: 'TechnicianProfile',
  description:
    'A technician’s skills, territories, calendar and absences; all of a tenant’s in one partition, which a free-slot search reads whole.',
  key: { pk: key`T#${tenant}#TECHNICIANS`, sk: key`TECH#${text('userId')}` },
  patterns: {
    byUser: { index: 'table', sortKey: 'equals', operation: 'GetItem; Put (new or versioned)' },
    all: { index: 'table', sortKey: 'beginsWith', operation: 'Query, every page' },
  },
}));
