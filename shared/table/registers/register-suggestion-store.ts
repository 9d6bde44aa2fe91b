import type { Account } from '#domain/accounts/account';
import type { DomainEvent } from '#domain/events';
import type { RegisterSuggestionStore } from '#domain/registers/register-lookup-service';
import type { RegisterSuggestion } from '#domain/registers/register-suggestion';
import { DynamoAccountStore } from '#table/accounts/account-store';
import { commitChange } from '#table/core/commit-change';
import type { Table } from '#table/core/table';
import { registerSuggestionEntity } from './entities';

export class DynamoRegisterSuggestionStore implements RegisterSuggestionStore {
  private readonly accounts: DynamoAccountStore;

  constructor(private readonly table: Table) {
    // The lookup changes no category, setting or owner: the account's writes need none of their ports.
    this.accounts = new DynamoAccountStore(table);
  }

  get(tenantId: string, accountId: string): Promise<RegisterSuggestion | undefined> {
    return registerSuggestionEntity.get(this.table, { tenantId, accountId }, 'consistent');
  }

  /**
   * The suggestion, the account's system write and its event in one
   * transaction, conditional on the account's version and revision: a
   * suggestion is never stored for an account that changed since it was read.
   */
  async record(previous: Account, next: Account, suggestion: RegisterSuggestion, event: DomainEvent) {
    const change = this.accounts.changeOf(previous, next, event);
    const put = {
      Put: {
        TableName: this.table.name,
        Item: registerSuggestionEntity.item(suggestion, {
          key: { tenantId: suggestion.tenantId, accountId: suggestion.accountId },
        }),
      },
    };
    await commitChange(this.table, { ...change, extra: [...change.extra, put] });
  }
}
