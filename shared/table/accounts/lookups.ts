import { keys, type LookupKind } from '#table/core/keys';
import type { Table } from '#table/core/table';
import { deleteItem, type TransactItem } from '#table/core/transact';

export interface LookupEntry {
  readonly kind: LookupKind;
  readonly value: string;
}

export interface LookupOwner {
  readonly tenantId: string;
  readonly subject: 'ACCOUNT' | 'CONTACT';
  readonly id: string;
  /** The contact's account, so identification can fetch both in one batch. */
  readonly accountId?: string;
}

const lookupKey = (owner: LookupOwner, entry: LookupEntry) => ({
  pk: keys.lookup(owner.tenantId, entry.kind, entry.value),
  sk: keys.lookupSk(owner.subject, owner.id),
});

/**
 * The writes that move an owner's identification items from `before` to
 * `after`: removed values are deleted, current ones (re)written so they carry
 * the current account link.
 */
export function lookupChanges(
  table: Table,
  before: { owner: LookupOwner; entries: readonly LookupEntry[] } | undefined,
  after: { owner: LookupOwner; entries: readonly LookupEntry[] } | undefined,
): TransactItem[] {
  const id = (e: LookupEntry) => `${e.kind}#${e.value}`;
  const kept = new Set(after?.entries.map(id));
  const items: TransactItem[] = [];
  for (const entry of before?.entries ?? []) {
    if (!kept.has(id(entry)) && before) items.push(deleteItem(table, lookupKey(before.owner, entry)));
  }
  const unchanged =
    before &&
    after &&
    before.owner.accountId === after.owner.accountId &&
    before.entries.length === after.entries.length &&
    before.entries.every((e) => kept.has(id(e)));
  if (after && !unchanged) {
    for (const entry of after.entries) {
      items.push({
        Put: {
          TableName: table.name,
          Item: {
            ...lookupKey(after.owner, entry),
            entity: 'Lookup',
            subject: after.owner.subject,
            id: after.owner.id,
            accountId: after.owner.accountId,
          },
        },
      });
    }
  }
  return items;
}
