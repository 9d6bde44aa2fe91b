import { AccountService } from '#domain/accounts/account-service';
import type { AccountsServices } from '#domain/accounts/accounts-services';
import { ContactService } from '#domain/accounts/contact-service';
import { SubjectService } from '#domain/accounts/subject-service';
import type { ServiceDeps } from '#domain/service-context';
import { DynamoAccountStore } from '#table/accounts/account-store';
import { DynamoContactStore } from '#table/accounts/contact-store';
import { DynamoIdentificationStore } from '#table/accounts/identification-store';
import { DynamoNoteStore } from '#table/accounts/note-store';
import { DynamoHistoryStore } from '#table/core/history-store';
import { KeptUserLookup } from '#table/users/kept-user-lookup';
import { type AccountsPorts, accountPorts } from './account-ports';
import type { Environment } from './environment';
import { serviceDeps } from './service-deps';

/** What a caller may replace: the clock, ids and tenants, and each port references are checked and counted with. */
export interface AccountsOverrides extends Partial<ServiceDeps>, Partial<AccountsPorts> {}

/** The account service and what it is built on. */
function accountParts(env: Pick<Environment, 'table'>, overrides: AccountsOverrides) {
  const { table } = env;
  const deps = serviceDeps(table, overrides);
  const { settingUsage, settingsChanged, ...references } = accountPorts(table, overrides);
  // Owners are checked against the users the container keeps, with the ConditionCheck in each write;
  // a caller that gives its own user lookup (a test, a conversion) gets exactly that lookup.
  const owners = overrides.users ? undefined : new KeptUserLookup(table);
  const accountStore = new DynamoAccountStore(table, { settingUsage, settingsChanged, owners });
  const accounts = new AccountService({
    ...deps,
    ...references,
    ...(owners ? { users: owners } : {}),
    accounts: accountStore,
  });
  return { deps, references, settingUsage, settingsChanged, accountStore, accounts };
}

/** The account and contact services and their stores, on the same ports. */
function accountAndContactParts(env: Pick<Environment, 'table'>, overrides: AccountsOverrides) {
  const parts = accountParts(env, overrides);
  const { deps, references, settingUsage, settingsChanged, accountStore } = parts;
  const contactStore = new DynamoContactStore(env.table, { settingUsage, settingsChanged });
  const contacts = new ContactService({
    ...deps,
    ...references,
    contacts: contactStore,
    accounts: accountStore,
  });
  return { ...parts, contactStore, contacts };
}

/*
 * Three entry points, so that a function carries only the services it
 * calls: each is wired exactly as in the whole module.
 */

/** The account service alone: for the move-customers job, which changes accounts and nothing else. */
export function accountService(
  env: Pick<Environment, 'table'>,
  overrides: AccountsOverrides = {},
): AccountService {
  return accountParts(env, overrides).accounts;
}

/** Accounts and contacts without the timeline: for a lead's conversion, which writes both. */
export function accountAndContactServices(
  env: Pick<Environment, 'table'>,
  overrides: AccountsOverrides = {},
): Pick<AccountsServices, 'accounts' | 'contacts'> {
  const { accounts, contacts } = accountAndContactParts(env, overrides);
  return { accounts, contacts };
}

/** Wires the accounts module's domain services to the table, with every reference check and usage counter. */
export function accountsServices(
  env: Pick<Environment, 'table'>,
  overrides: AccountsOverrides = {},
): AccountsServices {
  const { table } = env;
  const { deps, accountStore, contactStore, accounts, contacts } = accountAndContactParts(env, overrides);
  return {
    accounts,
    contacts,
    subjects: new SubjectService({
      ...deps,
      accounts: accountStore,
      contacts: contactStore,
      notes: new DynamoNoteStore(table),
      history: new DynamoHistoryStore(table),
      identification: new DynamoIdentificationStore(table),
    }),
  };
}
