import { ConflictError, NotFoundError, UnprocessableError, ValidationError } from '#domain/errors';
import type { MessagingService } from '#domain/messaging/messaging-service';
import type { TenantDirectory } from '#domain/tenant';
import type { Appointment } from './appointment';
import { appointmentNotice, type NoticeKind } from './appointment-notice';
import type { WorkOrderStore } from './field-service-store';
import type { WorkOrder } from './work-order';

export interface AppointmentNoticeDeps {
  readonly tenants: TenantDirectory;
  readonly workOrders: Pick<WorkOrderStore, 'appointment'>;
  readonly messaging: Pick<MessagingService, 'sendEmail' | 'sendSms'>;
  /** Where a notice that could not be sent for good is told to operators. */
  readonly log: { warn(message: string, details: Record<string, unknown>): void };
}

/** An appointment event as the notices read it. */
export interface AppointmentChange {
  readonly eventId: string;
  readonly tenantId: string;
  readonly actorId: string;
  readonly kind: NoticeKind;
  readonly workOrder: WorkOrder;
  readonly appointment: Appointment;
}

/**
 * Failures no retry mends: the contact gone or without the address or
 * number, a number that takes no text; and an earlier delivery of the same
 * event whose outcome is unknown (it may have gone: never twice).
 */
function cannotBeSent(error: unknown): boolean {
  if (error instanceof ConflictError)
    return error.code === 'send-outcome-unknown' || error.code === 'missing-prerequisite';
  return (
    error instanceof NotFoundError || error instanceof ValidationError || error instanceof UnprocessableError
  );
}

/**
 * Tells the customer of a visit booked, moved or cancelled (R-CS-5), by
 * e-mail or SMS as the work order says. A redelivered event sends nothing
 * more: the message is keyed by the event's id. An event that arrives after
 * the visit moved on (a booking read after its cancellation) sends nothing.
 */
export class AppointmentNotices {
  constructor(private readonly deps: AppointmentNoticeDeps) {}

  async send(change: AppointmentChange): Promise<'sent' | 'skipped'> {
    const { workOrder: wo, appointment, tenantId } = change;
    if (wo.notify === 'none' || !wo.contactId) return 'skipped';
    // A visit stopped on site (the work order put on hold) is the technician's to explain, not a cancellation.
    if (change.kind === 'cancelled' && appointment.startedAt !== undefined) return 'skipped';
    // Only a booking or a move that still stands is told; a cancellation always is.
    if (change.kind !== 'cancelled') {
      const current = await this.deps.workOrders.appointment(tenantId, wo.id, appointment.id);
      if (current?.status !== 'booked') return 'skipped';
    }
    const tenant = await this.deps.tenants.profile(tenantId);
    const notice = appointmentNotice(change.kind, wo, appointment, tenant);
    const actor = { tenantId, userId: change.actorId };
    const key = { operationId: 'appointmentNotice', key: change.eventId, requestHash: change.eventId };
    try {
      if (wo.notify === 'email') await this.deps.messaging.sendEmail(actor, wo.contactId, notice, key);
      else
        await this.deps.messaging.sendSms(
          actor,
          wo.contactId,
          { text: `${notice.subject}. ${notice.text}` },
          key,
        );
    } catch (error) {
      if (!cannotBeSent(error)) throw error;
      this.deps.log.warn('appointment notice not sent', {
        workOrderId: wo.id,
        appointmentId: appointment.id,
        eventId: change.eventId,
        reason: error instanceof Error ? error.message : String(error),
      });
      return 'skipped';
    }
    return 'sent';
  }
}
