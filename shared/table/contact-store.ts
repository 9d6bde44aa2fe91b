import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Contact } from '../domain/accounts/contact';
import type { ContactFilter, ContactStore } from '../domain/accounts/stores';
import type { DomainEvent } from '../domain/events';
import type { IdempotencyToken, Page, PageRequest } from '../domain/ports';
import { commitChange } from './commit-change';
import { guardChange } from './guards';
import { stripLayout } from './item-mapping';
import { foldForSort, keys } from './keys';
import { type LookupEntry, lookupChanges } from './lookups';
import { queryPage } from './query-page';
import type { Table } from './table';

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

export class DynamoContactStore implements ContactStore {
  constructor(private readonly table: Table) {}

  async get(tenantId: string, contactId: string): Promise<Contact | undefined> {
    const { Item } = await this.table.client.send(
      new GetCommand({
        TableName: this.table.name,
        Key: keys.contact(tenantId, contactId),
        // Read before conditional writes: a stale copy would give a false 412 or 404.
        ConsistentRead: true,
      }),
    );
    return Item ? stripLayout<Contact>(Item) : undefined;
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
    const taken = 'another contact of this tenant has this customer id';
    return commitChange(this.table, {
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
          takenMessage: taken,
        },
      ],
      lookups: lookupChanges(this.table, lookupsOf(previous), lookupsOf(next)),
      event,
      idempotency,
      response: next,
    });
  }

  list(tenantId: string, filter: ContactFilter, page: PageRequest): Promise<Page<Contact>> {
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
}
