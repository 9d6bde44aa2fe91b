import type { Contact } from '#domain/accounts/contact';
import type { HistoryEntry, HistoryStore } from '#domain/accounts/records';
import { type InvalidField, NotFoundError, ValidationError, VersionMismatchError } from '#domain/errors';
import type { Created, IdempotencyToken, Page, PageRequest } from '#domain/ports';
import type { SalesActor } from '#domain/sales/sales-ports';
import type { Case } from '#domain/service/case';
import type { CasePriority } from '#domain/service/service-settings';
import { changeContext, type ServiceDeps } from '#domain/service-context';
import { type ChangeContext, createdStamps, touched } from '#domain/stamps';
import { type Appointment, holdsTime } from './appointment';
import { assertDispatcher, workOrderVisibleTo } from './field-access';
import type { FieldParties } from './field-parties';
import { newFieldServiceEvent } from './field-service-events';
import type { FieldWrite, WorkOrderFilter, WorkOrderStore } from './field-service-store';
import { cancelled, holdOf, workOrderSubject } from './field-writes';
import { assertWorkOrderMove, type NoticeChannel, type WorkOrder, type WorkOrderStatus } from './work-order';

export interface WorkOrderDeps extends ServiceDeps {
  readonly workOrders: WorkOrderStore;
  readonly parties: FieldParties;
  readonly history: Pick<HistoryStore, 'list'>;
}

export interface NewWorkOrder {
  readonly type: string;
  readonly title?: string;
  readonly description?: string;
  readonly priority?: CasePriority;
  readonly caseId?: string;
  readonly accountId?: string;
  readonly contactId?: string;
  readonly supplyPointId?: string;
  readonly dueAt?: string;
  readonly notify?: NoticeChannel;
}

export interface WorkOrderChanges {
  readonly title?: string;
  readonly description?: string;
  readonly priority?: CasePriority;
  readonly dueAt?: string | null;
  readonly notify?: NoticeChannel;
}

/** The statuses a dispatcher sets by hand; the others follow bookings and visits. */
export const dispatcherStatuses = ['dispatched', 'on-hold', 'new', 'closed', 'cancelled'] as const;
export type DispatcherStatus = (typeof dispatcherStatuses)[number];

/** A work order with its visits, oldest first. */
export interface WorkOrderView extends WorkOrder {
  readonly appointments: readonly Appointment[];
}

/** How a customer hears of their appointment when nobody says: e-mail if they have one, else a text. */
export function noticeChannelOf(contact: Contact | undefined): NoticeChannel {
  if (contact?.email) return 'email';
  return contact && contact.phones.length > 0 ? 'sms' : 'none';
}

function noticeProblems(notify: NoticeChannel, contact: Contact | undefined): InvalidField[] {
  if (notify === 'email' && !contact?.email)
    return [{ name: 'notify', reason: 'the contact has no e-mail address' }];
  if (notify === 'sms' && !contact?.phones.length)
    return [{ name: 'notify', reason: 'the contact has no phone number' }];
  return [];
}

/**
 * Work orders (R-CS-5): made from a case (its customer, supply point,
 * priority and resolution target carried over) or on their own, with the
 * tenant's type deciding duration, skills and whether it exchanges a meter.
 */
export class WorkOrderService {
  constructor(private readonly deps: WorkOrderDeps) {}

  async create(
    actor: SalesActor,
    input: NewWorkOrder,
    idempotency?: IdempotencyToken,
  ): Promise<Created<WorkOrder>> {
    assertDispatcher(actor);
    const { tenantId } = actor;
    const { parties } = this.deps;
    const fromCase = input.caseId ? await parties.visibleCase(actor, input.caseId) : undefined;
    if (input.caseId && !fromCase) throw new NotFoundError('case', input.caseId);
    const settings = await parties.settings(tenantId);
    const type = settings.workOrderTypes.find((t) => t.code === input.type);
    const invalid: InvalidField[] = [];
    if (!type)
      invalid.push({
        name: 'type',
        reason: `not a work order type of this tenant; one of ${settings.workOrderTypes.map((t) => t.code).join(', ')}`,
      });
    const linked = {
      accountId: input.accountId ?? fromCase?.accountId,
      contactId: input.contactId ?? fromCase?.contactId,
      supplyPointId: input.supplyPointId ?? fromCase?.supplyPointId,
    };
    const [supplyPoint, account, contact] = await Promise.all([
      linked.supplyPointId ? parties.supplyPoint(tenantId, linked.supplyPointId) : undefined,
      linked.accountId ? parties.account(tenantId, linked.accountId) : undefined,
      linked.contactId ? parties.contact(tenantId, linked.contactId) : undefined,
    ]);
    if (linked.supplyPointId && !supplyPoint)
      invalid.push({ name: 'supplyPointId', reason: `no supply point ${linked.supplyPointId}` });
    if (linked.accountId && !account)
      invalid.push({ name: 'accountId', reason: `no account ${linked.accountId}` });
    if (linked.contactId && !contact)
      invalid.push({ name: 'contactId', reason: `no contact ${linked.contactId}` });
    const accountOfOrder = linked.accountId ?? supplyPoint?.accountId;
    if (supplyPoint && accountOfOrder && supplyPoint.accountId !== accountOfOrder)
      invalid.push({ name: 'supplyPointId', reason: 'the supply point is another customer’s' });
    if (contact?.accountId && accountOfOrder && contact.accountId !== accountOfOrder)
      invalid.push({ name: 'contactId', reason: 'the contact is another customer’s' });
    if (type?.meterExchange && !linked.supplyPointId)
      invalid.push({
        name: 'supplyPointId',
        reason: 'a meter exchange needs the supply point whose meter changes',
      });
    const notify = input.notify ?? noticeChannelOf(contact);
    invalid.push(...noticeProblems(notify, contact));
    if (invalid.length > 0 || !type) throw new ValidationError(invalid);

    const ctx = await changeContext(this.deps, actor);
    const accountId = accountOfOrder;
    const dueAt = input.dueAt ?? caseDueAt(fromCase);
    const workOrder: WorkOrder = {
      ...createdStamps(this.deps.ids.next(), ctx),
      type: type.code,
      title: input.title ?? type.title,
      description: input.description ?? fromCase?.subject ?? '',
      status: 'new',
      statusChangedAt: ctx.now.toISOString(),
      priority: input.priority ?? fromCase?.priority ?? 'normal',
      ...(input.caseId ? { caseId: input.caseId } : {}),
      ...(accountId ? { accountId } : {}),
      ...(linked.contactId ? { contactId: linked.contactId } : {}),
      ...(linked.supplyPointId ? { supplyPointId: linked.supplyPointId } : {}),
      ...(supplyPoint ? { territory: supplyPoint.territoryCode } : {}),
      durationMinutes: type.durationMinutes,
      requiredSkills: type.requiredSkills,
      meterExchange: type.meterExchange,
      ...(dueAt ? { dueAt } : {}),
      notify,
      appointmentCount: 0,
    };
    const event = newFieldServiceEvent(this.deps, ctx, 'WorkOrderCreated', {
      subject: workOrderSubject(workOrder),
      data: { workOrder },
    });
    const { replayed } = await this.deps.workOrders.write({
      workOrder: { next: workOrder },
      event,
      idempotency,
      response: workOrder,
    });
    return replayed
      ? { value: replayed as WorkOrder, replayed: true }
      : { value: workOrder, replayed: false };
  }

  /** A work order the actor may see (else 404). */
  async visible(actor: SalesActor, workOrderId: string): Promise<WorkOrder> {
    const wo = await this.deps.workOrders.get(actor.tenantId, workOrderId);
    if (!wo || !workOrderVisibleTo(actor, wo)) throw new NotFoundError('work order', workOrderId);
    return wo;
  }

  async view(actor: SalesActor, workOrderId: string): Promise<WorkOrderView> {
    const wo = await this.visible(actor, workOrderId);
    return { ...wo, appointments: await this.deps.workOrders.appointments(actor.tenantId, wo.id) };
  }

  async list(actor: SalesActor, filter: WorkOrderFilter, page: PageRequest): Promise<Page<WorkOrder>> {
    assertDispatcherOrViewer(actor);
    return this.deps.workOrders.list(actor.tenantId, filter, page);
  }

  async history(actor: SalesActor, workOrderId: string, page: PageRequest): Promise<Page<HistoryEntry>> {
    await this.visible(actor, workOrderId);
    return this.deps.history.list(actor.tenantId, { type: 'workOrder', id: workOrderId }, page);
  }

  /** A case's work orders, for those who see the case. */
  async ofCase(actor: SalesActor, caseId: string, page: PageRequest): Promise<Page<WorkOrder>> {
    if (!(await this.deps.parties.visibleCase(actor, caseId))) throw new NotFoundError('case', caseId);
    return this.deps.workOrders.ofCase(actor.tenantId, caseId, page);
  }

  async update(
    actor: SalesActor,
    workOrderId: string,
    expectedVersion: number,
    changes: WorkOrderChanges,
  ): Promise<WorkOrder> {
    assertDispatcher(actor);
    const current = await this.visible(actor, workOrderId);
    assertVersion(current, expectedVersion);
    if (changes.notify !== undefined) {
      const contact = current.contactId
        ? await this.deps.parties.contact(actor.tenantId, current.contactId)
        : undefined;
      const invalid = noticeProblems(changes.notify, contact);
      if (invalid.length > 0) throw new ValidationError(invalid);
    }
    const ctx = await changeContext(this.deps, actor);
    const { dueAt, ...rest } = changes;
    const { dueAt: _old, ...withoutDue } = current;
    const next: WorkOrder = {
      ...touched(dueAt === null ? withoutDue : current, ctx),
      ...rest,
      ...(dueAt ? { dueAt } : {}),
    };
    const fields = ['title', 'description', 'priority', 'dueAt', 'notify'] as const;
    const diff = fields
      .filter((f) => current[f] !== next[f])
      .map((field) => ({ field, from: current[field] ?? null, to: next[field] ?? null }));
    if (diff.length === 0) return current;
    const event = newFieldServiceEvent(this.deps, ctx, 'WorkOrderUpdated', {
      subject: workOrderSubject(next),
      data: { workOrder: next },
      changes: diff,
    });
    await this.deps.workOrders.write({ workOrder: { previous: current, next }, event });
    return next;
  }

  /**
   * A dispatcher's move: dispatched, on hold, back to new, closed or
   * cancelled. Putting on hold, back to new or cancelling also cancels the
   * booked visit and frees its technician's time.
   */
  async setStatus(
    actor: SalesActor,
    workOrderId: string,
    expectedVersion: number,
    to: DispatcherStatus,
    reason?: string,
  ): Promise<WorkOrder> {
    assertDispatcher(actor);
    const current = await this.visible(actor, workOrderId);
    assertVersion(current, expectedVersion);
    if (current.status === to) return current;
    assertWorkOrderMove(current.status, to);
    const ctx = await changeContext(this.deps, actor);
    const live = to === 'dispatched' ? undefined : await this.liveAppointment(current);
    // Back to new, the work order names no technician until it is booked again.
    const next: WorkOrder = withStatus(current, to, ctx, live !== undefined || to === 'new');
    const freed = live && cancelled(live, ctx, reason ?? `work order ${to}`);
    const write: FieldWrite = {
      workOrder: { previous: current, next },
      ...(live && freed ? { appointments: [{ previous: live, next: freed }], release: holdOf(live) } : {}),
      event: newFieldServiceEvent(this.deps, ctx, 'WorkOrderStatusChanged', {
        subject: workOrderSubject(next),
        data: { workOrder: next, from: current.status, to, ...(freed ? { appointment: freed } : {}) },
        changes: [{ field: 'status', from: current.status, to }],
      }),
    };
    await this.deps.workOrders.write(write);
    return next;
  }

  /** The visit that still holds its technician's time: booked, or started and left unfinished. */
  private async liveAppointment(wo: WorkOrder): Promise<Appointment | undefined> {
    if (!wo.appointmentId) return undefined;
    const found = await this.deps.workOrders.appointment(wo.tenantId, wo.id, wo.appointmentId);
    return found && holdsTime(found.status) ? found : undefined;
  }
}

function withStatus(wo: WorkOrder, to: WorkOrderStatus, ctx: ChangeContext, dropVisit: boolean): WorkOrder {
  const { appointmentId: _a, technicianId: _t, ...withoutVisit } = wo;
  return {
    ...touched(dropVisit ? withoutVisit : wo, ctx),
    status: to,
    statusChangedAt: ctx.now.toISOString(),
  };
}

function caseDueAt(c: Case | undefined): string | undefined {
  const target = c?.sla.resolution;
  return target && (target.status === 'running' || target.status === 'paused') ? target.dueAt : undefined;
}

function assertVersion(wo: WorkOrder, expectedVersion: number) {
  if (wo.version !== expectedVersion) throw new VersionMismatchError('work order', wo.id);
}

function assertDispatcherOrViewer(actor: SalesActor) {
  if (!actor.roles.includes('viewer')) assertDispatcher(actor);
}
