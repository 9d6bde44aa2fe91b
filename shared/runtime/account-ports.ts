import type { Table } from '#table/core/table';
import { DynamoSettingsStore } from '#table/settings/settings-store';
import { DynamoUserLookup } from '#table/users/users-lookup';
import type { AccountsPorts } from './accounts-services';

/**
 * What every account and contact writer must use, wherever it runs: the
 * settings and users that references are checked against, and the settings'
 * usage counters moved in the same transaction. One place, so that no
 * writer can skip a check or let a counter drift.
 */
export function accountPorts(table: Table): AccountsPorts {
  const settings = new DynamoSettingsStore(table);
  return { settings, settingUsage: settings.usageItems, users: new DynamoUserLookup(table) };
}
