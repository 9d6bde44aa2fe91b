import { ForbiddenError, NotFoundError } from '#domain/errors';
import type { SalesActor } from '#domain/sales/sales-ports';
import type { Appointment } from './appointment';
import type { WorkOrder } from './work-order';

/** Who plans field work: admins and customer service (dispatchers). */
export const dispatches = (actor: SalesActor) =>
  actor.roles.includes('admin') || actor.roles.includes('service');

export function assertDispatcher(actor: SalesActor): void {
  if (!dispatches(actor)) throw new ForbiddenError('only customer service and admins plan field work');
}

/**
 * Dispatchers and viewers see every work order; a technician the ones
 * they are booked for; anyone else none (404, as if it did not exist).
 */
export const workOrderVisibleTo = (actor: SalesActor, wo: Pick<WorkOrder, 'technicianId'>) =>
  dispatches(actor) || actor.roles.includes('viewer') || wo.technicianId === actor.userId;

/**
 * The technician does their own visits; an admin may record one for them.
 * A dispatcher is told why not (403); another technician finds nothing (404).
 */
export function assertDoesVisit(actor: SalesActor, appointment: Appointment): void {
  if (appointment.technicianId === actor.userId || actor.roles.includes('admin')) return;
  if (dispatches(actor))
    throw new ForbiddenError('only the booked technician (or an admin) reports on a visit');
  throw new NotFoundError('appointment', appointment.id);
}
