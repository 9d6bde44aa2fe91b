import { ConflictError } from '#domain/errors';
import type { CasePriority } from '#domain/service/service-settings';
import type { Stamps } from '#domain/stamps';
import type { Completion } from './appointment';

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
  // Back to new when its visit is cancelled; a technician may start, or report at once, before a dispatcher dispatches.
  scheduled: ['dispatched', 'in-progress', 'completed', 'cannot-complete', 'new', 'on-hold', 'cancelled'],
  dispatched: ['in-progress', 'completed', 'cannot-complete', 'scheduled', 'new', 'on-hold', 'cancelled'],
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

/** Statuses in which nothing more happens to a work order. */
export const finalWorkOrderStatuses: ReadonlySet<WorkOrderStatus> = new Set(['closed', 'cancelled']);

/** How the customer hears of their appointment (R-CO-3): their e-mail, else a text message. */
export const noticeChannels = ['email', 'sms', 'none'] as const;
export type NoticeChannel = (typeof noticeChannels)[number];

/** A job to be done at a customer's place (R-CS-5), from a case or on its own. */
export interface WorkOrder extends Stamps {
  /** A code of the tenant's work order types. */
  readonly type: string;
  readonly title: string;
  readonly description: string;
  readonly status: WorkOrderStatus;
  readonly statusChangedAt: string;
  readonly priority: CasePriority;
  readonly caseId?: string;
  readonly accountId?: string;
  readonly contactId?: string;
  readonly supplyPointId?: string;
  /** The supply point's distribution territory: technicians who cover it may go. */
  readonly territory?: string;
  readonly durationMinutes: number;
  readonly requiredSkills: readonly string[];
  /** Completing it exchanges the supply point's meter. */
  readonly meterExchange: boolean;
  /** When it must be done: the case's resolution target, unless given. */
  readonly dueAt?: string;
  readonly notify: NoticeChannel;
  /** The appointment now booked or under way, and its technician. */
  readonly appointmentId?: string;
  readonly technicianId?: string;
  readonly appointmentCount: number;
  /** The last visit's result. */
  readonly completion?: Completion;
}
