import { MoveCustomersRequests } from '#domain/settings/move-customers-requests';
import { SettingsService } from '#domain/settings/settings-service';
import type { SettingsServices } from '#domain/settings/settings-services';
import { DynamoJobStore } from '#table/settings/settings-job-store';
import { DynamoSettingsStore } from '#table/settings/settings-store';
import { DynamoUserLookup } from '#table/users/users-lookup';
import type { AccountsOverrides } from './accounts-services';
import type { Environment } from './environment';
import { serviceDeps } from './service-deps';

/**
 * Wires the settings module's services (settings, user groups, and the
 * requests of move-customers jobs) to the table. New user group members must
 * be active users. The jobs themselves run in `moveCustomersRunner`.
 */
export function settingsServices(
  env: Pick<Environment, 'table'>,
  overrides: AccountsOverrides = {},
): SettingsServices {
  const { table } = env;
  const deps = serviceDeps(table, overrides);
  // One clock, id source and tenant cache for both services, as a container has.
  const settings = settingsService(env, { ...overrides, ...deps });
  return {
    settings,
    moveCustomers: new MoveCustomersRequests({
      ...deps,
      settings,
      jobs: new DynamoJobStore(table),
    }),
  };
}

/** The settings and user groups alone. */
export function settingsService(
  env: Pick<Environment, 'table'>,
  overrides: AccountsOverrides = {},
): SettingsService {
  const { table } = env;
  return new SettingsService({
    ...serviceDeps(table, overrides),
    settings: new DynamoSettingsStore(table),
    users: overrides.users ?? new DynamoUserLookup(table),
  });
}
