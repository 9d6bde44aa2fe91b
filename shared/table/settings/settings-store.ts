import { ConflictError, VersionMismatchError } from '#domain/errors';
import type { DomainEvent } from '#domain/events';
import type { Created, IdempotencyToken } from '#domain/ports';
import { type OrderedKind, type Setting, settingNames } from '#domain/settings/setting';
import type { SettingsStore, TreeWriteOptions } from '#domain/settings/stores';
import { idempotencyPut, replayOf } from '#table/core/idempotency';
import { outboxPut } from '#table/core/outbox';
import { queryFirstPage } from '#table/core/query-all';
import { putNew, type TransactItem, transactWrite } from '#table/core/transact';
import { settingEntity, settingOrderEntity } from './entities';
import {
  changedMeanwhile,
  count,
  guardMove,
  orderGuard,
  parentItems,
  titleGuard,
  toItem,
  treeChanged,
  updateVersioned,
} from './setting-items';
import { DynamoSettingRemovals } from './setting-removals';

class Replay extends Error {}

/**
 * The settings module's store: settings' own writes, on top of their
 * removal and of what other modules use of it (reference checks and usage
 * counters). Settings are written with `SET`/`REMOVE` updates only: a
 * whole-item Put would overwrite a usage count that moved since it was read.
 */
export class DynamoSettingsStore extends DynamoSettingRemovals implements SettingsStore {
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
