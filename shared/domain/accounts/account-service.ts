import { assertVersion, ConflictError, NotFoundError } from '#domain/errors';
import type { DomainEvent } from '#domain/events';
import type { Nullable } from '#domain/patch';
import type { Actor, Created, IdempotencyToken, Page, PageRequest } from '#domain/ports';
import type { SalesActor } from '#domain/sales/sales-ports';
import { changeContext, type ServiceDeps } from '#domain/service-context';
import { type ChangeContext, softDeleted } from '#domain/stamps';
import { clientChange } from '#domain/system-writes';
import {
  type Account,
  type AccountDraft,
  type AccountPatch,
  type AdditionalInfoInput,
  createAccount,
  restoreAccount,
  setAdditionalInfo,
  updateAccount,
} from './account';
import { newAccountEvent } from './account-events';
import { type AccountView, accountView } from './account-view';
import {
  accountSettingRefs,
  assertCategory,
  assertReferences,
  changedAccountRefs,
  type ReferencePorts,
} from './references';
import type { AccountFilter, AccountStore } from './stores';

export class AccountService {
  constructor(private readonly deps: ServiceDeps & ReferencePorts & { readonly accounts: AccountStore }) {}

  async create(
    actor: Actor,
    draft: Nullable<AccountDraft>,
    idempotency?: IdempotencyToken,
  ): Promise<Created<Account>> {
    const { account, event } = await this.prepareCreate(actor, draft, await changeContext(this.deps, actor));
    return this.deps.accounts.create(account, event, idempotency);
  }

  /** A new account checked and built with its event, not yet written (a lead conversion writes it with more). */
  async prepareCreate(
    actor: Actor,
    draft: Nullable<AccountDraft>,
    ctx: ChangeContext,
  ): Promise<{ account: Account; event: DomainEvent }> {
    const account = createAccount(this.deps.ids.next(), draft, ctx);
    await assertReferences(
      this.deps,
      actor.tenantId,
      'account',
      changedAccountRefs(undefined, account, draft.categoryIds),
      account.ownerId,
    );
    const event = newAccountEvent(this.deps, ctx, 'AccountCreated', {
      subject: { type: 'account', id: account.id },
      data: { account },
    });
    return { account, event };
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
    const ctx = await changeContext(this.deps, actor);
    return this.clientChange(actor, accountId, expectedVersion, async (current) => {
      const { account, changes } = updateAccount(current, patch, ctx);
      if (changes.length === 0) return current;
      // Only what this change sets is checked: an untouched reference stays valid as it was.
      await assertReferences(
        this.deps,
        actor.tenantId,
        'account',
        changedAccountRefs(current, account, patch.categoryIds),
        account.ownerId !== current.ownerId ? account.ownerId : undefined,
      );
      const event = newAccountEvent(this.deps, ctx, 'AccountUpdated', {
        subject: { type: 'account', id: accountId },
        data: { account },
        changes,
      });
      await this.deps.accounts.update(current, account, event);
      return account;
    });
  }

  /** Replaces the additional-information section (R-AC-10); in the history as an `AccountUpdated`. */
  async setAdditionalInfo(
    actor: Actor,
    accountId: string,
    expectedVersion: number,
    info: AdditionalInfoInput,
  ): Promise<Account> {
    const ctx = await changeContext(this.deps, actor);
    return this.clientChange(actor, accountId, expectedVersion, async (current) => {
      const { account, changes } = setAdditionalInfo(current, info, ctx);
      if (changes.length === 0) return current;
      const event = newAccountEvent(this.deps, ctx, 'AccountUpdated', {
        subject: { type: 'account', id: accountId },
        data: { account },
        changes,
      });
      await this.deps.accounts.update(current, account, event);
      return account;
    });
  }

  /** A client's change, made again on a fresh read when a system write got in between (ADR 0011). */
  private clientChange(
    actor: Actor,
    accountId: string,
    expectedVersion: number | undefined,
    write: (current: Account) => Promise<Account>,
  ): Promise<Account> {
    return clientChange(
      { resource: 'account', expectedVersion, read: () => this.get(actor, accountId) },
      write,
    );
  }

  /**
   * Soft delete (R-AC-9): the account leaves lists, reads, categories and
   * identification, and gives up its organisation number. Its contacts stay
   * as they are, so a restore brings the whole account back.
   */
  async remove(actor: Actor, accountId: string, expectedVersion?: number): Promise<void> {
    const ctx = await changeContext(this.deps, actor);
    // A register lookup's write in between leaves the client's version: the delete is made again on it.
    await this.clientChange(actor, accountId, expectedVersion, async (current) => {
      const deleted = softDeleted(current, ctx);
      const event = newAccountEvent(this.deps, ctx, 'AccountDeleted', {
        subject: { type: 'account', id: accountId },
        data: { accountId },
      });
      await this.deps.accounts.update(current, deleted, event);
      return deleted;
    });
  }

  /** Deleted accounts, for an administrator to restore (R-AC-9). */
  listDeleted(actor: Actor, page: PageRequest): Promise<Page<Account>> {
    return this.deps.accounts.listDeleted(actor.tenantId, page);
  }

  /**
   * Brings a deleted account back with its contacts, identification and
   * categories (R-AC-9). Its organisation number is claimed again in the same
   * transaction: if another account has it now, the restore is refused (409
   * naming `orgNumber`) and nothing changes. References to settings deleted
   * meanwhile are dropped and show as the restore's changes.
   */
  async restore(actor: Actor, accountId: string, expectedVersion?: number): Promise<Account> {
    const current = await this.deps.accounts.get(actor.tenantId, accountId);
    if (!current) throw new NotFoundError('account', accountId);
    if (current.deletedAt === undefined)
      throw new ConflictError('invalid-state', `account ${accountId} is not deleted`);
    assertVersion('account', current, expectedVersion);
    const ctx = await changeContext(this.deps, actor);
    const refs = accountSettingRefs({ ...current, deletedAt: undefined });
    const gone =
      this.deps.settings && refs.length > 0 ? await this.deps.settings.missing(actor.tenantId, refs) : [];
    const { account, changes } = restoreAccount(current, gone, ctx);
    const event = newAccountEvent(this.deps, ctx, 'AccountRestored', {
      subject: { type: 'account', id: accountId },
      data: { account },
      ...(changes.length > 0 ? { changes } : {}),
    });
    await this.deps.accounts.update(current, account, event);
    return account;
  }

  list(actor: Actor, filter: AccountFilter, page: PageRequest): Promise<Page<Account>> {
    return this.deps.accounts.list(actor.tenantId, filter, page);
  }

  /** Accounts in a category (R-ST-1); an unknown category is a 404 when settings can tell. */
  async byCategory(actor: Actor, categoryId: string, page: PageRequest): Promise<Page<Account>> {
    await assertCategory(this.deps, actor.tenantId, categoryId);
    return this.deps.accounts.byCategory(actor.tenantId, categoryId, page);
  }

  /**
   * The account with its contacts, supply points, open deals and contracts
   * (R-AC-6), in one Query; deals and contracts as far as the caller sees them.
   */
  async view(actor: SalesActor, accountId: string): Promise<AccountView> {
    const { account, ...collection } = await this.deps.accounts.collection(actor.tenantId, accountId);
    if (!account || account.deletedAt !== undefined) throw new NotFoundError('account', accountId);
    return accountView(actor, account, collection);
  }
}
