import type { DomainEvent } from '#domain/events';
import type { IdempotencyToken, Page, PageRequest } from '#domain/ports';
import type { Appointment } from './appointment';
import type { Booking } from './free-slots';
import type { TechnicianProfile } from './technician';
import type { WorkOrder, WorkOrderStatus } from './work-order';

/** A technician's time an appointment holds: one guard item per booking step. */
export interface TimeHold {
  readonly technicianId: string;
  readonly appointmentId: string;
  /** Starts of the step units, ISO instants. */
  readonly units: readonly string[];
}

/**
 * One change of a work order as one transaction: the work order (created, or
 * conditional on its version), its appointments, the technician time taken
 * (each unit only if free: else 409 `slot-taken`) and given back (only if
 * still this appointment's), the outbox event and the idempotency record.
 */
export interface FieldWrite {
  readonly workOrder: { readonly previous?: WorkOrder; readonly next: WorkOrder };
  readonly appointments?: readonly { readonly previous?: Appointment; readonly next: Appointment }[];
  readonly claim?: TimeHold;
  readonly release?: TimeHold;
  readonly event: DomainEvent;
  readonly idempotency?: IdempotencyToken;
  /** Stored with the idempotency record, answered to a retry. */
  readonly response?: unknown;
}

export interface WorkOrderFilter {
  readonly status?: WorkOrderStatus;
}

export interface WorkOrderStore {
  get(tenantId: string, workOrderId: string): Promise<WorkOrder | undefined>;
  /** The first request's response when this write replays it. */
  write(write: FieldWrite): Promise<{ readonly replayed?: unknown }>;
  /** The response stored for an earlier request with this key, if there was one. */
  replayOf(tenantId: string, idempotency: IdempotencyToken): Promise<unknown>;
  /** The tenant's work orders, newest first. */
  list(tenantId: string, filter: WorkOrderFilter, page: PageRequest): Promise<Page<WorkOrder>>;
  /** A case's work orders, oldest first. */
  ofCase(tenantId: string, caseId: string, page: PageRequest): Promise<Page<WorkOrder>>;
  appointment(tenantId: string, workOrderId: string, appointmentId: string): Promise<Appointment | undefined>;
  /** A work order's visits, oldest first. */
  appointments(tenantId: string, workOrderId: string): Promise<Appointment[]>;
  /** Technicians' time held (booked or under way) that overlaps [from, until). */
  bookings(tenantId: string, from: Date, until: Date): Promise<Booking[]>;
  /** A technician's appointments starting in [from, until), in time order (cancelled ones left out). */
  technicianAppointments(
    tenantId: string,
    technicianId: string,
    from: Date,
    until: Date,
  ): Promise<Appointment[]>;
}

export interface TechnicianStore {
  get(tenantId: string, userId: string): Promise<TechnicianProfile | undefined>;
  /** Every technician of the tenant (one partition; a tenant has hundreds, not millions). */
  all(tenantId: string): Promise<TechnicianProfile[]>;
  /** Created when `previous` is absent, else conditional on its version. */
  put(previous: TechnicianProfile | undefined, next: TechnicianProfile, event: DomainEvent): Promise<void>;
}
