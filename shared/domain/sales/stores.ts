import type { DomainEvent } from '#domain/events';
import type { Created, IdempotencyToken, Page, PageRequest } from '#domain/ports';
import type { Deal } from '#domain/sales/deals/deal';
import type { Lead, LeadStage, SourceReference } from '#domain/sales/leads/lead';

/** Persistence of deals. Every write stores its domain event atomically with it. */
export interface DealStore {
  get(tenantId: string, dealId: string): Promise<Deal | undefined>;
  create(deal: Deal, event: DomainEvent, idempotency?: IdempotencyToken): Promise<Created<Deal>>;
  /** Fails with VersionMismatchError when the stored version is not `previous.version`. */
  update(previous: Deal, next: Deal, event: DomainEvent): Promise<void>;
  list(tenantId: string, page: PageRequest): Promise<Page<Deal>>;
  ofUser(tenantId: string, userId: string, page: PageRequest): Promise<Page<Deal>>;
}

/** The deals of an account that name a contact, open and closed: read only by a merge's follow-up. */
export interface DealsOfContact {
  inAccount(tenantId: string, accountId: string, contactId: string, page: PageRequest): Promise<Page<Deal>>;
}

/** A lead with the same e-mail or phone, as the duplicate lookup finds it. */
export interface LeadMatch {
  readonly leadId: string;
  readonly matchedOn: 'email' | 'phone';
}

/** Persistence of leads. Every write stores its domain event atomically with it. */
export interface LeadStore {
  get(tenantId: string, leadId: string): Promise<Lead | undefined>;
  /**
   * A lead a source delivered claims its source reference in the same
   * transaction; when another lead holds it, this fails with a
   * ConflictError naming `attribution.externalId` and writes nothing.
   */
  create(lead: Lead, event: DomainEvent, idempotency?: IdempotencyToken): Promise<Created<Lead>>;
  update(previous: Lead, next: Lead, event: DomainEvent): Promise<void>;
  /** The lead that claimed this source reference (a consistent read). */
  bySourceReference(tenantId: string, reference: SourceReference): Promise<Lead | undefined>;
  /** Leads with this e-mail or phone (one Query each). */
  matches(tenantId: string, by: { email?: string; phone?: string }): Promise<LeadMatch[]>;
  inStage(tenantId: string, stage: LeadStage, page: PageRequest): Promise<Page<Lead>>;
  ofOwner(tenantId: string, ownerId: string | undefined, page: PageRequest): Promise<Page<Lead>>;
}
