import { ContactMergeService } from '#domain/accounts/contact-merge-service';
import { ContactService } from '#domain/accounts/contact-service';
import { DynamoAccountStore } from '#table/accounts/account-store';
import { DynamoContactMergeStore } from '#table/accounts/contact-merge-store';
import { DynamoContactStore } from '#table/accounts/contact-store';
import { accountPorts } from './account-ports';
import type { AccountsOverrides } from './accounts-services';
import type { Environment } from './environment';
import { serviceDeps } from './service-deps';

/** Wires contact merges (ADR 0032) to the table, with the same reference checks and usage counts as every contact write. */
export function contactMergeServices(
  env: Pick<Environment, 'table'>,
  overrides: AccountsOverrides = {},
): ContactMergeService {
  const { table } = env;
  const deps = serviceDeps(table, overrides);
  const { settingUsage, settingsChanged, ...references } = accountPorts(table, overrides);
  const contacts = new DynamoContactStore(table, { settingUsage, settingsChanged });
  const accounts = new DynamoAccountStore(table, { settingUsage, settingsChanged });
  return new ContactMergeService({
    ...deps,
    ...references,
    contacts,
    accounts,
    merges: new DynamoContactMergeStore(table, contacts, settingsChanged),
    live: new ContactService({ ...deps, ...references, contacts, accounts }),
  });
}
