import { pickEvents } from '#domain/event-definition';
import { AppointmentNotices } from '#domain/field-service/appointment-notices';
import { fieldServiceEvents } from '#domain/field-service/field-service-events';
import { environmentMailer } from '#runtime/environment/mailer';
import { environmentSms } from '#runtime/environment/sms';
import { environmentTable } from '#runtime/environment/table';
import { messagingServices } from '#runtime/messaging-services';
import { observability } from '#runtime/observability/observed-handler';
import { domainEventConsumer } from '#runtime/queue-consumer';
import { DynamoTenantDirectory } from '#table/core/tenant-directory';
import { DynamoWorkOrderStore } from '#table/field-service/work-order-store';

const table = environmentTable();
const observed = observability('appointment-notices');
const notices = new AppointmentNotices({
  log: observed.logger,
  tenants: new DynamoTenantDirectory(table),
  workOrders: new DynamoWorkOrderStore(table),
  messaging: messagingServices({ table, mailer: environmentMailer(), sms: environmentSms() }).messaging,
});

const kinds = {
  AppointmentBooked: 'booked',
  AppointmentRescheduled: 'rescheduled',
  AppointmentCancelled: 'cancelled',
} as const;

/**
 * Tells customers of their visits booked, moved or cancelled (also when a
 * dispatcher's move of the work order cancelled one), by e-mail or SMS; once per event.
 */
export const handler = domainEventConsumer({
  serviceName: 'appointment-notices',
  observability: observed,
  handles: pickEvents(fieldServiceEvents, [
    'AppointmentBooked',
    'AppointmentRescheduled',
    'AppointmentCancelled',
    'WorkOrderStatusChanged',
  ]),
  handle: async (event) => {
    const common = { eventId: event.id, tenantId: event.tenantId, actorId: event.actor.userId };
    if (event.type === 'WorkOrderStatusChanged') {
      const { workOrder, appointment } = event.data;
      if (appointment) await notices.send({ ...common, kind: 'cancelled', workOrder, appointment });
      return;
    }
    await notices.send({
      ...common,
      kind: kinds[event.type],
      workOrder: event.data.workOrder,
      appointment: event.data.appointment,
    });
  },
});
