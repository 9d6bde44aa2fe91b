import type { Account } from '#domain/accounts/account';
import type { AccountService } from '#domain/accounts/account-service';
import { assertVersion, NotFoundError } from '#domain/errors';
import type { Actor } from '#domain/ports';
import type { RegisterSuggestionStore } from './register-lookup-service';
import { type RegisterSuggestion, type SuggestedField, suggestionPatch } from './register-suggestion';

/** The register suggestion of an account as users see it, and applying it (R-AC-11). */
export class RegisterSuggestionService {
  constructor(
    private readonly deps: {
      readonly accounts: AccountService;
      readonly suggestions: Pick<RegisterSuggestionStore, 'get'>;
    },
  ) {}

  /** 404 for an unknown, deleted or foreign account, and while the register has not answered yet. */
  async get(actor: Actor, accountId: string): Promise<RegisterSuggestion> {
    await this.deps.accounts.get(actor, accountId);
    const suggestion = await this.deps.suggestions.get(actor.tenantId, accountId);
    if (!suggestion) throw new NotFoundError('register suggestion', accountId);
    return suggestion;
  }

  /**
   * Copies the chosen fields of the suggestion onto the account as the
   * caller's own change, at the version the caller read: in the history as
   * an `AccountUpdated` like any other edit.
   */
  async apply(
    actor: Actor,
    accountId: string,
    expectedVersion: number,
    fields: readonly SuggestedField[],
  ): Promise<Account> {
    const suggestion = await this.get(actor, accountId);
    const account = await this.deps.accounts.get(actor, accountId);
    assertVersion('account', account, expectedVersion);
    return this.deps.accounts.update(
      actor,
      accountId,
      expectedVersion,
      suggestionPatch(account, suggestion, fields),
    );
  }
}
