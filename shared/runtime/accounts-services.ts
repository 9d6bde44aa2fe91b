import { monotonicFactory } from 'ulid';
import { AccountService } from '../domain/accounts/account-service';
import { ContactService } from '../domain/accounts/contact-service';
import { SubjectService } from '../domain/accounts/subject-service';
import type { ServiceDeps } from '../domain/service-context';
import { DynamoAccountStore } from '../table/account-store';
import { DynamoContactStore } from '../table/contact-store';
import { DynamoHistoryStore } from '../table/history-store';
import { DynamoIdentificationStore } from '../table/identification-store';
import { DynamoNoteStore } from '../table/note-store';
import type { Table } from '../table/table';
import { DynamoTenantDirectory } from '../table/tenant-directory';

export interface AccountsServices {
  readonly accounts: AccountService;
  readonly contacts: ContactService;
  readonly subjects: SubjectService;
  readonly tenants: DynamoTenantDirectory;
}

/** Wires the accounts module's domain services to the table. */
export function accountsServices(table: Table, overrides: Partial<ServiceDeps> = {}): AccountsServices {
  const ulid = monotonicFactory();
  const tenants = new DynamoTenantDirectory(table);
  const deps: ServiceDeps = {
    tenants,
    clock: { now: () => new Date() },
    ids: { next: () => ulid() },
    ...overrides,
  };
  const accounts = new DynamoAccountStore(table);
  const contacts = new DynamoContactStore(table);
  return {
    tenants,
    accounts: new AccountService({ ...deps, accounts }),
    contacts: new ContactService({ ...deps, contacts, accounts }),
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
