import type { Table } from '#table/core/table';
import { deleteItem, type TransactItem } from '#table/core/transact';
import { type LookupItem, type LookupKind, lookupEntity } from './entities';

export interface LookupEntry {
  readonly kind: LookupKind;
  readonly value: string;
}

export interface LookupOwner {
  readonly tenantId: string;
  readonly subject: LookupItem['subject'];
  readonly id: string;
  /** The contact's account, so identification can fetch both in one batch. */
  readonly accountId?: string;
}

/** An owner and the values it is identified by. */
export interface LookupSet {
  readonly owner: LookupOwner;
  readonly entries: readonly LookupEntry[];
}

/** The identification values of a live account or contact: its phones, e-mail and customer id. */
export function lookupSetOf(
  owner: LookupOwner,
  values: { readonly phones: readonly string[]; readonly email?: string; readonly customerId?: string },
): LookupSet {
  const entries: LookupEntry[] = values.phones.map((value) => ({ kind: 'phone', value }));
  if (values.email) entries.push({ kind: 'email', value: values.email });
  if (values.customerId) entries.push({ kind: 'customerId', value: values.customerId });
  return { owner, entries };
}

const lookupKey = (owner: LookupOwner, entry: LookupEntry) => ({
  tenantId: owner.tenantId,
  kind: entry.kind,
  value: entry.value,
  subject: owner.subject,
  id: owner.id,
});

/**
 * The writes that move an owner's identification items from `before` to
 * `after`: removed values are deleted, current ones (re)written so they carry
 * the current account link.
 */
export function lookupChanges(
  table: Table,
  before: LookupSet | undefined,
  after: LookupSet | undefined,
): TransactItem[] {
  const id = (e: LookupEntry) => `${e.kind}#${e.value}`;
  const kept = new Set(after?.entries.map(id));
  const items: TransactItem[] = [];
  for (const entry of before?.entries ?? []) {
    if (!kept.has(id(entry)) && before) {
      items.push(deleteItem(table, lookupEntity.key(lookupKey(before.owner, entry))));
    }
  }
  const unchanged =
    before &&
    after &&
    before.owner.accountId === after.owner.accountId &&
    before.entries.length === after.entries.length &&
    before.entries.every((e) => kept.has(id(e)));
  if (after && !unchanged) {
    const { subject, id: ownerId, accountId } = after.owner;
    for (const entry of after.entries) {
      items.push({
        Put: {
          TableName: table.name,
          Item: lookupEntity.item(
            { subject, id: ownerId, accountId },
            { key: lookupKey(after.owner, entry) },
          ),
        },
      });
    }
  }
  return items;
}
