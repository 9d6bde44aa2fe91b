import { addDays, instantsOf, isoDateOf, wallTimeOf } from '#domain/activities/zoned-time';
import { ConflictError, type InvalidField, NotFoundError, ValidationError } from '#domain/errors';
import type { Created, IdempotencyToken } from '#domain/ports';
import type { SalesActor } from '#domain/sales/sales-ports';
import { changeContext, type ServiceDeps } from '#domain/service-context';
import { touched } from '#domain/stamps';
import type { Appointment, Completion, CompletionOutcome, MeterExchange } from './appointment';
import { assertDoesVisit } from './field-access';
import type { FieldParties } from './field-parties';
import { newFieldServiceEvent } from './field-service-events';
import type { TechnicianStore, WorkOrderStore } from './field-service-store';
import { holdOf, replayOnConflict, rereadOnChange, workOrderSubject } from './field-writes';
import type { MeterExchangeReport, MeterExchanges } from './meter-exchange';
import { type RouteStop, routeStopOf } from './route-stop';
import { canMoveWorkOrder, type WorkOrder } from './work-order';

/** Which of the work order's files are stored (uploaded and confirmed). */
export interface WorkOrderFiles {
  stored(
    tenantId: string,
    workOrderId: string,
    attachmentIds: readonly string[],
  ): Promise<ReadonlySet<string>>;
}

export interface FieldWorkDeps extends ServiceDeps {
  readonly workOrders: WorkOrderStore;
  readonly technicians: TechnicianStore;
  readonly parties: FieldParties;
  readonly files: WorkOrderFiles;
  readonly meters: Pick<MeterExchanges, 'record'>;
}

export interface CompletionReport {
  readonly outcome: CompletionOutcome;
  readonly code: string;
  readonly notes: string;
  readonly photoIds: readonly string[];
  readonly signatureId?: string;
  readonly completedAt?: string;
  readonly meterExchange?: MeterExchangeReport;
}

export interface Visit {
  readonly workOrder: WorkOrder;
  readonly appointment: Appointment;
}

/** The calendar day `date` (YYYY-MM-DD) in `zone`, as instants [from, until). */
function dayIn(date: string, zone: string): { from: Date; until: Date } {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const midnight = (d: { year: number; month: number; day: number }) =>
    instantsOf({ ...d, hour: 0, minute: 0, second: 0 }, zone)[0] ??
    new Date(Date.UTC(d.year, d.month - 1, d.day));
  const today = { year, month, day };
  return { from: midnight(today), until: midnight(addDays(today, 1)) };
}

/**
 * The technician's side of field service, from a phone (R-CS-5): the day's
 * route, starting a visit and reporting its result. Start and completion
 * may be sent again (a phone on a bad network does) without a second effect.
 */
export class FieldWork {
  constructor(private readonly deps: FieldWorkDeps) {}

  /** The caller's visits on a day of their calendar, in time order, each with what the visit needs. */
  async day(actor: SalesActor, date: string): Promise<RouteStop[]> {
    const zone = await this.zoneOf(actor);
    const { from, until } = dayIn(date, zone);
    const visits = await this.deps.workOrders.technicianAppointments(
      actor.tenantId,
      actor.userId,
      from,
      until,
    );
    return Promise.all(
      visits.map(async (appointment) => {
        const wo = await this.deps.workOrders.get(actor.tenantId, appointment.workOrderId);
        if (!wo) throw new NotFoundError('work order', appointment.workOrderId);
        const { parties } = this.deps;
        const [supplyPoint, account, contact] = await Promise.all([
          wo.supplyPointId ? parties.supplyPoint(actor.tenantId, wo.supplyPointId) : undefined,
          wo.accountId ? parties.account(actor.tenantId, wo.accountId) : undefined,
          wo.contactId ? parties.contact(actor.tenantId, wo.contactId) : undefined,
        ]);
        return routeStopOf({ appointment, workOrder: wo, supplyPoint, account, contact });
      }),
    );
  }

  /**
   * The technician is on site: the visit and its work order are under way.
   * Sent again (or late, after the visit was reported) it answers the visit
   * as it is; two copies at once both answer the start.
   */
  start(actor: SalesActor, workOrderId: string, appointmentId: string): Promise<Visit> {
    return rereadOnChange(() => this.startOnce(actor, workOrderId, appointmentId));
  }

  private async startOnce(actor: SalesActor, workOrderId: string, appointmentId: string): Promise<Visit> {
    const { wo, appointment } = await this.visit(actor, workOrderId, appointmentId);
    if (appointment.status !== 'booked') {
      if (appointment.status === 'cancelled')
        throw new ConflictError('invalid-state', 'the visit was cancelled: ask the dispatcher');
      return { workOrder: wo, appointment };
    }
    if (!canMoveWorkOrder(wo.status, 'in-progress'))
      throw new ConflictError('invalid-state', `a ${wo.status} work order cannot start`);
    const ctx = await changeContext(this.deps, actor);
    const at = ctx.now.toISOString();
    const started: Appointment = { ...touched(appointment, ctx), status: 'started', startedAt: at };
    const workOrder: WorkOrder = { ...touched(wo, ctx), status: 'in-progress', statusChangedAt: at };
    await this.deps.workOrders.write({
      workOrder: { previous: wo, next: workOrder },
      appointments: [{ previous: appointment, next: started }],
      event: newFieldServiceEvent(this.deps, ctx, 'AppointmentStarted', {
        subject: workOrderSubject(workOrder),
        data: { workOrder, appointment: started },
        changes: [{ field: 'status', from: wo.status, to: 'in-progress' }],
      }),
    });
    return { workOrder, appointment: started };
  }

  /**
   * The visit's result: done or not possible, with a code, notes, photos
   * and the customer's signature (files of the work order). A meter
   * exchange done records its readings and the new meter first. The visit
   * stops holding the technician's time; the work order is completed, or
   * waits for a revisit.
   */
  async complete(
    actor: SalesActor,
    workOrderId: string,
    appointmentId: string,
    report: CompletionReport,
    idempotency?: IdempotencyToken,
  ): Promise<Created<Visit>> {
    const earlier = idempotency && (await this.deps.workOrders.replayOf(actor.tenantId, idempotency));
    if (earlier) return { value: earlier as Visit, replayed: true };
    // The readings are idempotent: a work order changed meanwhile is read again and the report made again.
    return replayOnConflict(this.deps.workOrders, actor.tenantId, idempotency, () =>
      rereadOnChange(() => this.completeOnce(actor, workOrderId, appointmentId, report, idempotency)),
    );
  }

  private async completeOnce(
    actor: SalesActor,
    workOrderId: string,
    appointmentId: string,
    report: CompletionReport,
    idempotency?: IdempotencyToken,
  ): Promise<Created<Visit>> {
    const { wo, appointment } = await this.visit(actor, workOrderId, appointmentId);
    if (appointment.status !== 'booked' && appointment.status !== 'started')
      throw new ConflictError('invalid-state', `the visit is already ${appointment.status}`);
    if (!['scheduled', 'dispatched', 'in-progress'].includes(wo.status))
      throw new ConflictError('invalid-state', `a ${wo.status} work order takes no visit report`);
    const ctx = await changeContext(this.deps, actor);
    const completedAt = report.completedAt ?? ctx.now.toISOString();
    await this.checkReport(wo, appointment, report, completedAt, ctx.now);
    const meterExchange = await this.exchange(actor, wo, appointment, report, completedAt);
    const completion: Completion = {
      outcome: report.outcome,
      code: report.code,
      notes: report.notes,
      photoIds: report.photoIds,
      ...(report.signatureId ? { signatureId: report.signatureId } : {}),
      completedAt,
      ...(meterExchange ? { meterExchange } : {}),
    };
    const done: Appointment = {
      ...touched(appointment, ctx),
      status: report.outcome,
      startedAt: appointment.startedAt ?? completedAt,
      completion,
    };
    const workOrder: WorkOrder = {
      ...touched(wo, ctx),
      status: report.outcome,
      statusChangedAt: ctx.now.toISOString(),
      completion,
    };
    const visit = { workOrder, appointment: done };
    const { replayed } = await this.deps.workOrders.write({
      workOrder: { previous: wo, next: workOrder },
      appointments: [{ previous: appointment, next: done }],
      release: holdOf(appointment),
      event: newFieldServiceEvent(this.deps, ctx, 'AppointmentCompleted', {
        subject: workOrderSubject(workOrder),
        data: { ...visit, summary: summaryOf(wo, completion) },
        changes: [{ field: 'status', from: wo.status, to: report.outcome }],
      }),
      idempotency,
      response: visit,
    });
    return replayed ? { value: replayed as Visit, replayed: true } : { value: visit, replayed: false };
  }

  private async visit(actor: SalesActor, workOrderId: string, appointmentId: string) {
    const wo = await this.deps.workOrders.get(actor.tenantId, workOrderId);
    const appointment = wo && (await this.deps.workOrders.appointment(actor.tenantId, wo.id, appointmentId));
    if (!wo || !appointment) throw new NotFoundError('appointment', appointmentId);
    assertDoesVisit(actor, appointment);
    return { wo, appointment };
  }

  private async checkReport(
    wo: WorkOrder,
    appointment: Appointment,
    report: CompletionReport,
    completedAt: string,
    now: Date,
  ) {
    const invalid: InvalidField[] = [];
    if (Date.parse(completedAt) > now.getTime() + 5 * 60_000)
      invalid.push({ name: 'completedAt', reason: 'must not be in the future' });
    if (Date.parse(completedAt) < Date.parse(appointment.createdAt))
      invalid.push({ name: 'completedAt', reason: 'must not be before the visit was booked' });
    const wanted = [...report.photoIds, ...(report.signatureId ? [report.signatureId] : [])];
    const stored =
      wanted.length > 0 ? await this.deps.files.stored(wo.tenantId, wo.id, wanted) : new Set<string>();
    report.photoIds.forEach((id, i) => {
      if (!stored.has(id))
        invalid.push({ name: `photoIds.${i}`, reason: `no stored file ${id} on this work order` });
    });
    if (report.signatureId && !stored.has(report.signatureId))
      invalid.push({
        name: 'signatureId',
        reason: `no stored file ${report.signatureId} on this work order`,
      });
    const exchanging = wo.meterExchange && report.outcome === 'completed';
    if (exchanging && !report.meterExchange)
      invalid.push({
        name: 'meterExchange',
        reason: 'a meter exchange done reports the old and new meters’ readings',
      });
    if (!exchanging && report.meterExchange)
      invalid.push({ name: 'meterExchange', reason: 'only a completed meter exchange reports meters' });
    const exchange = report.meterExchange;
    if (exchange && exchange.oldMeterNumber === exchange.newMeterNumber)
      invalid.push({ name: 'meterExchange.newMeterNumber', reason: 'the same as the meter taken out' });
    exchange?.registers.forEach((r, i) => {
      if (exchange.registers.findIndex((x) => x.register === r.register) !== i)
        invalid.push({
          name: `meterExchange.registers.${i}.register`,
          reason: `${r.register} is listed twice`,
        });
    });
    if (invalid.length > 0) throw new ValidationError(invalid);
  }

  private async exchange(
    actor: SalesActor,
    wo: WorkOrder,
    appointment: Appointment,
    report: CompletionReport,
    completedAt: string,
  ): Promise<MeterExchange | undefined> {
    if (!report.meterExchange || !wo.supplyPointId) return undefined;
    const zone = await this.zoneOf({ tenantId: wo.tenantId, userId: appointment.technicianId });
    const date = isoDateOf(wallTimeOf(new Date(completedAt), zone));
    return this.deps.meters.record(actor, wo.supplyPointId, appointment.id, date, report.meterExchange);
  }

  /** The time zone of the technician's calendar; the tenant's first calendar's for anyone else. */
  private async zoneOf(actor: { tenantId: string; userId: string }): Promise<string> {
    const [profile, settings] = await Promise.all([
      this.deps.technicians.get(actor.tenantId, actor.userId),
      this.deps.parties.settings(actor.tenantId),
    ]);
    const calendar = settings.calendars.find((c) => c.id === profile?.calendarId) ?? settings.calendars[0];
    return calendar?.timeZone ?? 'UTC';
  }
}

function summaryOf(wo: WorkOrder, c: Completion): string {
  const result = c.outcome === 'completed' ? 'done' : 'could not be completed';
  const meter = c.meterExchange
    ? `; meter ${c.meterExchange.oldMeterNumber} → ${c.meterExchange.newMeterNumber}`
    : '';
  return `${wo.title} ${result} (${c.code})${meter}${c.notes ? `: ${c.notes}` : ''}`;
}
