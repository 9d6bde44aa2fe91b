import type { AccountService } from '#domain/accounts/account-service';
import type { CompanyRegister } from '#domain/registers/company-register';
import { RegisterLookupService } from '#domain/registers/register-lookup-service';
import { RegisterSuggestionService } from '#domain/registers/register-suggestion-service';
import type { ServiceDeps } from '#domain/service-context';
import { DynamoAccountStore } from '#table/accounts/account-store';
import type { Table } from '#table/core/table';
import { DynamoRegisterSuggestionStore } from '#table/registers/register-suggestion-store';
import { serviceDeps } from './service-deps';

/** The register lookup of the consumer: accounts read and written on the table, the given register asked. */
export function registerLookupService(
  table: Table,
  register: CompanyRegister,
  overrides: Partial<ServiceDeps> = {},
): RegisterLookupService {
  return new RegisterLookupService({
    ...serviceDeps(table, overrides),
    accounts: new DynamoAccountStore(table),
    suggestions: new DynamoRegisterSuggestionStore(table),
    register,
  });
}

/** Reading and applying suggestions, through the accounts module's own service for the account's change. */
export function registerSuggestionService(table: Table, accounts: AccountService): RegisterSuggestionService {
  return new RegisterSuggestionService({ accounts, suggestions: new DynamoRegisterSuggestionStore(table) });
}
