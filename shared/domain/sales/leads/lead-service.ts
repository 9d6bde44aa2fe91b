import { FieldCollector } from '#domain/accounts/normalise';
import type { IdentificationStore } from '#domain/accounts/records';
import { ConflictError, NotFoundError, ValidationError, VersionMismatchError } from '#domain/errors';
import type { FieldChange } from '#domain/events';
import type { Actor, Created, IdempotencyToken, Page, PageRequest } from '#domain/ports';
import type { LeadStore } from '#domain/sales/stores';
import { changeContext, type ServiceDeps } from '#domain/service-context';
import { type ChangeContext, touched } from '#domain/stamps';
import { clientChange } from '#domain/system-writes';
import type { TenantProfile } from '#domain/tenant';
import type { UserLookup } from '#domain/users/user-lookup';
import {
  assertOpen,
  createLead,
  type EngagementKind,
  type Lead,
  type LeadFields,
  type LeadStage,
  moveLead,
  type PossibleDuplicate,
  type SettableLeadStage,
  sourceReferenceOf,
  updateLead,
} from './lead';
import { type LeadChangeEvent, newLeadEvent } from './lead-events';

export interface LeadDeps extends ServiceDeps {
  readonly leads: LeadStore;
  /** Who may be given a lead: active users of the tenant. */
  readonly users: UserLookup;
  /** Contacts with the same e-mail or phone (the accounts module's caller identification). */
  readonly identification: IdentificationStore;
}

/** Lead fields as a client or a source mapping gives them: e-mail, phone and org number not yet normalised. */
export type LeadInput = LeadFields;

export interface LeadListFilter {
  readonly stage?: LeadStage;
  /** `undefined` with no stage: the caller's own leads. */
  readonly ownerId?: string;
  /** The leads no one owns yet. */
  readonly unassigned?: boolean;
}

/** How many engagement writes race before one gives up with a 409. */
const engagementAttempts = 3;

/**
 * Leads (R-SA-1, R-SA-2, R-MK-1): created by hand or by a lead source's
 * webhook, checked for duplicates against leads and contacts, moved along
 * the lifecycle. Scoring, routing and nurturing follow from the events, in
 * the lead pipeline.
 */
export class LeadService {
  constructor(private readonly deps: LeadDeps) {}

  async create(actor: Actor, input: LeadInput, idempotency?: IdempotencyToken): Promise<Created<Lead>> {
    const ctx = await changeContext(this.deps, actor);
    const fields = normalised(input, ctx.tenant);
    const duplicates = await this.duplicatesOf(actor.tenantId, fields);
    const lead = createLead(this.deps.ids.next(), fields, duplicates, ctx);
    const event = newLeadEvent(this.deps, ctx, 'LeadCreated', { subject: subjectOf(lead), data: { lead } });
    try {
      return await this.deps.leads.create(lead, event, idempotency);
    } catch (error) {
      const earlier = await this.deliveredBefore(lead, error);
      if (earlier) return { value: earlier, replayed: true };
      throw error;
    }
  }

  async get(actor: Actor, leadId: string): Promise<Lead> {
    const lead = await this.deps.leads.get(actor.tenantId, leadId);
    if (!lead) throw new NotFoundError('lead', leadId);
    return lead;
  }

  /** Replaces what the lead says about the prospect; its stage, owner and score stay. */
  async update(actor: Actor, leadId: string, expectedVersion: number, input: LeadInput): Promise<Lead> {
    return clientChange(this.target(actor, leadId, expectedVersion), async (current) => {
      const ctx = await changeContext(this.deps, actor);
      const { lead, changes } = updateLead(current, normalised(input, ctx.tenant), ctx);
      if (changes.length === 0) return current;
      await this.save(ctx, current, lead, 'LeadUpdated', changes);
      return lead;
    });
  }

  async move(
    actor: Actor,
    leadId: string,
    expectedVersion: number,
    to: SettableLeadStage,
    reason?: string,
  ): Promise<Lead> {
    return clientChange(this.target(actor, leadId, expectedVersion), async (current) => {
      const ctx = await changeContext(this.deps, actor);
      const lead = moveLead(current, to, reason, ctx);
      await this.save(ctx, current, lead, 'LeadStageChanged', [{ field: 'stage', from: current.stage, to }]);
      return lead;
    });
  }

  /**
   * Gives the lead to a user by hand (or takes it back to the pool with
   * `undefined`). Emits `LeadRouted` like the routing rules do, so the new
   * owner's follow-ups are scheduled the same way.
   */
  async assign(
    actor: Actor,
    leadId: string,
    expectedVersion: number,
    ownerId: string | undefined,
  ): Promise<Lead> {
    return clientChange(this.target(actor, leadId, expectedVersion), async (current) => {
      assertOpen(current);
      if (ownerId !== undefined) {
        const user = await this.deps.users.user(actor.tenantId, ownerId);
        if (!user) throw new ValidationError([{ name: 'ownerId', reason: 'no such user' }]);
        if (!user.active)
          throw new ValidationError([{ name: 'ownerId', reason: 'deactivated users get no new work' }]);
      }
      if (ownerId === current.ownerId) return current;
      const ctx = await changeContext(this.deps, actor);
      const { ownerId: _owner, groupId: _group, routedAt: _routed, ...rest } = current;
      const lead: Lead = {
        ...touched(rest, ctx),
        ...(ownerId ? { ownerId, routedAt: ctx.now.toISOString() } : {}),
      };
      await this.save(ctx, current, lead, ownerId ? 'LeadRouted' : 'LeadUpdated', [
        { field: 'ownerId', from: current.ownerId ?? null, to: ownerId ?? null },
      ]);
      return lead;
    });
  }

  /** The lead a client changes with `If-Match`, read again if the lead pipeline writes it meanwhile. */
  private target(actor: Actor, leadId: string, expectedVersion: number) {
    return { resource: 'lead', expectedVersion, read: () => this.get(actor, leadId) };
  }

  /**
   * Records that the prospect opened an e-mail or met the sales team. No
   * If-Match: engagement only counts up, so a lost race is retried on the
   * fresh lead. The score follows in the lead pipeline.
   */
  async recordEngagement(actor: Actor, leadId: string, kind: EngagementKind): Promise<Lead> {
    for (let attempt = 1; ; attempt += 1) {
      const current = await this.get(actor, leadId);
      assertOpen(current);
      const ctx = await changeContext(this.deps, actor);
      const engagement =
        kind === 'email-opened'
          ? { ...current.engagement, emailsOpened: current.engagement.emailsOpened + 1 }
          : { ...current.engagement, meetings: current.engagement.meetings + 1 };
      const lead: Lead = {
        ...current,
        engagement,
        updatedAt: ctx.now.toISOString(),
        updatedBy: ctx.userId,
        version: current.version + 1,
      };
      try {
        await this.save(ctx, current, lead, 'LeadEngagementRecorded', [
          { field: 'engagement', from: current.engagement, to: engagement },
        ]);
        return lead;
      } catch (error) {
        if (attempt >= engagementAttempts || !(error instanceof VersionMismatchError)) throw error;
      }
    }
  }

  list(actor: Actor, filter: LeadListFilter, page: PageRequest): Promise<Page<Lead>> {
    if (filter.stage && filter.ownerId)
      throw new ValidationError([{ name: 'ownerId', reason: 'filter by stage or by owner, not both' }]);
    return filter.stage
      ? this.deps.leads.inStage(actor.tenantId, filter.stage, page)
      : this.deps.leads.ofOwner(
          actor.tenantId,
          filter.unassigned ? undefined : (filter.ownerId ?? actor.userId),
          page,
        );
  }

  /** Writes a change made through the service with its event, which carries the lead before and after. */
  async save(
    ctx: ChangeContext,
    previous: Lead,
    lead: Lead,
    type: Exclude<LeadChangeEvent, 'LeadScored' | 'LeadConverted'>,
    changes: readonly FieldChange[],
  ): Promise<void> {
    const event = newLeadEvent(this.deps, ctx, type, {
      subject: subjectOf(lead),
      data: { lead, previous },
      changes,
    });
    await this.deps.leads.update(previous, lead, event);
  }

  /**
   * The lead a source delivered before under the same external id, when
   * that is why the create failed: a portal sending an inquiry again (with
   * a new delivery id) is answered with the lead it made, like a replay.
   */
  private async deliveredBefore(lead: Lead, error: unknown): Promise<Lead | undefined> {
    const reference = sourceReferenceOf(lead.attribution);
    const claimed =
      error instanceof ConflictError && error.fields.some((f) => f.name === 'attribution.externalId');
    if (!reference || !claimed) return undefined;
    return this.deps.leads.bySourceReference(lead.tenantId, reference);
  }

  /** Leads and contacts with the same e-mail or phone: flagged on the lead, never merged silently. */
  private async duplicatesOf(tenantId: string, fields: LeadFields): Promise<PossibleDuplicate[]> {
    const found = new Map<string, PossibleDuplicate>();
    const add = (d: PossibleDuplicate) => {
      const key = `${d.type}#${d.id}`;
      if (!found.has(key)) found.set(key, d);
    };
    for (const match of await this.deps.leads.matches(tenantId, {
      email: fields.email,
      phone: fields.phone,
    })) {
      add({ type: 'lead', id: match.leadId, matchedOn: match.matchedOn });
    }
    for (const by of ['email', 'phone'] as const) {
      const value = fields[by];
      if (!value) continue;
      const { contacts } = await this.deps.identification.identify(tenantId, by, value);
      for (const { contact } of contacts) add({ type: 'contact', id: contact.id, matchedOn: by });
    }
    return [...found.values()];
  }
}

export const subjectOf = (lead: Lead) => ({ type: 'lead' as const, id: lead.id });

/** E-mail lower-cased and checked, phone in E.164 read in the tenant's country, org number by its country's rule. */
function normalised(input: LeadInput, tenant: TenantProfile): LeadFields {
  const collect = new FieldCollector();
  const trim = (value: string | undefined) => (value?.trim() ? value.trim() : undefined);
  const email = collect.email(trim(input.email));
  const [phone] = input.phone?.trim() ? collect.phones([input.phone], tenant.country, 'phone') : [];
  const country = input.address?.country ?? tenant.country;
  const orgNumber = trim(input.orgNumber) && collect.orgNumber(trim(input.orgNumber), country);
  if (collect.invalid.length > 0)
    throw new ValidationError(
      collect.invalid.map((f) => (f.name.startsWith('phone.') ? { ...f, name: 'phone' } : f)),
    );
  const optional = {
    firstName: trim(input.firstName),
    lastName: trim(input.lastName),
    companyName: trim(input.companyName),
    orgNumber: orgNumber || undefined,
    email,
    phone,
    commodity: input.commodity,
    annualConsumptionKwh: input.annualConsumptionKwh,
    territoryCode: trim(input.territoryCode),
    address: input.address,
    message: trim(input.message),
  };
  return {
    ...(Object.fromEntries(
      Object.entries(optional).filter(([, v]) => v !== undefined),
    ) as Partial<LeadFields>),
    segment: input.segment,
    attribution: Object.fromEntries(
      Object.entries(input.attribution).filter(([, v]) => typeof v === 'string' && v.trim() !== ''),
    ) as unknown as LeadFields['attribution'],
  };
}
