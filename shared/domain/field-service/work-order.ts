import { ConflictError } from '#domain/errors';

/**
 * A work order's life (R-CS-5), after the field-service systems' system
 * statuses: new → scheduled (an appointment booked) → dispatched (the
 * technician told) → in progress → completed → closed (the back office
 * checked it); on hold or cannot complete on the way; cancelled before work
 * starts. Closed and cancelled are final.
 */
export const workOrderStatuses = [
  'new',
  'scheduled',
  'dispatched',
  'in-progress',
  'completed',
  'closed',
  'on-hold',
  'cannot-complete',
  'cancelled',
] as const;
export type WorkOrderStatus = (typeof workOrderStatuses)[number];

const moves: Readonly<Record<WorkOrderStatus, readonly WorkOrderStatus[]>> = {
  new: ['scheduled', 'on-hold', 'cancelled'],
  // Back to new when its only appointment is cancelled.
  scheduled: ['dispatched', 'new', 'on-hold', 'cancelled'],
  dispatched: ['in-progress', 'scheduled', 'on-hold', 'cancelled'],
  // Work started: it ends completed or not, or waits (a part missing); it is no longer cancelled.
  'in-progress': ['completed', 'cannot-complete', 'on-hold'],
  completed: ['closed'],
  'on-hold': ['new', 'scheduled', 'cancelled'],
  // A revisit is a new appointment; a job that cannot be done at all is closed or cancelled.
  'cannot-complete': ['new', 'scheduled', 'closed', 'cancelled'],
  closed: [],
  cancelled: [],
};

export const canMoveWorkOrder = (from: WorkOrderStatus, to: WorkOrderStatus) => moves[from].includes(to);

/** 409 `invalid-state` naming both statuses when the move is not one of the life's. */
export function assertWorkOrderMove(from: WorkOrderStatus, to: WorkOrderStatus): void {
  if (!canMoveWorkOrder(from, to))
    throw new ConflictError('invalid-state', `a ${from} work order cannot become ${to}`);
}
