import type { Account, AccountDraft } from '#domain/accounts/account';
import type { AccountService } from '#domain/accounts/account-service';
import type { Contact, ContactDraft } from '#domain/accounts/contact';
import type { ContactService } from '#domain/accounts/contact-service';
import type { SupplyPoint, SupplyPointDraft } from '#domain/energy/supply-point';
import type { SupplyPointService } from '#domain/energy/supply-point-service';
import { NotFoundError, ValidationError } from '#domain/errors';
import type { DomainEvent } from '#domain/events';
import type { Nullable } from '#domain/patch';
import type { IdempotencyToken } from '#domain/ports';
import type { Deal, DealDraft } from '#domain/sales/deals/deal';
import type { DealService, PreparedDeal } from '#domain/sales/deals/deal-service';
import type { SalesActor } from '#domain/sales/sales-ports';
import { changeContext, type ServiceDeps } from '#domain/service-context';
import { clientChange } from '#domain/system-writes';
import { assertConvertible, convertLead, type Lead, leadName } from './lead';
import { newLeadEvent } from './lead-events';
import type { LeadService } from './lead-service';
import { subjectOf } from './lead-service';

/** What the conversion makes; account and contact default to what the lead says. */
export interface ConversionRequest {
  /** Convert into this existing account instead of creating one. */
  readonly accountId?: string;
  readonly account?: Partial<Nullable<AccountDraft>>;
  readonly contact?: Partial<Nullable<ContactDraft>>;
  readonly deal: Omit<DealDraft, 'accountId' | 'contactId' | 'supplyPointIds' | 'title'> & {
    readonly title?: string;
  };
  readonly supplyPoint?: Omit<Nullable<SupplyPointDraft>, 'accountId'>;
}

export interface Conversion {
  readonly lead: Lead;
  readonly account: Account;
  readonly contact: Contact;
  readonly deal: Deal;
  readonly supplyPoint?: SupplyPoint;
}

/** One prepared write with its event. */
export interface Prepared<T> {
  readonly value: T;
  readonly event: DomainEvent;
}

/** Writes a conversion in one transaction; replays the stored conversion for a retried key. */
export interface ConversionStore {
  commit(
    parts: {
      readonly account?: Prepared<Account>;
      readonly contact: Prepared<Contact>;
      readonly supplyPoint?: Prepared<SupplyPoint>;
      readonly deal: PreparedDeal;
      readonly lead: { readonly previous: Lead; readonly next: Lead; readonly event: DomainEvent };
    },
    response: Conversion,
    idempotency?: IdempotencyToken,
  ): Promise<{ replayed?: Conversion }>;
  /** The conversion an earlier request with this key made, if any (422 when that request differed). */
  replayOf(tenantId: string, idempotency: IdempotencyToken): Promise<Conversion | undefined>;
}

export interface ConversionDeps extends ServiceDeps {
  readonly leads: Pick<LeadService, 'get'>;
  readonly accounts: Pick<AccountService, 'prepareCreate' | 'get'>;
  readonly contacts: Pick<ContactService, 'prepareCreate'>;
  readonly supplyPoints: Pick<SupplyPointService, 'prepareCreate'>;
  readonly deals: Pick<DealService, 'prepareCreate'>;
  readonly store: ConversionStore;
}

/**
 * Lead conversion (R-SA-3, R-SA-7): one call turns a sales-qualified lead
 * into an account (or uses an existing one), a contact, a deal and, when
 * given, a supply point, in one transaction with the lead's own change. The
 * lead stays, linked to what it became; converting it twice is a 409.
 * Each part is checked by its own module's rules before anything is written,
 * and a failure in any part names the field under its part (`account.name`).
 */
export class ConversionService {
  constructor(private readonly deps: ConversionDeps) {}

  async convert(
    actor: SalesActor,
    leadId: string,
    expectedVersion: number,
    request: ConversionRequest,
    idempotency?: IdempotencyToken,
  ): Promise<{ value: Conversion; replayed: boolean }> {
    // A retry after success finds the lead converted: the idempotency record answers it.
    if (idempotency && (await this.deps.leads.get(actor, leadId)).stage === 'converted') {
      const earlier = await this.deps.store.replayOf(actor.tenantId, idempotency);
      if (earlier) return { value: earlier, replayed: true };
    }
    return clientChange(
      { resource: 'lead', expectedVersion, read: () => this.deps.leads.get(actor, leadId) },
      (lead) => this.commitConversion(actor, lead, request, idempotency),
    );
  }

  /** The conversion of the lead as read, written in one transaction. */
  private async commitConversion(
    actor: SalesActor,
    lead: Lead,
    request: ConversionRequest,
    idempotency: IdempotencyToken | undefined,
  ): Promise<{ value: Conversion; replayed: boolean }> {
    const ctx = await changeContext(this.deps, actor);
    // Checked first, so that a lead in the wrong stage is a 409 before any field is looked at.
    assertConvertible(lead);

    if (request.accountId && request.account) {
      throw new ValidationError([
        { name: 'account', reason: 'give a new account or an accountId, not both' },
      ]);
    }
    const existing = request.accountId ? await this.existingAccount(actor, request.accountId) : undefined;
    const account =
      existing === undefined
        ? await part('account', () =>
            this.deps.accounts.prepareCreate(actor, { ...accountDefaults(lead), ...request.account }, ctx),
          )
        : undefined;
    const accountValue = existing ?? (account?.account as Account);
    const contact = await part('contact', () =>
      this.deps.contacts.prepareCreate(
        actor,
        { ...contactDefaults(lead), ...request.contact, accountId: accountValue.id },
        ctx,
      ),
    );
    const supplyPoint = request.supplyPoint
      ? await part('supplyPoint', () =>
          this.deps.supplyPoints.prepareCreate(
            actor,
            { ...(request.supplyPoint as Nullable<SupplyPointDraft>), accountId: accountValue.id },
            accountValue,
            ctx,
          ),
        )
      : undefined;
    const deal = await part('deal', () =>
      this.deps.deals.prepareCreate(
        actor,
        {
          ...request.deal,
          title: request.deal.title ?? leadName(lead),
          accountId: accountValue.id,
          contactId: contact.contact.id,
          ...(supplyPoint ? { supplyPointIds: [supplyPoint.supplyPoint.id] } : {}),
          ...(lead.commodity && !request.deal.commodity ? { commodity: lead.commodity } : {}),
        },
        { knownAccount: true, leadId: lead.id, ctx },
      ),
    );

    const converted = convertLead(
      lead,
      {
        accountId: accountValue.id,
        contactId: contact.contact.id,
        dealId: deal.deal.id,
        ...(supplyPoint ? { supplyPointId: supplyPoint.supplyPoint.id } : {}),
      },
      ctx,
    );
    const leadEvent = newLeadEvent(this.deps, ctx, 'LeadConverted', {
      subject: subjectOf(converted),
      data: { lead: converted, previous: lead },
      changes: [{ field: 'stage', from: lead.stage, to: converted.stage }],
    });
    const result: Conversion = {
      lead: converted,
      account: accountValue,
      contact: contact.contact,
      deal: deal.deal,
      ...(supplyPoint ? { supplyPoint: supplyPoint.supplyPoint } : {}),
    };
    const { replayed } = await this.deps.store.commit(
      {
        ...(account ? { account: { value: account.account, event: account.event } } : {}),
        contact: { value: contact.contact, event: contact.event },
        ...(supplyPoint ? { supplyPoint: { value: supplyPoint.supplyPoint, event: supplyPoint.event } } : {}),
        deal,
        lead: { previous: lead, next: converted, event: leadEvent },
      },
      result,
      idempotency,
    );
    return replayed ? { value: replayed, replayed: true } : { value: result, replayed: false };
  }

  /** An existing account named in the body: unknown is a field at fault, not a 404 of the path. */
  private async existingAccount(actor: SalesActor, accountId: string): Promise<Account> {
    try {
      return await this.deps.accounts.get(actor, accountId);
    } catch (error) {
      if (error instanceof NotFoundError)
        throw new ValidationError([{ name: 'accountId', reason: 'no such account' }], { cause: error });
      throw error;
    }
  }
}

/** Runs one part's preparation; its invalid fields are named under the part (`contact.email`). */
async function part<T>(name: string, prepare: () => Promise<T>): Promise<T> {
  try {
    return await prepare();
  } catch (error) {
    if (error instanceof ValidationError) {
      throw new ValidationError(
        error.fields.map((f) => ({ ...f, name: `${name}.${f.name}` })),
        { cause: error },
      );
    }
    throw error;
  }
}

function accountDefaults(lead: Lead): Nullable<AccountDraft> {
  return {
    name: lead.companyName ?? leadName(lead),
    customerType: lead.segment,
    ...(lead.orgNumber ? { orgNumber: lead.orgNumber } : {}),
    ...(lead.email ? { email: lead.email } : {}),
    phones: lead.phone ? [lead.phone] : [],
    ...(lead.address?.country ? { country: lead.address.country } : {}),
  };
}

function contactDefaults(lead: Lead): Nullable<ContactDraft> {
  return {
    firstName: lead.firstName ?? '',
    lastName: lead.lastName ?? lead.companyName ?? '',
    ...(lead.email ? { email: lead.email } : {}),
    phones: lead.phone ? [lead.phone] : [],
  };
}
