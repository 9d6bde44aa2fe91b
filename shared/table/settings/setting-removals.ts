import { ConflictError, NotFoundError, VersionMismatchError } from '#domain/errors';
import type { DomainEvent } from '#domain/events';
import { type Setting, settingNames } from '#domain/settings/setting';
import type { SettingRemovalStore } from '#domain/settings/stores';
import { getItem } from '#table/core/get-item';
import { outboxPut } from '#table/core/outbox';
import { type TransactItem, transactWrite } from '#table/core/transact';
import { settingLockEntity } from './entities';
import {
  changedMeanwhile,
  count,
  guardMove,
  orderGuard,
  parentItems,
  titleGuard,
  toItem,
  updateVersioned,
  usageOf,
} from './setting-items';
import { DynamoSettingReads } from './setting-reads';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * A setting's soft delete, with the reasons a delete is refused. A class
 * of its own under the settings store, so that the move-customers job,
 * which deletes the industry it emptied and writes no other setting,
 * carries none of the settings' other writes.
 */
export class DynamoSettingRemovals extends DynamoSettingReads implements SettingRemovalStore {
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
}
