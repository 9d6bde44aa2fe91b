import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Account } from '#domain/accounts/account';
import type { Contact } from '#domain/accounts/contact';
import { contactSettingRefs, settingUsageDeltas } from '#domain/accounts/references';
import type { ContactFilter, ContactStore } from '#domain/accounts/stores';
import type { DomainEvent } from '#domain/events';
import type { IdempotencyToken, Page, PageRequest } from '#domain/ports';
import type { Change } from '#table/core/commit-change';
import { guardChange } from '#table/core/guards';
import { stripLayout } from '#table/core/item-mapping';
import { foldForSort, keys } from '#table/core/keys';
import { queryPage } from '#table/core/query-page';
import type { Table } from '#table/core/table';
import type { TransactItem } from '#table/core/transact';
import { type AccountsStoreOptions, commitWithExtras } from './accounts-commit';
import {
  batchGetItems,
  type CategoryMembership,
  categoryMemberPage,
  membershipChanges,
} from './category-members';
import { type LookupEntry, lookupChanges } from './lookups';

function toItem(c: Contact): Record<string, unknown> {
  const deleted = c.deletedAt !== undefined;
  return {
    ...keys.contact(c.tenantId, c.id),
    entity: 'Contact',
    ...(c.accountId && !deleted
      ? {
          gsi1pk: keys.accountCollection(c.tenantId, c.accountId),
          gsi1sk: `${keys.collectionSk.contactPrefix}${c.id}`,
        }
      : {}),
    gsi2pk: keys.contactList(c.tenantId, deleted),
    gsi2sk: `${foldForSort(`${c.lastName} ${c.firstName}`)}#${c.id}`,
    ...c,
  };
}

const customerIdClaim = (c: Contact | undefined) =>
  c?.deletedAt === undefined ? c?.externalCustomerId : undefined;

function lookupsOf(c: Contact | undefined) {
  if (!c || c.deletedAt !== undefined) return undefined;
  const entries: LookupEntry[] = c.phones.map((value) => ({ kind: 'phone', value }));
  if (c.email) entries.push({ kind: 'email', value: c.email });
  if (c.externalCustomerId) entries.push({ kind: 'customerId', value: c.externalCustomerId });
  return {
    owner: { tenantId: c.tenantId, subject: 'CONTACT' as const, id: c.id, accountId: c.accountId },
    entries,
  };
}

/** A contact as stored; one stored before contacts had categories has none. */
export function contactFromItem(item: Record<string, unknown>): Contact {
  return withCategories(stripLayout<Contact>(item));
}

const withCategories = (contact: Contact): Contact =>
  contact.categoryIds ? contact : { ...contact, categoryIds: [] };

/** A live contact is a member of its categories, with its account so a listing can hide a deleted one's. */
function membershipOf(c: Contact | undefined): CategoryMembership | undefined {
  if (!c || c.deletedAt !== undefined) return undefined;
  return {
    tenantId: c.tenantId,
    kind: 'CONTACT',
    id: c.id,
    ...(c.accountId ? { accountId: c.accountId } : {}),
    categoryIds: c.categoryIds ?? [],
  };
}

export class DynamoContactStore implements ContactStore {
  constructor(
    private readonly table: Table,
    private readonly options: AccountsStoreOptions = {},
  ) {}

  async get(tenantId: string, contactId: string): Promise<Contact | undefined> {
    const { Item } = await this.table.client.send(
      new GetCommand({
        TableName: this.table.name,
        Key: keys.contact(tenantId, contactId),
        // Read before conditional writes: a stale copy would give a false 412 or 404.
        ConsistentRead: true,
      }),
    );
    return Item ? contactFromItem(Item) : undefined;
  }

  async create(contact: Contact, event: DomainEvent, idempotency?: IdempotencyToken) {
    const { replayed } = await this.write(undefined, contact, event, idempotency);
    return replayed ? { value: replayed as Contact, replayed: true } : { value: contact, replayed: false };
  }

  async update(previous: Contact, next: Contact, event: DomainEvent): Promise<void> {
    await this.write(previous, next, event);
  }

  private write(
    previous: Contact | undefined,
    next: Contact,
    event: DomainEvent,
    idempotency?: IdempotencyToken,
  ) {
    return commitWithExtras(
      this.table,
      { ...this.changeOf(previous, next, event), idempotency },
      'categoryIds',
    );
  }

  /** The writes of one change, to commit alone or with others in one transaction (a lead conversion). */
  changeOf(
    previous: Contact | undefined,
    next: Contact,
    event: DomainEvent,
  ): Change & { extra: TransactItem[] } {
    const taken = 'another contact of this tenant has this customer id';
    const usage = settingUsageDeltas(contactSettingRefs(previous), contactSettingRefs(next));
    const extra = [
      ...membershipChanges(this.table, membershipOf(previous), membershipOf(next)),
      ...(this.options.settingUsage && usage.length > 0
        ? this.options.settingUsage(next.tenantId, 'contact', usage)
        : []),
    ];
    return {
      resource: 'contact',
      id: next.id,
      item: toItem(next),
      expectedVersion: previous?.version,
      guards: [
        {
          field: 'externalCustomerId',
          change: guardChange(
            this.table,
            next.tenantId,
            'customerId',
            next.id,
            customerIdClaim(previous),
            customerIdClaim(next),
          ),
          takenCode: 'customer-id-taken',
          takenMessage: taken,
        },
      ],
      lookups: lookupChanges(this.table, lookupsOf(previous), lookupsOf(next)),
      extra,
      event,
      response: next,
    };
  }

  async list(tenantId: string, filter: ContactFilter, page: PageRequest): Promise<Page<Contact>> {
    const found = await this.query(tenantId, filter, page);
    return { ...found, items: found.items.map(withCategories) };
  }

  private query(tenantId: string, filter: ContactFilter, page: PageRequest): Promise<Page<Contact>> {
    if (filter.accountId) {
      return queryPage<Contact>(
        this.table,
        {
          index: 'gsi1',
          partition: keys.accountCollection(tenantId, filter.accountId),
          sortKeyPrefix: keys.collectionSk.contactPrefix,
        },
        page,
      );
    }
    return queryPage<Contact>(
      this.table,
      {
        index: 'gsi2',
        partition: keys.contactList(tenantId),
        sortKeyPrefix: filter.namePrefix ? foldForSort(filter.namePrefix) : undefined,
      },
      page,
    );
  }

  /**
   * A Query of the category's members, then one BatchGetItem of the contacts
   * on the page and their accounts: the contacts of a deleted account are
   * hidden, as in identification (ADR 0005).
   */
  async byCategory(tenantId: string, categoryId: string, page: PageRequest): Promise<Page<Contact>> {
    const members = await categoryMemberPage(this.table, tenantId, categoryId, 'CONTACT', page);
    const found = await batchGetItems(this.table, [
      ...members.items.map((m) => keys.contact(tenantId, m.id)),
      ...members.items.flatMap((m) => (m.accountId ? [keys.account(tenantId, m.accountId)] : [])),
    ]);
    const contacts = new Map<string, Contact>();
    const deletedAccounts = new Set<string>();
    for (const item of found) {
      if (item.entity === 'Contact') contacts.set(item.id as string, contactFromItem(item));
      if (item.entity === 'Account' && (item as Partial<Account>).deletedAt !== undefined)
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
