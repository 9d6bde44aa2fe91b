import { AccountService } from '#domain/accounts/account-service';
import { ContactService } from '#domain/accounts/contact-service';
import type { ReferencePorts } from '#domain/accounts/references';
import { SubjectService } from '#domain/accounts/subject-service';
import type { ServiceDeps } from '#domain/service-context';
import { DynamoAccountStore } from '#table/accounts/account-store';
import type { SettingUsageItems } from '#table/accounts/accounts-commit';
import { DynamoContactStore } from '#table/accounts/contact-store';
import { DynamoIdentificationStore } from '#table/accounts/identification-store';
import { DynamoNoteStore } from '#table/accounts/note-store';
import { DynamoHistoryStore } from '#table/core/history-store';
import type { Table } from '#table/core/table';
import { DynamoTenantDirectory } from '#table/core/tenant-directory';
import { serviceDeps } from './service-deps';

export interface AccountsServices {
  readonly accounts: AccountService;
  readonly contacts: ContactService;
  readonly subjects: SubjectService;
  readonly tenants: DynamoTenantDirectory;
}

/**
 * What the accounts module uses of other modules, each optional: settings
 * and users to check references (unchecked without them), and the settings'
 * usage counters, moved in the transaction of each account or contact change.
 */
export interface AccountsPorts extends ReferencePorts {
  readonly settingUsage?: SettingUsageItems;
}

/** Wires the accounts module's domain services to the table. */
export function accountsServices(
  table: Table,
  overrides: Partial<ServiceDeps> = {},
  ports: AccountsPorts = {},
): AccountsServices {
  const tenants = new DynamoTenantDirectory(table);
  const deps = serviceDeps(table, { tenants, ...overrides });
  const { settingUsage, ...references } = ports;
  const accounts = new DynamoAccountStore(table, { settingUsage });
  const contacts = new DynamoContactStore(table, { settingUsage });
  return {
    tenants,
    accounts: new AccountService({ ...deps, ...references, accounts }),
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
