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

/** Wires the accounts module's domain services to the table, with every reference check and usage counter. */
export function accountsServices(
  env: Pick<Environment, 'table'>,
  overrides: AccountsOverrides = {},
): AccountsServices {
  const { table } = env;
  const deps = serviceDeps(table, overrides);
  const { settingUsage, settingsChanged, ...references } = accountPorts(table, overrides);
  // Owners are checked against the users the container keeps, with the ConditionCheck in each write;
  // a caller that gives its own user lookup (a test, a conversion) gets exactly that lookup.
  const owners = overrides.users ? undefined : new KeptUserLookup(table);
  const accounts = new DynamoAccountStore(table, { settingUsage, settingsChanged, owners });
  const contacts = new DynamoContactStore(table, { settingUsage, settingsChanged });
  return {
    accounts: new AccountService({ ...deps, ...references, ...(owners ? { users: owners } : {}), accounts }),
    contacts: new ContactService({ ...deps, ...references, contacts, accounts }),
    subjects: new SubjectService({
      ...deps,
      accounts,
      contacts,
      notes: new DynamoNoteStore(table),
      history: new DynamoHistoryStore(table),
      identification: new DynamoIdentificationStore(table),
    }),
  };
}
