import { ConflictError } from '#domain/errors';
import { isOrderedKind, type Setting, type SettingUsage } from '#domain/settings/setting';
import type { TreeWriteOptions } from '#domain/settings/stores';
import { stripLayout } from '#table/core/item-mapping';
import type { ItemKey } from '#table/core/key-template';
import type { Table } from '#table/core/table';
import type { TransactItem } from '#table/core/transact';
import { settingEntity, settingOrderEntity, settingTitleEntity } from './entities';
import { usageAttributes } from './setting-references';

/*
 * A setting's item and the transaction items around its writes (guards of
 * its title and order, its parent's child count), shared by the settings'
 * reads, their removal and the settings store.
 */

const counterAttributes = new Set(['usageCount', 'childCount', ...Object.values(usageAttributes)]);

export function toItem(s: Setting): Record<string, unknown> {
  const { usage: _usage, ...fields } = s;
  const deleted = s.deletedAt !== undefined;
  const at = { tenantId: s.tenantId, settingId: s.id };
  return settingEntity.item(fields, {
    key: at,
    // A live user group is listed under its parent; a deleted one under nobody.
    gsi1: s.kind === 'user-group' && !deleted ? { ...at, parentId: s.parentId, title: s.title } : undefined,
    gsi2: {
      ...at,
      kind: s.kind,
      deleted,
      position: { title: s.title, order: isOrderedKind(s.kind) && 'order' in s ? s.order : undefined },
    },
  });
}

export const count = (value: unknown) => (typeof value === 'number' ? value : 0);

export function usageOf(item: Record<string, unknown>): SettingUsage {
  return {
    accounts: count(item[usageAttributes.account]),
    contacts: count(item[usageAttributes.contact]),
    deals: count(item[usageAttributes.deal]),
  };
}

export function fromItem(item: Record<string, unknown>): Setting {
  const fields = stripLayout<Record<string, unknown>>(item);
  for (const name of counterAttributes) delete fields[name];
  return { ...fields, usage: usageOf(item) } as unknown as Setting;
}

/** A versioned update that sets every attribute of `next` and removes those it no longer has. */
export function updateVersioned(
  table: Table,
  previous: Record<string, unknown>,
  next: Record<string, unknown>,
  expectedVersion: number,
  extraCondition?: { expression: string; values: Record<string, unknown>; names?: Record<string, string> },
): TransactItem {
  const names: Record<string, string> = { '#version': 'version', ...extraCondition?.names };
  const values: Record<string, unknown> = { ':expected': expectedVersion, ...extraCondition?.values };
  const sets: string[] = [];
  const removes: string[] = [];
  let n = 0;
  for (const [name, value] of Object.entries(next)) {
    if (name === 'pk' || name === 'sk' || value === undefined) continue;
    names[`#a${n}`] = name;
    values[`:a${n}`] = value;
    sets.push(`#a${n} = :a${n}`);
    n++;
  }
  for (const name of Object.keys(previous)) {
    if (next[name] !== undefined || counterAttributes.has(name)) continue;
    names[`#a${n}`] = name;
    removes.push(`#a${n}`);
    n++;
  }
  const key = { pk: next.pk as string, sk: next.sk as string };
  return {
    Update: {
      TableName: table.name,
      Key: key,
      UpdateExpression: `SET ${sets.join(', ')}${removes.length > 0 ? ` REMOVE ${removes.join(', ')}` : ''}`,
      ConditionExpression: `#version = :expected${extraCondition ? ` AND ${extraCondition.expression}` : ''}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}

/** The title guard of a live setting: per kind, for user groups per parent. */
export function titleGuard(s: Setting | undefined): ItemKey | undefined {
  if (!s || s.deletedAt !== undefined) return undefined;
  const scope = s.kind === 'user-group' ? `user-group#${s.parentId ?? 'ROOT'}` : s.kind;
  return settingTitleEntity.key({ tenantId: s.tenantId, scope, title: s.title });
}

export function orderGuard(s: Setting | undefined): ItemKey | undefined {
  if (!s || s.deletedAt !== undefined || !('order' in s)) return undefined;
  return settingOrderEntity.key({ tenantId: s.tenantId, kind: s.kind, order: s.order });
}

/** Moves a guard claim: release the old key (if still ours), claim the new one (if free). */
export function guardMove(
  table: Table,
  before: ItemKey | undefined,
  after: ItemKey | undefined,
  ownerId: string,
): { items: TransactItem[]; claimAt?: number } {
  if (before?.pk === after?.pk) return { items: [] };
  const items: TransactItem[] = [];
  if (before) {
    items.push({
      Delete: {
        TableName: table.name,
        Key: before,
        ConditionExpression: 'ownerId = :owner',
        ExpressionAttributeValues: { ':owner': ownerId },
      },
    });
  }
  if (!after) return { items };
  items.push({
    Put: {
      TableName: table.name,
      // Title and order guards are stored alike.
      Item: { ...after, entity: settingTitleEntity.stored, ownerId },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  });
  return { items, claimAt: items.length - 1 };
}

/**
 * The parent side of a user group's write: the new parent counts one more
 * child, the old one one fewer, and the new parent's ancestors must still be
 * at the versions the cycle check read.
 */
export function parentItems(
  table: Table,
  tenantId: string,
  previous: Setting | undefined,
  next: Setting,
  options: TreeWriteOptions,
): TransactItem[] {
  const parentOf = (s: Setting | undefined) =>
    s?.kind === 'user-group' && s.deletedAt === undefined ? s.parentId : undefined;
  const oldParent = parentOf(previous);
  const newParent = parentOf(next);
  if (oldParent === newParent && !options.parentChain) return [];
  const ops = new Map<string, { delta: number; version?: number }>();
  for (const check of options.parentChain ?? []) ops.set(check.id, { delta: 0, version: check.version });
  if (newParent !== undefined) {
    const op = ops.get(newParent) ?? { delta: 0 };
    ops.set(newParent, { ...op, delta: op.delta + 1 });
  }
  if (oldParent !== undefined && oldParent !== newParent) {
    const op = ops.get(oldParent) ?? { delta: 0 };
    ops.set(oldParent, { ...op, delta: op.delta - 1 });
  }
  if (oldParent === newParent && newParent !== undefined) {
    const op = ops.get(newParent);
    if (op) ops.set(newParent, { ...op, delta: 0 });
  }
  return [...ops].map(([id, op]) => {
    const versioned = op.version !== undefined;
    const condition = `attribute_exists(pk) AND attribute_not_exists(deletedAt)${versioned ? ' AND #version = :version' : ''}`;
    const names = versioned ? { '#version': 'version' } : undefined;
    const values: Record<string, unknown> = versioned ? { ':version': op.version } : {};
    if (op.delta === 0) {
      return {
        ConditionCheck: {
          TableName: table.name,
          Key: settingEntity.key({ tenantId, settingId: id }),
          ConditionExpression: condition,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        },
      };
    }
    return {
      Update: {
        TableName: table.name,
        Key: settingEntity.key({ tenantId, settingId: id }),
        UpdateExpression: 'ADD childCount :delta',
        ConditionExpression: condition,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: { ...values, ':delta': op.delta },
      },
    };
  });
}

/** A guard or a related setting changed between the read and the write. */
export const changedMeanwhile = () =>
  new ConflictError('changed-meanwhile', 'related settings changed meanwhile; read them again and retry');

export const treeChanged = () =>
  new ConflictError('changed-meanwhile', 'the user group tree changed meanwhile; read it again and retry', [
    { name: 'parentId', reason: 'the parent group changed or was deleted meanwhile' },
  ]);
