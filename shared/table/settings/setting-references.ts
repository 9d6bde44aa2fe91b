import type { SettingUser } from '#domain/settings/setting';
import type { SettingKind, SettingRef, SettingsLookup } from '#domain/settings/settings-lookup';
import type { Table } from '#table/core/table';
import type { TransactItem } from '#table/core/transact';
import { settingEntity } from './entities';
import { containerSettingSnapshots, type SettingSnapshots } from './setting-snapshots';

/** The counter of each kind of record that refers to a setting, beside the total `usageCount`. */
export const usageAttributes: Record<SettingUser, string> = {
  account: 'usedByAccounts',
  contact: 'usedByContacts',
  deal: 'usedByDeals',
};

/**
 * What other modules use of the settings: reference checks against the
 * settings this container keeps, and the usage counters their records move
 * with `ADD` in their own transactions. A file of its own, so that a function
 * writing accounts carries none of the settings' own writes.
 */
export class DynamoSettingReferences implements SettingsLookup {
  constructor(
    protected readonly table: Table,
    protected readonly snapshots: SettingSnapshots = containerSettingSnapshots,
  ) {}

  /** SettingsLookup: the settings this container keeps, the others in one BatchGetItem per 100 ids. */
  async missing(tenantId: string, refs: readonly SettingRef[]): Promise<SettingRef[]> {
    const live = await this.snapshots.read(
      this.table,
      tenantId,
      refs.map((r) => r.id),
    );
    return refs.filter((ref) => live.get(ref.id)?.kind !== ref.kind);
  }

  /** Read with the references of the same check (`missing`), so usually without a request of its own. */
  async categoryScope(tenantId: string, categoryId: string) {
    const setting = (await this.snapshots.read(this.table, tenantId, [categoryId])).get(categoryId);
    return setting?.kind === 'category' ? setting.scope : undefined;
  }

  /** Forgets what this container keeps of a tenant's settings (a write found one changed). */
  readonly forgetTenant = (tenantId: string): void => this.snapshots.forgetTenant(tenantId);

  /**
   * For the transaction of a record that starts (`delta` > 0) or stops (< 0)
   * referring to a setting: `ADD` on the setting's usage counters, without
   * touching its version. Starting a reference requires the setting to
   * exist, be of the kind and not be deleted, so a record can never point at
   * a deleted setting; a deletion racing with it is serialised by DynamoDB
   * (one of the two transactions fails). Include it in the same
   * TransactWriteItems as the record's own write.
   */
  adjustUsage(tenantId: string, ref: SettingRef, delta: number, usedBy: SettingUser): TransactItem {
    if (!Number.isSafeInteger(delta) || delta === 0)
      throw new Error(`a usage change is a whole number ≠ 0, not ${delta}`);
    // The condition below holds what a check of a kept snapshot decided on (live, of the kind), except a
    // category's scope: a category checked against a kept snapshot must still be at the version read.
    const checked =
      delta > 0 && ref.kind === 'category' ? this.snapshots.versionOf(tenantId, ref.id) : undefined;
    const live = 'attribute_exists(pk) AND #kind = :kind AND attribute_not_exists(deletedAt)';
    return {
      Update: {
        TableName: this.table.name,
        Key: settingEntity.key({ tenantId, settingId: ref.id }),
        UpdateExpression: 'ADD usageCount :delta, #by :delta',
        ConditionExpression:
          delta < 0
            ? 'attribute_exists(pk) AND #kind = :kind'
            : checked === undefined
              ? live
              : `${live} AND #version = :version`,
        ExpressionAttributeNames: {
          '#by': usageAttributes[usedBy],
          '#kind': 'kind',
          ...(checked === undefined ? {} : { '#version': 'version' }),
        },
        ExpressionAttributeValues: {
          ':delta': delta,
          ':kind': ref.kind,
          ...(checked === undefined ? {} : { ':version': checked }),
        },
      },
    };
  }

  /**
   * The usage writes of one change of a record of another module, one per
   * setting whose count moves (the accounts module's `SettingUsageItems`).
   */
  readonly usageItems = (
    tenantId: string,
    usedBy: SettingUser,
    deltas: readonly { readonly kind: SettingKind; readonly id: string; readonly delta: number }[],
  ): TransactItem[] =>
    deltas
      .filter((d) => d.delta !== 0)
      .map((d) => this.adjustUsage(tenantId, { kind: d.kind, id: d.id }, d.delta, usedBy));
}
