import { type UniqueKind, uniqueEntity } from './entities';
import type { ItemKey } from './key-template';
import type { Table } from './table';
import type { TransactItem } from './transact';

export interface GuardChange {
  readonly items: TransactItem[];
  /** Position (within `items`) of the put that fails when the value is taken. */
  readonly claimIndex?: number;
}

/**
 * Moves a uniqueness claim from one value to another in the same transaction
 * as the owner's write: release the old value (only if we still own it),
 * claim the new one (only if nobody does).
 */
export function guardChange(
  table: Table,
  tenantId: string,
  kind: UniqueKind,
  ownerId: string,
  before: string | undefined,
  after: string | undefined,
): GuardChange {
  return claimChange(table, ownerId, before, after, (value) => uniqueEntity.key({ tenantId, kind, value }));
}

/** `guardChange` for a claim item whose key `keyOf` makes from the claimed value. */
export function claimChange(
  table: Table,
  ownerId: string,
  before: string | undefined,
  after: string | undefined,
  keyOf: (value: string) => ItemKey,
): GuardChange {
  if (before === after) return { items: [] };
  const items: TransactItem[] = [];
  if (before !== undefined) {
    items.push({
      Delete: {
        TableName: table.name,
        Key: keyOf(before),
        ConditionExpression: 'ownerId = :owner',
        ExpressionAttributeValues: { ':owner': ownerId },
      },
    });
  }
  if (after === undefined) return { items };
  items.push({
    Put: {
      TableName: table.name,
      Item: { ...keyOf(after), entity: uniqueEntity.stored, ownerId },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  });
  return { items, claimIndex: items.length - 1 };
}
