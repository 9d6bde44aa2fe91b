import type { Account } from '#domain/accounts/account';
import type { Contact } from '#domain/accounts/contact';
import { contactSettingRefs, type SettingUsageDelta } from '#domain/accounts/references';
import type { ContactFilter, ContactStore } from '#domain/accounts/stores';
import type { DomainEvent } from '#domain/events';
import { consentChange } from '#domain/newsletters/consent-change';
import type { Page, PageRequest } from '#domain/ports';
import { batchGetItems } from '#table/core/batch';
import { stripLayout } from '#table/core/item-mapping';
import { queryPage } from '#table/core/query-page';
import type { Table } from '#table/core/table';
import { putNew } from '#table/core/transact';
import { consentChangeItem } from '#table/newsletters/consent-items';
import type { AccountsStoreOptions } from './accounts-commit';
import { categoryMemberPage } from './category-members';
import { accountEntity, contactEntity } from './entities';
import { lookupSetOf } from './lookups';
import { AccountsRecordStore, type RecordLayout } from './record-store';

/** A contact as stored; one stored before contacts had categories has none. */
export function contactFromItem(item: Record<string, unknown>): Contact {
  return withCategories(stripLayout<Contact>(item));
}

const withCategories = (contact: Contact): Contact =>
  contact.categoryIds ? contact : { ...contact, categoryIds: [] };

/** A contact's item as the store writes it, with its account and name index keys. */
export function contactItem(c: Contact) {
  const deleted = c.deletedAt !== undefined;
  const at = { tenantId: c.tenantId, contactId: c.id };
  return contactEntity.item(c, {
    key: at,
    gsi1: c.accountId && !deleted ? { ...at, accountId: c.accountId } : undefined,
    gsi2: { ...at, deleted, name: `${c.lastName} ${c.firstName}` },
  });
}

const contactLayout: RecordLayout<Contact> = {
  resource: 'contact',
  key: (tenantId, contactId) => contactEntity.key({ tenantId, contactId }),
  toItem: contactItem,
  fromItem: contactFromItem,
  unique: {
    field: 'externalCustomerId',
    kind: 'customerId',
    takenCode: 'customer-id-taken',
    takenMessage: 'another contact of this tenant has this customer id',
    claim: (c) => c.externalCustomerId,
  },
  lookups: (c) =>
    lookupSetOf(
      { tenantId: c.tenantId, subject: 'CONTACT', id: c.id, accountId: c.accountId },
      { phones: c.phones, email: c.email, customerId: c.externalCustomerId },
    ),
  // With its account, so a listing can hide the contacts of a deleted account.
  membership: (c) => ({
    tenantId: c.tenantId,
    kind: 'CONTACT',
    id: c.id,
    ...(c.accountId ? { accountId: c.accountId } : {}),
    categoryIds: c.categoryIds ?? [],
  }),
  settingRefs: contactSettingRefs,
};

export class DynamoContactStore extends AccountsRecordStore<Contact> implements ContactStore {
  constructor(table: Table, options: AccountsStoreOptions = {}) {
    super(table, options, contactLayout);
  }

  /**
   * A user's (or an import's) change of newsletter consent writes its history
   * entry in the contact's transaction (R-NL-3). The system's withdrawals
   * (unsubscribes, bounces, complaints) write their own, with the reason.
   */
  override changeOf(
    previous: Contact | undefined,
    next: Contact,
    event: DomainEvent,
    usage?: readonly SettingUsageDelta[],
  ) {
    const base = super.changeOf(previous, next, event, usage);
    if (event.actor.userId.startsWith('system:')) return base;
    const change = consentChange(
      next.id,
      previous?.newsletterConsent ?? false,
      next.newsletterConsent,
      { source: 'user', userId: event.actor.userId },
      new Date(event.occurredAt),
    );
    if (!change) return base;
    return {
      ...base,
      extra: [...base.extra, putNew(this.table, consentChangeItem(next.tenantId, change, event.id))],
    };
  }

  async list(tenantId: string, filter: ContactFilter, page: PageRequest): Promise<Page<Contact>> {
    const found = await queryPage<Contact>(
      this.table,
      filter.accountId
        ? contactEntity.patterns.ofAccount.query({ tenantId, accountId: filter.accountId })
        : contactEntity.patterns.byName.query({ tenantId, name: filter.namePrefix }),
      page,
    );
    return { ...found, items: found.items.map(withCategories) };
  }

  /**
   * A Query of the category's members, then one BatchGetItem of the contacts
   * on the page and their accounts: the contacts of a deleted account are
   * hidden, as in identification (ADR 0005).
   */
  async byCategory(tenantId: string, categoryId: string, page: PageRequest): Promise<Page<Contact>> {
    const members = await categoryMemberPage(this.table, tenantId, categoryId, 'CONTACT', page);
    const found = await batchGetItems(this.table, [
      ...members.items.map((m) => contactEntity.key({ tenantId, contactId: m.id })),
      ...members.items.flatMap((m) =>
        m.accountId ? [accountEntity.key({ tenantId, accountId: m.accountId })] : [],
      ),
    ]);
    const contacts = new Map<string, Contact>();
    const deletedAccounts = new Set<string>();
    for (const item of found) {
      if (item.entity === contactEntity.stored) contacts.set(item.id as string, contactFromItem(item));
      if (item.entity === accountEntity.stored && (item as Partial<Account>).deletedAt !== undefined)
        deletedAccounts.add(item.id as string);
    }
    return {
      items: members.items
        .map((m) => contacts.get(m.id))
        .filter(
          (c): c is Contact =>
            c !== undefined &&
            c.deletedAt === undefined &&
            !(c.accountId !== undefined && deletedAccounts.has(c.accountId)),
        ),
      nextCursor: members.nextCursor,
    };
  }
}
