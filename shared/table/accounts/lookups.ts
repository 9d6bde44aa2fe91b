import type { Change } from '#table/core/commit-change';
import type { Table } from '#table/core/table';
import { deleteItem, type TransactItem } from '#table/core/transact';
import {
  type LookupItem,
  type LookupKind,
  lookupEntity,
  lookupOwnersEntity,
  type OwnedLookupKind,
  ownedLookupKinds,
} from './entities';

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

const isOwned = (kind: LookupKind): kind is OwnedLookupKind =>
  (ownedLookupKinds as readonly LookupKind[]).includes(kind);

/**
 * Adds the owner to (or removes it from) the owners item of its phone or
 * e-mail. ADD and DELETE of a set element need no read and commute, so
 * owners of one value never overwrite each other.
 */
function ownersWrite(
  table: Table,
  owner: LookupOwner,
  entry: LookupEntry,
  action: 'ADD' | 'DELETE',
): TransactItem[] {
  if (!isOwned(entry.kind)) return [];
  return [
    {
      Update: {
        TableName: table.name,
        Key: lookupOwnersEntity.key({ tenantId: owner.tenantId, kind: entry.kind, value: entry.value }),
        UpdateExpression: `SET #entity = :entity ${action} #owners :owners`,
        ExpressionAttributeNames: { '#entity': 'entity', '#owners': 'owners' },
        ExpressionAttributeValues: {
          ':entity': lookupOwnersEntity.stored,
          ':owners': new Set([lookupEntity.key(lookupKey(owner, entry)).sk]),
        },
      },
    },
  ];
}

/**
 * The writes that move an owner's identification items from `before` to
 * `after`: removed values are deleted, current ones (re)written so they carry
 * the current account link. A phone's or e-mail's owners item gains the
 * owner with the value and loses it with the value.
 */
export function lookupChanges(
  table: Table,
  before: LookupSet | undefined,
  after: LookupSet | undefined,
): TransactItem[] {
  const id = (e: LookupEntry) => `${e.kind}#${e.value}`;
  const kept = new Set(after?.entries.map(id));
  const had = new Set(before?.entries.map(id));
  const items: TransactItem[] = [];
  for (const entry of before?.entries ?? []) {
    if (!kept.has(id(entry)) && before) {
      items.push(deleteItem(table, lookupEntity.key(lookupKey(before.owner, entry))));
      items.push(...ownersWrite(table, before.owner, entry, 'DELETE'));
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
      if (!had.has(id(entry))) items.push(...ownersWrite(table, after.owner, entry, 'ADD'));
    }
  }
  return items;
}

/**
 * Several owners' changes for one transaction (a lead conversion's account
 * and contact may share a phone): DynamoDB takes one write per item in a
 * transaction, so the same action on the same owners item is written once,
 * with the owners of all of them, in the first change that has it.
 */
export function oneWritePerOwnersItem(changes: readonly Change[]): Change[] {
  const first = new Map<string, TransactItem>();
  return changes.map((change) => {
    if (!change.lookups) return change;
    const lookups: TransactItem[] = [];
    for (const item of change.lookups) {
      const update = item.Update;
      if (update?.ExpressionAttributeValues?.[':entity'] !== lookupOwnersEntity.stored) {
        lookups.push(item);
        continue;
      }
      const at = `${update.Key?.pk}\u0000${update.UpdateExpression}`;
      const earlier = first.get(at)?.Update;
      if (!earlier?.ExpressionAttributeValues) {
        const copy = {
          Update: { ...update, ExpressionAttributeValues: { ...update.ExpressionAttributeValues } },
        };
        first.set(at, copy);
        lookups.push(copy);
        continue;
      }
      const owners = earlier.ExpressionAttributeValues[':owners'] as Set<string>;
      earlier.ExpressionAttributeValues[':owners'] = new Set([
        ...owners,
        ...(update.ExpressionAttributeValues[':owners'] as Set<string>),
      ]);
    }
    return { ...change, lookups };
  });
}
