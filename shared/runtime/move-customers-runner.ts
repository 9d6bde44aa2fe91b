import type { AccountService } from '#domain/accounts/account-service';
import { type MoveCustomersLimits, MoveCustomersRunner } from '#domain/settings/move-customers';
import { SettingRemoval } from '#domain/settings/setting-removal';
import { DynamoSettingRemovals } from '#table/settings/setting-removals';
import { DynamoIndustryAccounts } from '#table/settings/settings-industry-accounts';
import { DynamoJobStore } from '#table/settings/settings-job-store';
import { type AccountsOverrides, accountService } from './accounts-services';
import type { Environment } from './environment';
import { serviceDeps } from './service-deps';

export interface MoveCustomersRunnerOverrides extends AccountsOverrides {
  readonly limits?: Partial<MoveCustomersLimits>;
  /** Replaces the account service the job uses (tests stand between the job and the accounts module). */
  readonly accounts?: Pick<AccountService, 'get' | 'update'>;
}

/**
 * Wires the runner of move-customers jobs (the `settings-jobs` consumer). It
 * changes accounts through the accounts module, wired as everywhere, so it
 * keeps the settings' usage counts exactly as the accounts API does; of the
 * settings it writes only the removal of the industry it emptied.
 */
export function moveCustomersRunner(
  env: Pick<Environment, 'table'>,
  overrides: MoveCustomersRunnerOverrides = {},
): MoveCustomersRunner {
  const { table } = env;
  const deps = serviceDeps(table, overrides);
  return new MoveCustomersRunner({
    ...deps,
    removal: new SettingRemoval({ ...deps, settings: new DynamoSettingRemovals(table) }),
    jobs: new DynamoJobStore(table),
    industryAccounts: new DynamoIndustryAccounts(table),
    accounts: overrides.accounts ?? accountService(env, overrides),
    limits: overrides.limits,
  });
}
