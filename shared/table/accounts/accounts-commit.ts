import type { SettingUsageDelta } from '#domain/accounts/references';
import { ValidationError } from '#domain/errors';
import type { SettingUser } from '#domain/settings/setting';
import { type Change, maxTransactItems } from '#table/core/commit-change';
import type { TransactItem } from '#table/core/transact';

/**
 * Builds the writes that move settings' usage counts by the given deltas, in
 * the transaction of the account or contact change that causes them (`user`:
 * which kind of record uses the settings). Given by the settings module;
 * without it no counts are kept.
 */
export type SettingUsageItems = (
  tenantId: string,
  user: SettingUser,
  deltas: readonly SettingUsageDelta[],
) => TransactItem[];

/**
 * Given by the users module to a writer whose owner checks trust users kept
 * by the container: the ConditionCheck that the new owner is still an active
 * user, in the change's transaction, and what to drop when it failed.
 */
export interface OwnerChecks {
  activeCheck(tenantId: string, userId: string): TransactItem;
  forget(tenantId: string, userId: string): void;
}

export interface AccountsStoreOptions {
  readonly settingUsage?: SettingUsageItems;
  /**
   * Called when a change was refused because a setting it refers to changed
   * meanwhile: the settings module forgets what its container kept of the
   * tenant's settings, so the caller's retry is checked against them as they are.
   */
  readonly settingsChanged?: (tenantId: string) => void;
  /** Without it an owner is written as the service checked it, with no condition on the user. */
  readonly owners?: OwnerChecks;
}

/**
 * Checks a change with the accounts module's extra writes (category
 * memberships, usage counts) fits one transaction: one too big is refused
 * with a 400 naming `field`, never sent to fail as a 500. An extra write
 * whose condition fails (a usage count of a setting deleted meanwhile) is a
 * 409 (commitChange).
 */
export function fitsOneTransaction<C extends Change & { readonly extra: readonly TransactItem[] }>(
  change: C,
  field: string,
): C {
  const guardItems = (change.guards ?? []).reduce((n, g) => n + g.change.items.length, 0);
  const extraStart = 1 + guardItems + (change.lookups?.length ?? 0);
  const total = extraStart + change.extra.length + 1 + (change.idempotency ? 1 : 0);
  if (total > maxTransactItems) {
    throw new ValidationError([
      {
        name: field,
        reason:
          'this change touches too many categories, keywords and phone numbers at once; make it in smaller steps',
      },
    ]);
  }
  return change;
}
