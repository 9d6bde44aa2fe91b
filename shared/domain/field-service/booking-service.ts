import { ConflictError, type InvalidField, NotFoundError, ValidationError } from '#domain/errors';
import type { Created, IdempotencyToken } from '#domain/ports';
import type { SalesActor } from '#domain/sales/sales-ports';
import { changeContext, type ServiceDeps } from '#domain/service-context';
import { type ChangeContext, createdStamps, touched } from '#domain/stamps';
import { type Appointment, holdsTime } from './appointment';
import { assertDispatcher } from './field-access';
import type { FieldParties } from './field-parties';
import { newFieldServiceEvent } from './field-service-events';
import type { TechnicianStore, WorkOrderStore } from './field-service-store';
import { cancelled, holdOf, replayOnConflict, rereadOnChange, workOrderSubject } from './field-writes';
import { type FreeSlot, freeSlots, qualifies, type Technician } from './free-slots';
import { technicianOf } from './technician';
import { assertWorkOrderMove, type WorkOrder } from './work-order';
import type { WorkOrderService } from './work-order-service';
import { bookingStepMinutes } from './work-order-types';

export interface BookingDeps extends ServiceDeps {
  readonly workOrders: WorkOrderStore;
  readonly technicians: TechnicianStore;
  readonly parties: FieldParties;
  readonly orders: Pick<WorkOrderService, 'visible'>;
}

/** What the customer is promised: a two-hour window from the hour of the start. */
export const arrivalWindowMinutes = 120;
/** A search looks at most this far ahead at once, and books at most a year ahead. */
export const maxSearchDays = 31;
export const maxAheadDays = 366;
/**
 * A search reads the bookings of its first day, then of twice the days
 * until it has its slots: with many technicians the soonest slots are
 * within a day, and two weeks of everyone's visits are not read for them.
 */
const firstWindowDays = 1;
const day = 86_400_000;

export interface SlotSearch {
  readonly from?: Date;
  readonly until?: Date;
  readonly limit: number;
}

export interface BookingRequest {
  readonly technicianId: string;
  readonly start: string;
}

export interface Booked {
  readonly workOrder: WorkOrder;
  readonly appointment: Appointment;
}

/**
 * Booking technicians' time for work orders (R-CS-5). Free slots are
 * worked out from the technicians' calendars, absences and bookings; a
 * booking holds each quarter hour of its time with a guard item written
 * only if absent, in the booking's transaction, so of two bookings of the
 * same time exactly one is written and the other answers 409 `slot-taken`.
 */
export class BookingService {
  constructor(private readonly deps: BookingDeps) {}

  async freeSlots(actor: SalesActor, workOrderId: string, search: SlotSearch): Promise<FreeSlot[]> {
    assertDispatcher(actor);
    const now = this.deps.clock.now();
    const from = new Date(Math.max((search.from ?? now).getTime(), now.getTime()));
    // Nothing is booked more than a year ahead, so nothing is offered there.
    const until = new Date(
      Math.min(
        (search.until ?? new Date(from.getTime() + 14 * day)).getTime(),
        now.getTime() + maxAheadDays * day,
      ),
    );
    if (from.getTime() > now.getTime() + maxAheadDays * day)
      throw new ValidationError([{ name: 'from', reason: `at most ${maxAheadDays} days ahead` }]);
    if (until.getTime() - from.getTime() > maxSearchDays * day || until <= from)
      throw new ValidationError([{ name: 'until', reason: `after from, at most ${maxSearchDays} days on` }]);
    // The first window's reads wait for nothing else.
    let end = new Date(Math.min(until.getTime(), from.getTime() + firstWindowDays * day));
    const [wo, technicians, firstBookings] = await Promise.all([
      this.deps.orders.visible(actor, workOrderId),
      this.technicians(actor.tenantId),
      this.deps.workOrders.bookings(actor.tenantId, from, end),
    ]);
    if (
      !technicians.some((t) => qualifies(t, { requiredSkills: wo.requiredSkills, territory: wo.territory }))
    )
      return [];
    const bookings = [...firstBookings];
    for (;;) {
      const slots = freeSlots(technicians, bookings, {
        durationMinutes: wo.durationMinutes,
        requiredSkills: wo.requiredSkills,
        ...(wo.territory ? { territory: wo.territory } : {}),
        from,
        until: end,
        stepMinutes: bookingStepMinutes,
        arrivalWindowMinutes,
        limit: search.limit,
      });
      // Enough slots in a window are the soonest of the whole range: a slot the window's end cut
      // off starts after every slot that fits in it.
      if (slots.length >= search.limit || end >= until) return slots;
      const next = new Date(Math.min(until.getTime(), from.getTime() + 2 * (end.getTime() - from.getTime())));
      bookings.push(...(await this.deps.workOrders.bookings(actor.tenantId, end, next)));
      end = next;
    }
  }

  async book(
    actor: SalesActor,
    workOrderId: string,
    request: BookingRequest,
    idempotency?: IdempotencyToken,
  ): Promise<Created<Booked>> {
    assertDispatcher(actor);
    // A retry of a booking that was made answers it, though the work order has moved on since.
    const earlier = idempotency && (await this.deps.workOrders.replayOf(actor.tenantId, idempotency));
    if (earlier) return { value: earlier as Booked, replayed: true };
    const attempt = () =>
      rereadOnChange(async () => {
        const wo = await this.deps.orders.visible(actor, workOrderId);
        const current = wo.appointmentId
          ? await this.deps.workOrders.appointment(wo.tenantId, wo.id, wo.appointmentId)
          : undefined;
        if (current && holdsTime(current.status))
          throw new ConflictError(
            'invalid-state',
            'the work order has a visit booked: reschedule or cancel it',
          );
        assertWorkOrderMove(wo.status, 'scheduled');
        const ctx = await changeContext(this.deps, actor);
        const appointment = await this.newAppointment(wo, request, ctx);
        const workOrder: WorkOrder = {
          ...touched(wo, ctx),
          status: 'scheduled',
          statusChangedAt: ctx.now.toISOString(),
          appointmentId: appointment.id,
          technicianId: appointment.technicianId,
          appointmentCount: wo.appointmentCount + 1,
        };
        const booked = { workOrder, appointment };
        const { replayed } = await this.deps.workOrders.write({
          workOrder: { previous: wo, next: workOrder },
          appointments: [{ next: appointment }],
          claim: holdOf(appointment),
          event: newFieldServiceEvent(this.deps, ctx, 'AppointmentBooked', {
            subject: workOrderSubject(workOrder),
            data: booked,
            changes: [{ field: 'status', from: wo.status, to: 'scheduled' }],
          }),
          idempotency,
          response: booked,
        });
        return replayed ? { value: replayed as Booked, replayed: true } : { value: booked, replayed: false };
      });
    return replayOnConflict(this.deps.workOrders, actor.tenantId, idempotency, attempt);
  }

  /** Moves a booked visit to another time or technician: the old one is cancelled and its time freed. */
  async reschedule(
    actor: SalesActor,
    workOrderId: string,
    appointmentId: string,
    request: BookingRequest,
  ): Promise<Booked> {
    assertDispatcher(actor);
    return rereadOnChange(async () => {
      const wo = await this.deps.orders.visible(actor, workOrderId);
      const old = await this.booked(wo, appointmentId);
      const ctx = await changeContext(this.deps, actor);
      const appointment = await this.newAppointment(wo, request, ctx);
      const workOrder: WorkOrder = {
        ...touched(wo, ctx),
        // A dispatched job goes back to be dispatched again.
        status: 'scheduled',
        statusChangedAt: wo.status === 'scheduled' ? wo.statusChangedAt : ctx.now.toISOString(),
        appointmentId: appointment.id,
        technicianId: appointment.technicianId,
        appointmentCount: wo.appointmentCount + 1,
      };
      const previous = cancelled(old, ctx, 'rescheduled', appointment.id);
      await this.deps.workOrders.write({
        workOrder: { previous: wo, next: workOrder },
        appointments: [{ previous: old, next: previous }, { next: appointment }],
        release: holdOf(old),
        claim: holdOf(appointment),
        event: newFieldServiceEvent(this.deps, ctx, 'AppointmentRescheduled', {
          subject: workOrderSubject(workOrder),
          data: { workOrder, appointment, previous },
        }),
      });
      return { workOrder, appointment };
    });
  }

  /** Cancels a booked visit and frees its time; the work order goes back to new, to be booked again. */
  async cancel(
    actor: SalesActor,
    workOrderId: string,
    appointmentId: string,
    reason: string,
  ): Promise<Booked> {
    assertDispatcher(actor);
    return rereadOnChange(async () => {
      const wo = await this.deps.orders.visible(actor, workOrderId);
      const old = await this.booked(wo, appointmentId);
      const ctx = await changeContext(this.deps, actor);
      const { appointmentId: _a, technicianId: _t, ...rest } = wo;
      const workOrder: WorkOrder = {
        ...touched(rest, ctx),
        status: 'new',
        statusChangedAt: ctx.now.toISOString(),
      };
      const appointment = cancelled(old, ctx, reason);
      await this.deps.workOrders.write({
        workOrder: { previous: wo, next: workOrder },
        appointments: [{ previous: old, next: appointment }],
        release: holdOf(old),
        event: newFieldServiceEvent(this.deps, ctx, 'AppointmentCancelled', {
          subject: workOrderSubject(workOrder),
          data: { workOrder, appointment },
          changes: [{ field: 'status', from: wo.status, to: 'new' }],
        }),
      });
      return { workOrder, appointment };
    });
  }

  /** Technicians who may take visits: active users with the role, a profile and a calendar that exists. */
  private async technicians(tenantId: string): Promise<Technician[]> {
    const [profiles, settings, active] = await Promise.all([
      this.deps.technicians.all(tenantId),
      this.deps.parties.settings(tenantId),
      this.deps.parties.technicianIds(tenantId),
    ]);
    return profiles.flatMap((p) => (active.has(p.id) ? (technicianOf(p, settings.calendars) ?? []) : []));
  }

  /** The work order's booked visit `appointmentId` (404 when it has none such, 409 when it is past booking). */
  private async booked(wo: WorkOrder, appointmentId: string): Promise<Appointment> {
    const found = await this.deps.workOrders.appointment(wo.tenantId, wo.id, appointmentId);
    if (!found) throw new NotFoundError('appointment', appointmentId);
    if (found.status !== 'booked' || wo.appointmentId !== found.id)
      throw new ConflictError('invalid-state', `a ${found.status} appointment cannot be moved or cancelled`);
    return found;
  }

  /**
   * A visit for `request`: the technician has the skills and territory,
   * and the whole visit lies inside their hours, outside their absences,
   * on a quarter-hour boundary. Whether the time is free is the guard
   * items' to say, in the write.
   */
  private async newAppointment(
    wo: WorkOrder,
    request: BookingRequest,
    ctx: ChangeContext,
  ): Promise<Appointment> {
    const { tenantId } = wo;
    const [profile, settings, user] = await Promise.all([
      this.deps.technicians.get(tenantId, request.technicianId),
      this.deps.parties.settings(tenantId),
      this.deps.parties.user(tenantId, request.technicianId),
    ]);
    // A deactivated user, or one no longer a technician, keeps a profile but takes no new visits.
    const active = user?.roles.includes('technician') ?? false;
    const technician = active && profile ? technicianOf(profile, settings.calendars) : undefined;
    const invalid: InvalidField[] = [];
    if (!technician) invalid.push({ name: 'technicianId', reason: `no technician ${request.technicianId}` });
    else if (!qualifies(technician, { requiredSkills: wo.requiredSkills, territory: wo.territory }))
      invalid.push({
        name: 'technicianId',
        reason:
          `lacks a skill (${wo.requiredSkills.join(', ') || 'none'}) or the territory ${wo.territory ?? ''}`.trim(),
      });
    const start = new Date(request.start);
    if (start.getTime() < ctx.now.getTime())
      invalid.push({ name: 'start', reason: 'must not be in the past' });
    if (start.getTime() > ctx.now.getTime() + maxAheadDays * day)
      invalid.push({ name: 'start', reason: `at most ${maxAheadDays} days ahead` });
    if (invalid.length > 0 || !technician) throw new ValidationError(invalid);
    const end = new Date(start.getTime() + wo.durationMinutes * 60_000);
    const [slot] = freeSlots([technician], [], {
      durationMinutes: wo.durationMinutes,
      requiredSkills: [],
      from: start,
      until: end,
      stepMinutes: bookingStepMinutes,
      arrivalWindowMinutes,
      limit: 1,
    });
    if (slot?.start !== start.toISOString())
      throw new ValidationError([
        {
          name: 'start',
          reason: 'not a quarter hour at which the whole visit fits in the technician’s working hours',
        },
      ]);
    return {
      ...createdStamps(this.deps.ids.next(), ctx),
      workOrderId: wo.id,
      technicianId: technician.userId,
      start: slot.start,
      end: slot.end,
      arrival: slot.arrival,
      status: 'booked',
    };
  }
}
