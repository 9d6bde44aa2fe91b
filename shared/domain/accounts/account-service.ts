import { assertVersion, NotFoundError } from '../errors';
import type { Nullable } from '../patch';
import type { Actor, Created, IdempotencyToken, Page, PageRequest } from '../ports';
import { changeContext, domainEvent, eventSources, type ServiceDeps } from '../service-context';
import { softDeleted } from '../stamps';
import { type Account, type AccountDraft, type AccountPatch, createAccount, updateAccount } from './account';
import type { Contact } from './contact';
import type { AccountFilter, AccountStore } from './stores';

export class AccountService {
  constructor(private readonly deps: ServiceDeps & { readonly accounts: AccountStore }) {}

  async create(
    actor: Actor,
    draft: Nullable<AccountDraft>,
    idempotency?: IdempotencyToken,
  ): Promise<Created<Account>> {
    const ctx = await changeContext(this.deps, actor);
    const account = createAccount(this.deps.ids.next(), draft, ctx);
    const event = domainEvent(
      this.deps,
      ctx,
      eventSources.accounts,
      'AccountCreated',
      { type: 'account', id: account.id },
      { account },
    );
    return this.deps.accounts.create(account, event, idempotency);
  }

  /** A deleted account answers as if it did not exist, like another tenant's. */
  async get(actor: Actor, accountId: string): Promise<Account> {
    const account = await this.deps.accounts.get(actor.tenantId, accountId);
    if (!account || account.deletedAt !== undefined) throw new NotFoundError('account', accountId);
    return account;
  }

  async update(
    actor: Actor,
    accountId: string,
    expectedVersion: number,
    patch: AccountPatch,
  ): Promise<Account> {
    const current = await this.get(actor, accountId);
    assertVersion('account', current, expectedVersion);
    const ctx = await changeContext(this.deps, actor);
    const { account, changes } = updateAccount(current, patch, ctx);
    if (changes.length === 0) return current;
    const event = domainEvent(
      this.deps,
      ctx,
      eventSources.accounts,
      'AccountUpdated',
      { type: 'account', id: accountId },
      { account },
      changes,
    );
    await this.deps.accounts.update(current, account, event);
    return account;
  }

  /**
   * Soft delete (R-AC-9): the account leaves lists, reads and identification,
   * and gives up its organisation number. Its contacts stay as they are, so a
   * restore brings the whole account back.
   */
  async remove(actor: Actor, accountId: string, expectedVersion?: number): Promise<void> {
    const current = await this.get(actor, accountId);
    assertVersion('account', current, expectedVersion);
    const ctx = await changeContext(this.deps, actor);
    const deleted = softDeleted(current, ctx);
    const event = domainEvent(
      this.deps,
      ctx,
      eventSources.accounts,
      'AccountDeleted',
      { type: 'account', id: accountId },
      { accountId },
    );
    await this.deps.accounts.update(current, deleted, event);
  }

  list(actor: Actor, filter: AccountFilter, page: PageRequest): Promise<Page<Account>> {
    return this.deps.accounts.list(actor.tenantId, filter, page);
  }

  /** The account with its contacts (R-AC-6), in one Query. */
  async view(actor: Actor, accountId: string): Promise<{ account: Account; contacts: Contact[] }> {
    const { account, contacts } = await this.deps.accounts.collection(actor.tenantId, accountId);
    if (!account || account.deletedAt !== undefined) throw new NotFoundError('account', accountId);
    return { account, contacts };
  }
}
