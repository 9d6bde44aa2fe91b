import type { AccountService } from '#domain/accounts/account-service';
import type { ServiceDeps } from '#domain/service-context';
import { type MoveCustomersLimits, MoveCustomersService } from '#domain/settings/move-customers';
import { SettingsService } from '#domain/settings/settings-service';
import type { UserLookup } from '#domain/users/user-lookup';
import type { Table } from '#table/core/table';
import { DynamoIndustryAccounts } from '#table/settings/settings-industry-accounts';
import { DynamoJobStore } from '#table/settings/settings-job-store';
import { DynamoSettingsStore } from '#table/settings/settings-store';
import { accountsServices } from './accounts-services';
import { serviceDeps } from './service-deps';

export interface SettingsServices {
  readonly settings: SettingsService;
  readonly moveCustomers: MoveCustomersService;
  /** Also the `SettingsLookup` other modules check references with, and the source of `adjustUsage`. */
  readonly store: DynamoSettingsStore;
}

export interface SettingsWiring {
  readonly deps?: Partial<ServiceDeps>;
  readonly limits?: Partial<MoveCustomersLimits>;
  /** When given, new user group members must be active users of the tenant. */
  readonly users?: UserLookup;
  /**
   * The ports the accounts module is wired with (reference checks, usage
   * counts). The move-customers job changes accounts through the accounts
   * module, so it must keep settings' usage counts exactly as the accounts
   * API does: pass the same ports as to `accountsServices` there.
   */
  readonly accountPorts?: Parameters<typeof accountsServices>[2];
  /** Replaces the account service the job uses (tests stand between the job and the accounts module). */
  readonly accounts?: Pick<AccountService, 'get' | 'update'>;
}

/** Wires the settings module's services (settings, user groups, move-customers jobs) to the table. */
export function settingsServices(table: Table, wiring: SettingsWiring = {}): SettingsServices {
  const deps = serviceDeps(table, wiring.deps);
  const store = new DynamoSettingsStore(table);
  const settings = new SettingsService({ ...deps, settings: store, users: wiring.users });
  return {
    store,
    settings,
    moveCustomers: new MoveCustomersService({
      ...deps,
      settings,
      jobs: new DynamoJobStore(table),
      industryAccounts: new DynamoIndustryAccounts(table),
      accounts: wiring.accounts ?? accountsServices(table, wiring.deps, wiring.accountPorts).accounts,
      limits: wiring.limits,
    }),
  };
}
