import { AppointmentNotices } from '#domain/field-service/appointment-notices';
import { environmentMailer } from '#runtime/environment/mailer';
import { environmentSms } from '#runtime/environment/sms';
import { environmentTable } from '#runtime/environment/table';
import { messagingServices } from '#runtime/messaging-services';
import { domainEventConsumer } from '#runtime/queue-consumer';
import { DynamoTenantDirectory } from '#table/core/tenant-directory';
import { DynamoWorkOrderStore } from '#table/field-service/work-order-store';

const table = environmentTable();
const notices = new AppointmentNotices({
  tenants: new DynamoTenantDirectory(table),
  workOrders: new DynamoWorkOrderStore(table),
  messaging: messagingServices({ table, mailer: environmentMailer(), sms: environmentSms() }).messaging,
});

const kinds = {
  AppointmentBooked: 'booked',
  AppointmentRescheduled: 'rescheduled',
  AppointmentCancelled: 'cancelled',
} as const;

/** Tells customers of their visits booked, moved or cancelled, by e-mail or SMS; once per event. */
export const handler = domainEventConsumer({
  serviceName: 'appointment-notices',
  handles: ['AppointmentBooked', 'AppointmentRescheduled', 'AppointmentCancelled'],
  handle: async (event) => {
    await notices.send({
      eventId: event.id,
      tenantId: event.tenantId,
      actorId: event.actor.userId,
      kind: kinds[event.type],
      workOrder: event.data.workOrder,
      appointment: event.data.appointment,
    });
  },
});
