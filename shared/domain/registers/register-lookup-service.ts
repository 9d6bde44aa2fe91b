import type { Account } from '#domain/accounts/account';
import { newAccountEvent } from '#domain/accounts/account-events';
import { VersionMismatchError } from '#domain/errors';
import type { DomainEventOf } from '#domain/event-catalogue';
import { type DomainEvent, diffFields } from '#domain/events';
import { changeContext, type ServiceDeps } from '#domain/service-context';
import { systemWritten } from '#domain/system-writes';
import { type CompanyRegister, type RegisterQuery, registerQuery } from './company-register';
import { type RegisterSuggestion, struckOffFlag, suggestionOf } from './register-suggestion';

export interface RegisterSuggestionStore {
  get(tenantId: string, accountId: string): Promise<RegisterSuggestion | undefined>;
  /**
   * The suggestion, the account's system write and its event, together;
   * fails with VersionMismatchError when the account is no longer `previous`.
   */
  record(previous: Account, next: Account, suggestion: RegisterSuggestion, event: DomainEvent): Promise<void>;
}

export interface RegisterLookupDeps extends ServiceDeps {
  readonly accounts: { get(tenantId: string, accountId: string): Promise<Account | undefined> };
  readonly suggestions: RegisterSuggestionStore;
  readonly register: CompanyRegister;
}

/** The account events that may ask the register: a new account, or a changed organisation number. */
export const registerLookupEvents = ['AccountCreated', 'AccountUpdated'] as const;
type LookupEvent = DomainEventOf<(typeof registerLookupEvents)[number]>;

export type LookupOutcome = 'recorded' | 'nothing-to-ask' | 'stale';

/** Who the history names for the lookup's writes. */
export const registerLookupActor = 'register-lookups';

/** How often the write is tried when the account keeps changing under it. */
const attempts = 3;

const sameQuery = (a: RegisterQuery | undefined, b: RegisterQuery) =>
  a !== undefined && a.country === b.country && a.orgNumber === b.orgNumber;

/**
 * Looks an account's company up in the register when the account is made or
 * its organisation number changes (R-AC-11), and stores the answer as a
 * suggestion beside it; a struck-off company is flagged on the account as a
 * system write (ADR 0011). Safe to repeat: a redelivered event stores the
 * same suggestion again. An event about a number the account no longer has
 * (a late or reordered delivery), or about a deleted account, is dropped.
 * Register failures are thrown for the queue to retry.
 */
export class RegisterLookupService {
  constructor(private readonly deps: RegisterLookupDeps) {}

  async handle(event: LookupEvent): Promise<LookupOutcome> {
    const { account } = event.data;
    const numberChanged =
      event.type === 'AccountCreated' ||
      (event.changes ?? []).some((c) => c.field === 'orgNumber' || c.field === 'country');
    const query = numberChanged ? registerQuery(account.country, account.orgNumber) : undefined;
    if (!query) return 'nothing-to-ask';
    return this.lookUp(event.tenantId, account.id, query);
  }

  async lookUp(tenantId: string, accountId: string, query: RegisterQuery): Promise<LookupOutcome> {
    let current = await this.current(tenantId, accountId, query);
    if (!current) return 'stale';
    const answer = await this.deps.register.lookup(query);
    for (let attempt = 1; ; attempt++) {
      if (!current) return 'stale';
      const ctx = await changeContext(this.deps, { tenantId, userId: registerLookupActor });
      const suggestion = suggestionOf(current, query, answer, ctx.now.toISOString());
      const { struckOff: _, ...rest } = current;
      const flag = struckOffFlag(current.struckOff, suggestion);
      const next: Account = systemWritten(flag ? { ...rest, struckOff: flag } : rest);
      const changes = diffFields(current, next, ['struckOff']);
      const event = newAccountEvent(this.deps, ctx, 'AccountRegisterChecked', {
        subject: { type: 'account', id: accountId },
        data: { orgNumber: query.orgNumber, status: suggestion.status, struckOff: suggestion.struckOff },
        ...(changes.length > 0 ? { changes } : {}),
      });
      try {
        await this.deps.suggestions.record(current, next, suggestion, event);
        return 'recorded';
      } catch (error) {
        if (attempt >= attempts || !(error instanceof VersionMismatchError)) throw error;
      }
      current = await this.current(tenantId, accountId, query);
    }
  }

  /** The live account, if it still has the number asked about. */
  private async current(tenantId: string, accountId: string, query: RegisterQuery) {
    const account = await this.deps.accounts.get(tenantId, accountId);
    if (!account || account.deletedAt !== undefined) return undefined;
    return sameQuery(registerQuery(account.country, account.orgNumber), query) ? account : undefined;
  }
}
