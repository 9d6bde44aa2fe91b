import type { OpenCaseSummary } from '#domain/accounts/records';
import type { DomainEvent } from '#domain/events';
import type { Created, IdempotencyToken, Page, PageRequest } from '#domain/ports';
import type { Case, CaseMessage, CaseStatus } from './case';
import type { TeamLoad } from './case-assignment';
import { nextDueAt } from './case-sla';
import type { Entitlement } from './entitlement';
import type { ServiceSettings } from './service-settings';

/** A case as the queues list it: enough for a row, without a second read. */
export interface CaseSummary {
  readonly id: string;
  readonly number: number;
  readonly subject: string;
  readonly status: CaseStatus;
  readonly priority: Case['priority'];
  readonly channel: Case['channel'];
  readonly type?: string;
  readonly teamId?: string;
  readonly ownerId?: string;
  readonly accountId?: string;
  readonly contactId?: string;
  /** The earliest due time of a running target. */
  readonly dueAt?: string;
  readonly updatedAt: string;
}

export const caseSummary = (c: Case, dueAt: string | undefined): CaseSummary => ({
  id: c.id,
  number: c.number,
  subject: c.subject,
  status: c.status,
  priority: c.priority,
  channel: c.channel,
  ...(c.type ? { type: c.type } : {}),
  ...(c.teamId ? { teamId: c.teamId } : {}),
  ...(c.ownerId ? { ownerId: c.ownerId } : {}),
  ...(c.accountId ? { accountId: c.accountId } : {}),
  ...(c.contactId ? { contactId: c.contactId } : {}),
  ...(dueAt ? { dueAt } : {}),
  updatedAt: c.updatedAt,
});

/** A case as the account view and caller identification show it. */
export const openCaseOf = (c: Case): OpenCaseSummary => {
  const { id, number, subject, status, priority, dueAt, ownerId, teamId } = caseSummary(c, nextDueAt(c.sla));
  return {
    id,
    number,
    subject,
    status,
    priority,
    ...(dueAt ? { dueAt } : {}),
    ...(ownerId ? { ownerId } : {}),
    ...(teamId ? { teamId } : {}),
  };
};

/** The open-case queues: one owner's, one team's unassigned cases, or every open case by due time. */
export type CaseQueue =
  | { readonly kind: 'owner'; readonly userId: string }
  | { readonly kind: 'team'; readonly teamId: string }
  | { readonly kind: 'due'; readonly before: string };

/** Moves of a team's open-case counters that go with a write. */
export interface LoadMoves {
  /** The owner took a case in the team: refused if it would pass `capacity`. */
  readonly assign?: { readonly teamId: string; readonly userId: string; readonly capacity: number };
  readonly release?: { readonly teamId: string; readonly userId: string };
}

/** One write of a case: the case after it, its event, and what goes with it in the same transaction. */
export interface CaseWrite {
  readonly case: Case;
  readonly event: DomainEvent;
  readonly message?: CaseMessage;
  readonly load?: LoadMoves;
  /** The social conversation now followed by this case. */
  readonly conversationKey?: string;
  /** Message-IDs of inbound mail, so that replies referring to them find the case. */
  readonly mailIds?: readonly string[];
}

export interface CaseFilter {
  readonly status?: CaseStatus;
  readonly teamId?: string;
  readonly accountId?: string;
}

export interface CaseStore {
  /** Consistent read. */
  get(tenantId: string, caseId: string): Promise<Case | undefined>;
  /**
   * Creates a case with the tenant's next case number: `build` is called
   * with it (again with the then next one when another create took it, or
   * when a team member's capacity filled meanwhile: `build` then picks again).
   */
  create(
    tenantId: string,
    build: (number: number) => Promise<CaseWrite>,
    idempotency?: IdempotencyToken,
  ): Promise<Created<Case>>;
  /** Conditional on the stored version of `previous`; the queues and markers follow the case. */
  change(previous: Case, write: CaseWrite): Promise<void>;
  /** The thread, oldest first. */
  messages(tenantId: string, caseId: string, page: PageRequest): Promise<Page<CaseMessage>>;
  /** The thread's latest messages, oldest of them first: one Query. */
  latestMessages(tenantId: string, caseId: string, limit: number): Promise<CaseMessage[]>;
  /** Every case, newest first. */
  list(tenantId: string, filter: CaseFilter, page: PageRequest): Promise<Page<Case>>;
  /** Open cases of a queue, soonest due first: one Query. */
  queue(tenantId: string, queue: CaseQueue, page: PageRequest): Promise<Page<CaseSummary>>;
  byNumber(tenantId: string, number: number): Promise<string | undefined>;
  byMailId(tenantId: string, messageId: string): Promise<string | undefined>;
  byConversation(tenantId: string, key: string): Promise<string | undefined>;
  teamLoad(tenantId: string, teamId: string): Promise<TeamLoad>;
  /** The ids of a contact's open cases, from its open-case marker: one GetItem. */
  openOfContact(tenantId: string, contactId: string): Promise<string[]>;
}

export interface EntitlementStore {
  ofAccount(tenantId: string, accountId: string): Promise<Entitlement[]>;
  get(tenantId: string, accountId: string, entitlementId: string): Promise<Entitlement | undefined>;
  add(entitlement: Entitlement, event: DomainEvent): Promise<void>;
  remove(previous: Entitlement, removed: Entitlement, event: DomainEvent): Promise<void>;
}

export interface StoredServiceSettings extends ServiceSettings {
  readonly tenantId: string;
  /** 0 for the defaults a tenant has before it stores any. */
  readonly version: number;
  readonly updatedAt?: string;
  readonly updatedBy?: string;
}

export interface ServiceSettingsStore {
  get(tenantId: string): Promise<StoredServiceSettings | undefined>;
  /** Replaces the settings at `expectedVersion` (0: none stored yet); the mailbox and form routes follow. */
  replace(
    next: StoredServiceSettings,
    previous: StoredServiceSettings | undefined,
    event: DomainEvent,
  ): Promise<void>;
}

/** The parties a case can be linked to, as routing and the SLA need them. */
export interface CaseParties {
  account(
    tenantId: string,
    accountId: string,
  ): Promise<{ readonly id: string; readonly categoryIds: readonly string[] } | undefined>;
  contact(
    tenantId: string,
    contactId: string,
  ): Promise<
    | {
        readonly id: string;
        readonly accountId?: string;
        readonly name: string;
        readonly email?: string;
        readonly phone?: string;
      }
    | undefined
  >;
  supplyPoint(
    tenantId: string,
    supplyPointId: string,
  ): Promise<
    { readonly id: string; readonly accountId?: string; readonly territoryCode: string } | undefined
  >;
  /** The live contacts with this e-mail address (inbound mail, web form). */
  contactsByEmail(
    tenantId: string,
    email: string,
  ): Promise<readonly { readonly id: string; readonly accountId?: string }[]>;
}

/** Teams are user groups: their members, and whether users are active and reachable. */
export interface TeamDirectory {
  members(tenantId: string, groupId: string): Promise<readonly string[]>;
  teamsOf(tenantId: string, userId: string): Promise<readonly string[]>;
  /** The active users among `userIds`, with their e-mail addresses. */
  active(
    tenantId: string,
    userIds: readonly string[],
  ): Promise<ReadonlyMap<string, { readonly email: string; readonly name: string }>>;
}
