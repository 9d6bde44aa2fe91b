import { ConflictError, NotFoundError, VersionMismatchError } from '#domain/errors';
import type { DomainEvent } from '#domain/events';
import type { Created, IdempotencyToken, Page, PageRequest } from '#domain/ports';
import {
  isOrderedKind,
  type OrderedKind,
  type Setting,
  type SettingUsage,
  settingNames,
} from '#domain/settings/setting';
import type { SettingKind } from '#domain/settings/settings-lookup';
import type { SettingFilter, SettingsStore, TreeWriteOptions } from '#domain/settings/stores';
import { getItem } from '#table/core/get-item';
import { idempotencyPut, replayOf } from '#table/core/idempotency';
import { stripLayout } from '#table/core/item-mapping';
import type { ItemKey } from '#table/core/key-template';
import { outboxPut } from '#table/core/outbox';
import { queryFirstPage } from '#table/core/query-all';
import { queryPage } from '#table/core/query-page';
import type { Table } from '#table/core/table';
import { putNew, type TransactItem, transactWrite } from '#table/core/transact';
import { settingEntity, settingLockEntity, settingOrderEntity, settingTitleEntity } from './entities';
import { DynamoSettingReferences, usageAttributes } from './setting-references';

const counterAttributes = new Set(['usageCount', 'childCount', ...Object.values(usageAttributes)]);

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function toItem(s: Setting): Record<string, unknown> {
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

const count = (value: unknown) => (typeof value === 'number' ? value : 0);

function usageOf(item: Record<string, unknown>): SettingUsage {
  return {
    accounts: count(item[usageAttributes.account]),
    contacts: count(item[usageAttributes.contact]),
    deals: count(item[usageAttributes.deal]),
  };
}

function fromItem(item: Record<string, unknown>): Setting {
  const fields = stripLayout<Record<string, unknown>>(item);
  for (const name of counterAttributes) delete fields[name];
  return { ...fields, usage: usageOf(item) } as unknown as Setting;
}

/** A versioned update that sets every attribute of `next` and removes those it no longer has. */
function updateVersioned(
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
function titleGuard(s: Setting | undefined): ItemKey | undefined {
  if (!s || s.deletedAt !== undefined) return undefined;
  const scope = s.kind === 'user-group' ? `user-group#${s.parentId ?? 'ROOT'}` : s.kind;
  return settingTitleEntity.key({ tenantId: s.tenantId, scope, title: s.title });
}

function orderGuard(s: Setting | undefined): ItemKey | undefined {
  if (!s || s.deletedAt !== undefined || !('order' in s)) return undefined;
  return settingOrderEntity.key({ tenantId: s.tenantId, kind: s.kind, order: s.order });
}

/** Moves a guard claim: release the old key (if still ours), claim the new one (if free). */
function guardMove(
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
function parentItems(
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

class Replay extends Error {}

/** A guard or a related setting changed between the read and the write. */
const changedMeanwhile = () =>
  new ConflictError('changed-meanwhile', 'related settings changed meanwhile; read them again and retry');

const treeChanged = () =>
  new ConflictError('changed-meanwhile', 'the user group tree changed meanwhile; read it again and retry', [
    { name: 'parentId', reason: 'the parent group changed or was deleted meanwhile' },
  ]);

/**
 * The settings module's store: settings' own writes, on top of what other
 * modules use of it (reference checks and usage counters). Settings are
 * written with `SET`/`REMOVE` updates only: a whole-item Put would overwrite
 * a usage count that moved since it was read.
 */
export class DynamoSettingsStore extends DynamoSettingReferences implements SettingsStore {
  async get(tenantId: string, settingId: string): Promise<Setting | undefined> {
    const item = await this.rawItem(tenantId, settingId);
    return item ? fromItem(item) : undefined;
  }

  private rawItem(tenantId: string, settingId: string) {
    return getItem(this.table, settingEntity.key({ tenantId, settingId }));
  }

  async create(
    setting: Setting,
    event: DomainEvent,
    options: TreeWriteOptions,
    idempotency?: IdempotencyToken,
  ): Promise<Created<Setting>> {
    const items: TransactItem[] = [putNew(this.table, toItem(setting))];
    const title = guardMove(this.table, undefined, titleGuard(setting), setting.id);
    const titleAt = items.length + (title.claimAt ?? 0);
    items.push(...title.items);
    const order = guardMove(this.table, undefined, orderGuard(setting), setting.id);
    const orderAt = order.claimAt === undefined ? -1 : items.length + order.claimAt;
    items.push(...order.items);
    const parentsFrom = items.length;
    items.push(...parentItems(this.table, setting.tenantId, undefined, setting, options));
    const parentsTo = items.length;
    items.push(outboxPut(this.table, event));
    const idempotencyAt = idempotency ? items.length : -1;
    if (idempotency) {
      items.push(
        idempotencyPut(this.table, setting.tenantId, idempotency, setting, new Date(event.occurredAt)),
      );
    }
    try {
      await transactWrite(this.table, items, (codes) => {
        const failed = (i: number) => codes[i] === 'ConditionalCheckFailed';
        // A replay also trips the guards the first request claimed: it wins.
        if (failed(idempotencyAt)) return new Replay();
        if (failed(0))
          return new ConflictError(
            'already-exists',
            `${settingNames[setting.kind]} ${setting.id} already exists`,
          );
        if (title.items.length > 0 && failed(titleAt)) return this.titleTaken(setting);
        if (failed(orderAt)) return this.orderTaken(setting);
        for (let i = parentsFrom; i < parentsTo; i++) if (failed(i)) return treeChanged();
        return codes.includes('ConditionalCheckFailed') ? changedMeanwhile() : undefined;
      });
    } catch (error) {
      if (error instanceof Replay && idempotency) {
        return { value: await replayOf<Setting>(this.table, setting.tenantId, idempotency), replayed: true };
      }
      throw error;
    }
    return { value: setting, replayed: false };
  }

  async update(
    previous: Setting,
    next: Setting,
    event: DomainEvent,
    options: TreeWriteOptions,
  ): Promise<void> {
    const items: TransactItem[] = [
      updateVersioned(this.table, toItem(previous), toItem(next), previous.version),
    ];
    const title = guardMove(this.table, titleGuard(previous), titleGuard(next), next.id);
    const titleAt = title.claimAt === undefined ? -1 : items.length + title.claimAt;
    items.push(...title.items);
    const order = guardMove(this.table, orderGuard(previous), orderGuard(next), next.id);
    const orderAt = order.claimAt === undefined ? -1 : items.length + order.claimAt;
    items.push(...order.items);
    const parentsFrom = items.length;
    items.push(...parentItems(this.table, next.tenantId, previous, next, options));
    const parentsTo = items.length;
    items.push(outboxPut(this.table, event));
    await transactWrite(this.table, items, (codes) => {
      const failed = (i: number) => codes[i] === 'ConditionalCheckFailed';
      if (failed(0)) return new VersionMismatchError(settingNames[next.kind], next.id);
      if (failed(titleAt)) return this.titleTaken(next);
      if (failed(orderAt)) return this.orderTaken(next);
      for (let i = parentsFrom; i < parentsTo; i++) if (failed(i)) return treeChanged();
      return codes.includes('ConditionalCheckFailed') ? changedMeanwhile() : undefined;
    });
    this.snapshots.forgetTenant(next.tenantId);
  }

  async remove(previous: Setting, removed: Setting, event: DomainEvent, jobId?: string): Promise<void> {
    const isGroup = previous.kind === 'user-group';
    const items: TransactItem[] = [
      updateVersioned(this.table, toItem(previous), toItem(removed), previous.version, {
        expression: `(attribute_not_exists(usageCount) OR usageCount <= :zero)${
          isGroup ? ' AND (attribute_not_exists(childCount) OR childCount <= :zero)' : ''
        }`,
        values: { ':zero': 0 },
      }),
      ...guardMove(this.table, titleGuard(previous), undefined, previous.id).items,
      ...guardMove(this.table, orderGuard(previous), undefined, previous.id).items,
      ...parentItems(this.table, previous.tenantId, previous, removed, {}),
    ];
    const lockAt = items.length;
    if (previous.kind === 'industry') {
      items.push({
        ConditionCheck: {
          TableName: this.table.name,
          Key: settingLockEntity.key({ tenantId: previous.tenantId, settingId: previous.id }),
          ConditionExpression: 'attribute_not_exists(pk) OR lockedUntil < :now OR jobId = :job',
          ExpressionAttributeValues: { ':now': event.occurredAt, ':job': jobId ?? '-' },
        },
      });
    }
    items.push(outboxPut(this.table, event));
    let explanation: 'item' | 'lock' | undefined;
    try {
      await transactWrite(this.table, items, (codes) => {
        if (codes[0] === 'ConditionalCheckFailed') explanation = 'item';
        else if (previous.kind === 'industry' && codes[lockAt] === 'ConditionalCheckFailed')
          explanation = 'lock';
        if (explanation) return new ConflictError('changed-meanwhile', 'explained below');
        return codes.includes('ConditionalCheckFailed') ? changedMeanwhile() : undefined;
      });
    } catch (error) {
      if (explanation === 'item') throw await this.whyNotRemoved(previous);
      if (explanation === 'lock') throw await this.lockedBy(previous);
      throw error;
    }
    this.snapshots.forgetTenant(previous.tenantId);
  }

  /** Reads the item again to say why a delete was refused: changed, in use, or has sub-groups. */
  private async whyNotRemoved(previous: Setting): Promise<Error> {
    const name = settingNames[previous.kind];
    const item = await this.rawItem(previous.tenantId, previous.id);
    if (!item || item.deletedAt !== undefined) return new NotFoundError(name, previous.id);
    if (item.version !== previous.version) return new VersionMismatchError(name, previous.id);
    const usage = usageOf(item);
    const users = [
      usage.accounts > 0 ? plural(usage.accounts, 'account', 'accounts') : undefined,
      usage.contacts > 0 ? plural(usage.contacts, 'contact', 'contacts') : undefined,
      usage.deals > 0 ? plural(usage.deals, 'deal', 'deals') : undefined,
    ].filter((u) => u !== undefined);
    if (count(item.usageCount) > 0) {
      const repoint =
        previous.kind === 'industry'
          ? ', or delete it with replaceWith=<another industry id> to move them there first'
          : '';
      return new ConflictError(
        'setting-in-use',
        `${name} '${previous.title}' is used by ${users.join(' and ') || plural(count(item.usageCount), 'record', 'records')}; remove it from them first${repoint}`,
      );
    }
    const children = count(item.childCount);
    if (children > 0) {
      return new ConflictError(
        'setting-in-use',
        `user group '${previous.title}' has ${plural(children, 'sub-group', 'sub-groups')}; move or delete them first`,
      );
    }
    return new VersionMismatchError(name, previous.id);
  }

  private async lockedBy(previous: Setting): Promise<Error> {
    const lock = await getItem(
      this.table,
      settingLockEntity.key({ tenantId: previous.tenantId, settingId: previous.id }),
    );
    return new ConflictError(
      'job-running',
      `industry '${previous.title}' takes part in move-customers job ${String(lock?.jobId ?? '')}, which is still running; delete it when the job is done`,
    );
  }

  /**
   * New orders for several settings of one kind, in one transaction. Each
   * order guard key is written once: handed to its new owner (if it still
   * belongs to the old one), released, or claimed.
   */
  async reorder(previous: readonly Setting[], next: readonly Setting[], event: DomainEvent): Promise<void> {
    const items: TransactItem[] = next.map((n, i) => {
      const p = previous[i] as Setting;
      return updateVersioned(this.table, toItem(p), toItem(n), p.version);
    });
    const before = new Map(previous.map((p) => [orderGuard(p)?.pk, p.id]));
    const after = new Map(next.map((n) => [orderGuard(n)?.pk, n.id]));
    const guardKeys = new Map(
      [...previous, ...next].flatMap((s) => {
        const key = orderGuard(s);
        return key ? [[key.pk, key] as const] : [];
      }),
    );
    for (const [pk, key] of guardKeys) {
      const oldOwner = before.get(pk);
      const newOwner = after.get(pk);
      if (oldOwner !== undefined && newOwner !== undefined) {
        items.push({
          Put: {
            TableName: this.table.name,
            Item: { ...key, entity: settingOrderEntity.stored, ownerId: newOwner },
            ConditionExpression: 'ownerId = :owner',
            ExpressionAttributeValues: { ':owner': oldOwner },
          },
        });
      } else if (oldOwner !== undefined) {
        items.push({
          Delete: {
            TableName: this.table.name,
            Key: key,
            ConditionExpression: 'ownerId = :owner',
            ExpressionAttributeValues: { ':owner': oldOwner },
          },
        });
      } else {
        items.push({
          Put: {
            TableName: this.table.name,
            Item: { ...key, entity: settingOrderEntity.stored, ownerId: newOwner },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        });
      }
    }
    items.push(outboxPut(this.table, event));
    await transactWrite(this.table, items, (codes) =>
      codes.includes('ConditionalCheckFailed')
        ? new ConflictError(
            'changed-meanwhile',
            'the list changed meanwhile (a setting was added, changed or removed); read it again',
          )
        : undefined,
    );
    for (const tenantId of new Set(next.map((n) => n.tenantId))) this.snapshots.forgetTenant(tenantId);
  }

  list(
    tenantId: string,
    kind: SettingKind,
    filter: SettingFilter,
    page: PageRequest,
  ): Promise<Page<Setting>> {
    const { subGroups, ofKind } = settingEntity.patterns;
    const listed =
      kind === 'user-group' && filter.parentId !== undefined
        ? subGroups.query({ tenantId, parentId: filter.parentId ?? undefined })
        : ofKind.query({ tenantId, kind });
    const category = kind === 'category';
    return queryPage(
      this.table,
      {
        ...listed,
        equals: {
          // A category for accounts (or contacts) is one of that scope or of both.
          scope: category && filter.appliesTo ? [filter.appliesTo, 'both'] : undefined,
          active: category ? filter.active : undefined,
        },
      },
      page,
      fromItem,
    );
  }

  async highestOrder(tenantId: string, kind: OrderedKind): Promise<number> {
    const [highest] = await queryFirstPage(
      this.table,
      settingEntity.patterns.highestOrder.query({ tenantId, kind }),
      { Limit: 1 },
    );
    return count(highest?.order);
  }

  private titleTaken(s: Setting) {
    const where = s.kind === 'user-group' ? ' under the same parent' : '';
    return new ConflictError(
      'title-taken',
      `another ${settingNames[s.kind]}${where} is called '${s.title}'`,
      [{ name: 'title', reason: `already used by another ${settingNames[s.kind]}` }],
    );
  }

  private orderTaken(s: Setting) {
    const order = 'order' in s ? s.order : 0;
    return new ConflictError('order-taken', `another ${settingNames[s.kind]} has order ${order}`, [
      { name: 'order', reason: 'already used; reorder the list instead' },
    ]);
  }
}
