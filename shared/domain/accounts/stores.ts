import type { DomainEvent } from '#domain/events';
import type { Created, IdempotencyToken, Page, PageRequest } from '#domain/ports';
import type { Account } from './account';
import type { AccountCollection } from './account-view';
import type { Contact } from './contact';

export interface AccountFilter {
  /** Prefix of the name, folded for case and diacritics. */
  readonly namePrefix?: string;
  readonly customerType?: Account['customerType'];
  readonly ownerId?: string;
  readonly statusTypeId?: string;
}

export interface ContactFilter {
  readonly namePrefix?: string;
  /** Contacts of one account; the name prefix does not combine with it. */
  readonly accountId?: string;
}

/** Persistence of accounts. Every write stores its domain event atomically with it. */
export interface AccountStore {
  get(tenantId: string, accountId: string): Promise<Account | undefined>;
  create(account: Account, event: DomainEvent, idempotency?: IdempotencyToken): Promise<Created<Account>>;
  /** Fails with VersionMismatchError when the stored version is not `previous.version`. */
  update(previous: Account, next: Account, event: DomainEvent): Promise<void>;
  list(tenantId: string, filter: AccountFilter, page: PageRequest): Promise<Page<Account>>;
  /**
   * The account's collection in one read (R-AC-6): the account, its live
   * contacts and supply points, its deals (open and closed) and its contracts.
   */
  collection(tenantId: string, accountId: string): Promise<AccountCollection>;
  /** Soft-deleted accounts by name (R-AC-9). */
  listDeleted(tenantId: string, page: PageRequest): Promise<Page<Account>>;
  /** Live accounts in a category (R-ST-1), in the order they were created. */
  byCategory(tenantId: string, categoryId: string, page: PageRequest): Promise<Page<Account>>;
}

export interface ContactStore {
  get(tenantId: string, contactId: string): Promise<Contact | undefined>;
  create(contact: Contact, event: DomainEvent, idempotency?: IdempotencyToken): Promise<Created<Contact>>;
  update(previous: Contact, next: Contact, event: DomainEvent): Promise<void>;
  list(tenantId: string, filter: ContactFilter, page: PageRequest): Promise<Page<Contact>>;
  /** Live contacts in a category, without those whose account is deleted, in the order they were created. */
  byCategory(tenantId: string, categoryId: string, page: PageRequest): Promise<Page<Contact>>;
}
