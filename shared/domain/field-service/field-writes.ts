import { ConflictError, VersionMismatchError } from '#domain/errors';
import type { IdempotencyToken } from '#domain/ports';
import { type ChangeContext, touched } from '#domain/stamps';
import type { Appointment } from './appointment';
import type { TimeHold, WorkOrderStore } from './field-service-store';
import { bookedUnits } from './free-slots';
import type { WorkOrder } from './work-order';
import { bookingStepMinutes } from './work-order-types';

/** A work order's events belong to it, its account and its case. */
export const workOrderSubject = (wo: WorkOrder) => ({
  type: 'workOrder' as const,
  id: wo.id,
  ...(wo.accountId ? { accountId: wo.accountId } : {}),
  ...(wo.caseId ? { caseId: wo.caseId } : {}),
});

/** The technician time an appointment holds. */
export const holdOf = (a: Pick<Appointment, 'id' | 'technicianId' | 'start' | 'end'>): TimeHold => ({
  technicianId: a.technicianId,
  appointmentId: a.id,
  units: bookedUnits(a.start, a.end, bookingStepMinutes),
});

export function cancelled(
  a: Appointment,
  ctx: ChangeContext,
  reason: string,
  rescheduledTo?: string,
): Appointment {
  return {
    ...touched(a, ctx),
    status: 'cancelled',
    cancelledAt: ctx.now.toISOString(),
    cancelReason: reason,
    ...(rescheduledTo ? { rescheduledTo } : {}),
  };
}

/**
 * A request with a key that lost to a state its own first attempt made (the
 * phone sent it again while the first was still running): answers the
 * first one once it is recorded, instead of the conflict.
 */
export async function replayOnConflict<T>(
  store: Pick<WorkOrderStore, 'replayOf'>,
  tenantId: string,
  idempotency: IdempotencyToken | undefined,
  work: () => Promise<{ value: T; replayed: boolean }>,
): Promise<{ value: T; replayed: boolean }> {
  try {
    return await work();
  } catch (error) {
    const lostRace = error instanceof ConflictError || error instanceof VersionMismatchError;
    const earlier = lostRace && idempotency ? await store.replayOf(tenantId, idempotency) : undefined;
    if (earlier) return { value: earlier as T, replayed: true };
    throw error;
  }
}

/**
 * Work that reads a work order and writes it conditionally, done again when
 * the work order changed in between; a route without If-Match answers a
 * change that keeps coming as a 409, never a 412.
 */
export async function rereadOnChange<T>(work: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof VersionMismatchError)) throw error;
      if (attempt >= attempts)
        throw new ConflictError('changed-meanwhile', 'the work order keeps changing; read it again', [], {
          cause: error,
        });
    }
  }
}
