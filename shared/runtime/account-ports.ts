import type { ReferencePorts } from '#domain/accounts/references';
import type { SettingUsageItems } from '#table/accounts/accounts-commit';
import type { Table } from '#table/core/table';
import { DynamoSettingReferences } from '#table/settings/setting-references';
import { DynamoUserLookup } from '#table/users/users-lookup';

/**
 * What the accounts module uses of other modules: settings and users to
 * check references against, and the settings' usage counters, moved in the
 * transaction of each account or contact change.
 */
export interface AccountsPorts extends Required<ReferencePorts> {
  readonly settingUsage: SettingUsageItems;
  /** Forgets the settings the container keeps of a tenant, when a write found one changed. */
  readonly settingsChanged: (tenantId: string) => void;
}

/**
 * What every account and contact writer uses, wherever it runs. One place,
 * so that no writer can skip a check or let a counter drift; a test that
 * wants less replaces a port explicitly.
 */
export function accountPorts(table: Table, overrides: Partial<AccountsPorts> = {}): AccountsPorts {
  const settings = new DynamoSettingReferences(table);
  return {
    settings: overrides.settings ?? settings,
    users: overrides.users ?? new DynamoUserLookup(table),
    settingUsage: overrides.settingUsage ?? settings.usageItems,
    settingsChanged: overrides.settingsChanged ?? settings.forgetTenant,
  };
}
