import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import type { Account } from '#domain/accounts/account';
import type { Contact } from '#domain/accounts/contact';
import type {
  Identification,
  IdentificationStore,
  IdentifyBy,
  OpenCaseSummary,
} from '#domain/accounts/records';
import { stripLayout } from '#table/core/item-mapping';
import { queryFirstPage } from '#table/core/query-all';
import type { Table } from '#table/core/table';
import { openCasesEntity } from '#table/service/entities';
import { accountFromItem } from './account-store';
import { accountEntity, contactEntity, lookupEntity } from './entities';

/** The open cases a marker item holds, soonest due first. */
function openCasesOf(item: Record<string, unknown> | undefined): OpenCaseSummary[] {
  if (!item) return [];
  return Object.entries(item)
    .filter(([name]) => name.startsWith('case_'))
    .map(([, summary]) => summary as OpenCaseSummary)
    .sort((a, b) => (a.dueAt ?? '~').localeCompare(b.dueAt ?? '~') || a.number - b.number);
}

/** More matches than this for one phone or e-mail is a shared switchboard, not an identification. */
const maxMatches = 25;

/**
 * Two requests, never a Scan: a Query of the value's lookup partition, then
 * one BatchGetItem of every matched contact and account, with the open-case
 * markers of each.
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
    const want = (key: { pk: string; sk: string }) => wanted.set(`${key.pk}\u0000${key.sk}`, key);
    for (const lookup of lookups) {
      if (lookup.subject === 'CONTACT') {
        const contactId = lookup.id as string;
        want(contactEntity.key({ tenantId, contactId }));
        want(openCasesEntity.key({ tenantId, holder: 'CONTACT', holderId: contactId }));
      }
      if (lookup.accountId) {
        const accountId = lookup.accountId as string;
        want(accountEntity.key({ tenantId, accountId }));
        want(openCasesEntity.key({ tenantId, holder: 'ACCOUNT', holderId: accountId }));
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
    const markers = new Map<string, Record<string, unknown>>();
    for (const item of found) {
      if (item.entity === accountEntity.stored) accounts.set(item.id as string, accountFromItem(item));
      if (item.entity === contactEntity.stored) contacts.push(stripLayout<Contact>(item));
      if (item.entity === openCasesEntity.stored) markers.set(item.pk as string, item);
    }
    const markerOf = (holder: 'CONTACT' | 'ACCOUNT', holderId: string) =>
      markers.get(openCasesEntity.key({ tenantId, holder, holderId }).pk);
    const live = (a: Account | undefined) => (a && a.deletedAt === undefined ? a : undefined);
    return {
      contacts: contacts
        .filter((c) => c.deletedAt === undefined && (!c.accountId || live(accounts.get(c.accountId))))
        .map((contact) => ({
          contact,
          account: contact.accountId ? accounts.get(contact.accountId) : undefined,
          openCases: openCasesOf(markerOf('CONTACT', contact.id)),
          accountOpenCases: contact.accountId ? openCasesOf(markerOf('ACCOUNT', contact.accountId)) : [],
        })),
      accounts: lookups
        .filter((l) => l.subject === 'ACCOUNT')
        .map((l) => live(accounts.get(l.id as string)))
        .filter((a): a is Account => a !== undefined),
    };
  }
}
