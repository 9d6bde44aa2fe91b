import { type Account, defaultCommunicationPreference } from '#domain/accounts/account';
import type { Contact } from '#domain/accounts/contact';
import type { Audience, AudienceMember } from '#domain/newsletters/newsletter-ports';
import { accountFromItem } from '#table/accounts/account-store';
import { contactFromItem } from '#table/accounts/contact-store';
import { accountEntity, contactEntity } from '#table/accounts/entities';
import { batchGetItems } from '#table/core/batch';
import { queryAll } from '#table/core/query-all';
import type { Table } from '#table/core/table';

/**
 * Newsletters' view of the tenant's contacts: every live contact (one Query
 * of the name index, page after page), with its account's categories and
 * preference read in batches of 100; a contact of a deleted account is left
 * out, as everywhere else.
 */
export class DynamoAudience implements Audience {
  constructor(private readonly table: Table) {}

  async members(tenantId: string): Promise<AudienceMember[]> {
    const contacts = (await queryAll(this.table, contactEntity.patterns.byName.query({ tenantId }))).map(
      contactFromItem,
    );
    const accountIds = [...new Set(contacts.flatMap((c) => (c.accountId ? [c.accountId] : [])))];
    const accounts = new Map<string, Account>();
    const items = await batchGetItems(
      this.table,
      accountIds.map((accountId) => accountEntity.key({ tenantId, accountId })),
    );
    for (const item of items) {
      const account = accountFromItem(item);
      if (account.deletedAt === undefined) accounts.set(account.id, account);
    }
    return contacts.flatMap((contact): AudienceMember[] => {
      if (!contact.accountId) return [{ contact, accountCategoryIds: [] }];
      const account = accounts.get(contact.accountId);
      if (!account) return [];
      return [
        {
          contact,
          accountCategoryIds: account.categoryIds ?? [],
          accountPreference: account.communicationPreference ?? defaultCommunicationPreference,
        },
      ];
    });
  }

  /** The live contacts among these ids, read together (a page of a send). */
  async many(tenantId: string, ids: readonly string[]): Promise<Map<string, Contact>> {
    const items = await batchGetItems(
      this.table,
      [...new Set(ids)].map((contactId) => contactEntity.key({ tenantId, contactId })),
      { consistent: true },
    );
    const found = new Map<string, Contact>();
    for (const item of items) {
      const contact = contactFromItem(item);
      if (contact.deletedAt === undefined) found.set(contact.id, contact);
    }
    return found;
  }
}
