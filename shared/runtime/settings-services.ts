import type { AccountService } from '#domain/accounts/account-service';
import { type MoveCustomersLimits, MoveCustomersService } from '#domain/settings/move-customers';
import { SettingsService } from '#domain/settings/settings-service';
import type { SettingsServices } from '#domain/settings/settings-services';
import { DynamoIndustryAccounts } from '#table/settings/settings-industry-accounts';
import { DynamoJobStore } from '#table/settings/settings-job-store';
import { DynamoSettingsStore } from '#table/settings/settings-store';
import { accountPorts } from './account-ports';
import { type AccountsOverrides, accountsServices } from './accounts-services';
import type { Environment } from './environment';
import { serviceDeps } from './service-deps';

export interface SettingsOverrides extends AccountsOverrides {
  readonly limits?: Partial<MoveCustomersLimits>;
  /** Replaces the account service the job uses (tests stand between the job and the accounts module). */
  readonly accounts?: Pick<AccountService, 'get' | 'update'>;
}

/**
 * Wires the settings module's services (settings, user groups, move-customers
 * jobs) to the table. New user group members must be active users; the job
 * changes accounts through the accounts module, wired as everywhere, so it
 * keeps the settings' usage counts exactly as the accounts API does.
 */
export function settingsServices(
  env: Pick<Environment, 'table'>,
  overrides: SettingsOverrides = {},
): SettingsServices {
  const { table } = env;
  const deps = serviceDeps(table, overrides);
  const { users } = accountPorts(table, overrides);
  const settings = new SettingsService({ ...deps, settings: new DynamoSettingsStore(table), users });
  return {
    settings,
    moveCustomers: new MoveCustomersService({
      ...deps,
      settings,
      jobs: new DynamoJobStore(table),
      industryAccounts: new DynamoIndustryAccounts(table),
      accounts: overrides.accounts ?? accountsServices(env, overrides).accounts,
      limits: overrides.limits,
    }),
  };
}
