import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import type { Account } from '#domain/accounts/account';
import type { Contact } from '#domain/accounts/contact';
import type { Identification, IdentificationStore, IdentifyBy } from '#domain/accounts/records';
import { stripLayout } from '#table/core/item-mapping';
import { queryFirstPage } from '#table/core/query-all';
import type { Table } from '#table/core/table';
import { accountFromItem } from './account-store';
import { accountEntity, contactEntity, lookupEntity } from './entities';

/** More matches than this for one phone or e-mail is a shared switchboard, not an identification. */
const maxMatches = 25;

/**
 * Two requests, never a Scan: a Query of the value's lookup partition, then
 * one BatchGetItem of every matched contact and account.
 */
export class DynamoIdentificationStore implements IdentificationStore {
  constructor(private readonly table: Table) {}

  async identify(tenantId: string, by: IdentifyBy, value: string): Promise<Identification> {
    const lookups = await queryFirstPage(
      this.table,
      lookupEntity.patterns.ownersOfValue.query({ tenantId, kind: by, value }),
      { Limit: maxMatches },
    );
    if (lookups.length === 0) return { contacts: [], accounts: [] };

    const wanted = new Map<string, { pk: string; sk: string }>();
    for (const lookup of lookups) {
      if (lookup.subject === 'CONTACT') {
        const key = contactEntity.key({ tenantId, contactId: lookup.id as string });
        wanted.set(key.pk, key);
      }
      if (lookup.accountId) {
        const key = accountEntity.key({ tenantId, accountId: lookup.accountId as string });
        wanted.set(key.pk, key);
      }
    }
    const { Responses, UnprocessedKeys } = await this.table.client.send(
      new BatchGetCommand({ RequestItems: { [this.table.name]: { Keys: [...wanted.values()] } } }),
    );
    if (UnprocessedKeys && Object.keys(UnprocessedKeys).length > 0) {
      // Throttled: better to fail loudly than to identify the wrong customer.
      throw new Error('identification read was throttled');
    }
    const found = Responses?.[this.table.name] ?? [];
    const accounts = new Map<string, Account>();
    const contacts: Contact[] = [];
    for (const item of found) {
      if (item.entity === accountEntity.stored) accounts.set(item.id as string, accountFromItem(item));
      if (item.entity === contactEntity.stored) contacts.push(stripLayout<Contact>(item));
    }
    const live = (a: Account | undefined) => (a && a.deletedAt === undefined ? a : undefined);
    return {
      contacts: contacts
        .filter((c) => c.deletedAt === undefined && (!c.accountId || live(accounts.get(c.accountId))))
        .map((contact) => ({
          contact,
          account: contact.accountId ? accounts.get(contact.accountId) : undefined,
        })),
      accounts: lookups
        .filter((l) => l.subject === 'ACCOUNT')
        .map((l) => live(accounts.get(l.id as string)))
        .filter((a): a is Account => a !== undefined),
    };
  }
}
