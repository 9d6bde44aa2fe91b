import { assertVersion, MergedError, NotFoundError, ValidationError } from '#domain/errors';
import type { DomainEvent } from '#domain/events';
import type { Nullable } from '#domain/patch';
import type { Actor, Created, IdempotencyToken, Page, PageRequest } from '#domain/ports';
import { changeContext, type ServiceDeps } from '#domain/service-context';
import { type ChangeContext, softDeleted } from '#domain/stamps';
import { newAccountEvent } from './account-events';
import { type Contact, type ContactDraft, type ContactPatch, createContact, updateContact } from './contact';
import { assertCategory, assertReferences, changedContactRefs, type ReferencePorts } from './references';
import type { AccountStore, ContactFilter, ContactStore } from './stores';

export class ContactService {
  constructor(
    private readonly deps: ServiceDeps &
      ReferencePorts & { readonly contacts: ContactStore; readonly accounts: AccountStore },
  ) {}

  /** A referenced account must be a live account of the caller's tenant. */
  private async assertAccount(actor: Actor, accountId: string | null | undefined): Promise<void> {
    if (!accountId) return;
    const account = await this.deps.accounts.get(actor.tenantId, accountId);
    if (!account || account.deletedAt !== undefined) {
      throw new ValidationError([{ name: 'accountId', reason: 'no such account' }]);
    }
  }

  async create(
    actor: Actor,
    draft: Nullable<ContactDraft>,
    idempotency?: IdempotencyToken,
  ): Promise<Created<Contact>> {
    await this.assertAccount(actor, draft.accountId);
    const { contact, event } = await this.prepareCreate(actor, draft, await changeContext(this.deps, actor));
    return this.deps.contacts.create(contact, event, idempotency);
  }

  /**
   * A new contact checked and built with its event, not yet written. Its
   * account is not looked up: a lead conversion creates both together.
   */
  async prepareCreate(
    actor: Actor,
    draft: Nullable<ContactDraft>,
    ctx: ChangeContext,
  ): Promise<{ contact: Contact; event: DomainEvent }> {
    const contact = createContact(this.deps.ids.next(), draft, ctx);
    await assertReferences(
      this.deps,
      actor.tenantId,
      'contact',
      changedContactRefs(undefined, contact, draft),
    );
    const subject = { type: 'contact' as const, id: contact.id, accountId: contact.accountId };
    const event = newAccountEvent(this.deps, ctx, 'ContactCreated', { subject, data: { contact } });
    return { contact, event };
  }

  /** A live contact; a merged one is a 409 naming its survivor, so nothing changes a tombstone. */
  async get(actor: Actor, contactId: string): Promise<Contact> {
    const contact = await this.deps.contacts.get(actor.tenantId, contactId);
    if (contact?.mergedInto) throw new MergedError('contact', contactId, contact.mergedInto);
    if (!contact || contact.deletedAt !== undefined) throw new NotFoundError('contact', contactId);
    return contact;
  }

  async update(
    actor: Actor,
    contactId: string,
    expectedVersion: number,
    patch: ContactPatch,
  ): Promise<Contact> {
    const current = await this.get(actor, contactId);
    assertVersion('contact', current, expectedVersion);
    if (patch.accountId !== current.accountId) await this.assertAccount(actor, patch.accountId);
    const ctx = await changeContext(this.deps, actor);
    const { contact, changes } = updateContact(current, patch, ctx);
    if (changes.length === 0) return current;
    // Only what this change sets is checked: an untouched reference stays valid as it was.
    await assertReferences(this.deps, actor.tenantId, 'contact', changedContactRefs(current, contact, patch));
    // A move shows in the history of the account it left as well as the one it joined.
    const moved = contact.accountId !== current.accountId;
    const subject = {
      type: 'contact' as const,
      id: contactId,
      ...(contact.accountId ? { accountId: contact.accountId } : {}),
      ...(moved && current.accountId ? { previousAccountId: current.accountId } : {}),
    };
    const event = newAccountEvent(this.deps, ctx, 'ContactUpdated', { subject, data: { contact }, changes });
    await this.deps.contacts.update(current, contact, event);
    return contact;
  }

  async remove(actor: Actor, contactId: string, expectedVersion?: number): Promise<void> {
    const current = await this.get(actor, contactId);
    assertVersion('contact', current, expectedVersion);
    const ctx = await changeContext(this.deps, actor);
    const deleted = softDeleted(current, ctx);
    const subject = { type: 'contact' as const, id: contactId, accountId: current.accountId };
    const event = newAccountEvent(this.deps, ctx, 'ContactDeleted', { subject, data: { contactId } });
    await this.deps.contacts.update(current, deleted, event);
  }

  /** The contacts of an account that is deleted, or not the caller's, answer 404 like the account. */
  async list(actor: Actor, filter: ContactFilter, page: PageRequest): Promise<Page<Contact>> {
    if (filter.accountId) {
      const account = await this.deps.accounts.get(actor.tenantId, filter.accountId);
      if (!account || account.deletedAt !== undefined) throw new NotFoundError('account', filter.accountId);
    }
    return this.deps.contacts.list(actor.tenantId, filter, page);
  }

  /** Contacts in a category (R-ST-1), without those of deleted accounts; an unknown category is a 404. */
  async byCategory(actor: Actor, categoryId: string, page: PageRequest): Promise<Page<Contact>> {
    await assertCategory(this.deps, actor.tenantId, categoryId);
    return this.deps.contacts.byCategory(actor.tenantId, categoryId, page);
  }
}
