import { createdResult, idempotencyToken } from '#api/common/idempotent-create';
import type { FieldServiceServices } from '#domain/field-service/field-service-services';
import { type BoundRoute, bind } from '#http/route';
import { fieldServiceRoutes as r } from './field-service-routes';

const versioned = <T extends { version: number }>(value: T) => ({ body: value, version: value.version });

/** Maps each field-service route onto its service call. */
export function fieldServiceApi(s: FieldServiceServices): BoundRoute[] {
  return [
    bind(r.createWorkOrder, async ({ caller, body, idempotency }) =>
      createdResult(
        await s.workOrders.create(caller, body, idempotencyToken('createWorkOrder', idempotency)),
      ),
    ),
    bind(r.listWorkOrders, async ({ caller, query: { limit, cursor, ...filter } }) => ({
      body: await s.workOrders.list(caller, filter, { limit, cursor }),
    })),
    bind(r.getWorkOrder, async ({ caller, params }) =>
      versioned(await s.workOrders.view(caller, params.workOrderId)),
    ),
    bind(r.updateWorkOrder, async ({ caller, params, body, ifMatch }) =>
      versioned(await s.workOrders.update(caller, params.workOrderId, ifMatch as number, body)),
    ),
    bind(r.setWorkOrderStatus, async ({ caller, params, body, ifMatch }) =>
      versioned(
        await s.workOrders.setStatus(caller, params.workOrderId, ifMatch as number, body.status, body.reason),
      ),
    ),
    bind(r.getWorkOrderHistory, async ({ caller, params, query }) => ({
      body: await s.workOrders.history(caller, params.workOrderId, query),
    })),
    bind(r.caseWorkOrders, async ({ caller, params, query }) => ({
      body: await s.workOrders.ofCase(caller, params.caseId, query),
    })),
    bind(r.findFreeSlots, async ({ caller, params, query }) => {
      const slots = await s.booking.freeSlots(caller, params.workOrderId, {
        ...(query.from ? { from: new Date(query.from) } : {}),
        ...(query.until ? { until: new Date(query.until) } : {}),
        limit: query.limit,
      });
      return { body: { items: slots.map(({ userId, ...slot }) => ({ technicianId: userId, ...slot })) } };
    }),
    bind(r.bookAppointment, async ({ caller, params, body, idempotency }) =>
      createdResult(
        await s.booking.book(
          caller,
          params.workOrderId,
          body,
          idempotencyToken('bookAppointment', idempotency),
        ),
      ),
    ),
    bind(r.rescheduleAppointment, async ({ caller, params, body }) => ({
      body: await s.booking.reschedule(caller, params.workOrderId, params.appointmentId, body),
    })),
    bind(r.cancelAppointment, async ({ caller, params, body }) => ({
      body: await s.booking.cancel(caller, params.workOrderId, params.appointmentId, body.reason),
    })),
    bind(r.startAppointment, async ({ caller, params }) => ({
      body: await s.work.start(caller, params.workOrderId, params.appointmentId),
    })),
    bind(r.completeAppointment, async ({ caller, params, body, idempotency }) =>
      createdResult(
        await s.work.complete(
          caller,
          params.workOrderId,
          params.appointmentId,
          body,
          idempotencyToken('completeAppointment', idempotency),
        ),
      ),
    ),
    bind(r.myAppointments, async ({ caller, query }) => ({
      body: { items: await s.work.day(caller, query.date) },
    })),
    bind(r.listTechnicians, async ({ caller }) => ({ body: { items: await s.technicians.list(caller) } })),
    bind(r.getTechnician, async ({ caller, params }) =>
      versioned(await s.technicians.get(caller, params.userId)),
    ),
    bind(r.putTechnician, async ({ caller, params, body, ifMatch }) =>
      versioned(await s.technicians.put(caller, params.userId, ifMatch, body)),
    ),
  ];
}
