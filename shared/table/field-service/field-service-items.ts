import { type Appointment, holdsTime } from '#domain/field-service/appointment';
import type { WorkOrder } from '#domain/field-service/work-order';
import { appointmentEntity, workOrderEntity } from './entities';

/** A work order as stored: its partition, the tenant's list and, when it came from a case, the case's work orders. */
export function workOrderItem(wo: WorkOrder) {
  const { tenantId, id: workOrderId } = wo;
  return workOrderEntity.item(wo, {
    key: { tenantId, workOrderId },
    gsi1: wo.caseId ? { tenantId, caseId: wo.caseId, workOrderId } : undefined,
    gsi2: { tenantId, workOrderId },
  });
}

/**
 * A visit as stored, beside its work order: in its technician's day unless
 * cancelled, and in the tenant's bookings while it holds its technician's time.
 */
export function appointmentItem(a: Appointment) {
  const { tenantId, workOrderId, technicianId, start, id: appointmentId } = a;
  return appointmentEntity.item(a, {
    key: { tenantId, workOrderId, appointmentId },
    gsi1: a.status === 'cancelled' ? undefined : { tenantId, technicianId, start, appointmentId },
    gsi2: holdsTime(a.status) ? { tenantId, start, appointmentId } : undefined,
  });
}
