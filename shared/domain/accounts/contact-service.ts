import { assertVersion, MergedError, NotFoundError, ValidationError } from '#domain/errors';
import type { DomainEvent } from '#domain/events';
import type { Nullable } from '#domain/patch';
import type { Actor, Created, IdempotencyToken, Page, PageRequest } from '#domain/ports';
import { changeContext, type ServiceDeps } from '#domain/service-context';
import { type ChangeContext, softDeleted } from '#domain/stamps';
import { newAccountEvent } from './account-events';
import { type Contact, type ContactDraft, type ContactPatch, createContact, updateContact } from './contact';
import { type ContactMergeChoice, mergeContacts } from './contact-merge';
import { assertCategory, assertReferences, changedContactRefs, type ReferencePorts } from './references';
import type { AccountStore, ContactFilter, ContactStore } from './stores';

/** How many merges a read follows from a tombstone before it gives up (a chain longer is a bug). */
const maxMergeHops = 8;

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
    if (contact?.mergedInto) throw new MergedError('contact', contactId, contact.mergedInto, 'contactId');
    if (!contact || contact.deletedAt !== undefined) throw new NotFoundError('contact', contactId);
    return contact;
  }

  /**
   * A read by id: the live contact, or where a merged one's tombstone leads.
   * A chain (A merged into B, B later into C) is followed to its end, so the
   * answer always names a live contact.
   */
  async read(actor: Actor, contactId: string): Promise<{ contact: Contact } | { mergedInto: string }> {
    let id = contactId;
    for (let hop = 0; hop <= maxMergeHops; hop++) {
      const contact = await this.deps.contacts.get(actor.tenantId, id);
      if (contact?.mergedInto) {
        id = contact.mergedInto;
        continue;
      }
      if (!contact || contact.deletedAt !== undefined) break;
      return id === contactId ? { contact } : { mergedInto: id };
    }
    throw new NotFoundError('contact', contactId);
  }

  /**
   * Merges `loserId` into the contact `survivorId` (R-AC-8, ADR 0032), in
   * one transaction: the survivor with the values kept, the loser's
   * tombstone, the identification items and the customer-id guard handed
   * over, and a `ContactsMerged` event in each history. Notes, attachments,
   * activities, consent history and the timeline follow from that event.
   */
  async merge(
    actor: Actor,
    survivorId: string,
    expectedVersion: number,
    request: { readonly loserId: string; readonly keep?: ContactMergeChoice },
  ): Promise<Contact> {
    if (request.loserId === survivorId) {
      throw new ValidationError([{ name: 'loserId', reason: 'a contact cannot be merged into itself' }]);
    }
    const current = await this.get(actor, survivorId);
    assertVersion('contact', current, expectedVersion);
    const loser = await this.deps.contacts.get(actor.tenantId, request.loserId);
    if (loser?.mergedInto) throw new MergedError('contact', loser.id, loser.mergedInto, 'loserId');
    if (!loser || loser.deletedAt !== undefined) throw new NotFoundError('contact', request.loserId);
    const ctx = await changeContext(this.deps, actor);
    const { survivor, tombstone, changes } = mergeContacts(current, loser, request.keep ?? {}, ctx);
    if (survivor.accountId !== current.accountId) await this.assertAccount(actor, survivor.accountId);
    await assertReferences(this.deps, actor.tenantId, 'contact', changedContactRefs(current, survivor, {}));
    const data = { survivorId, loserId: loser.id };
    const loserEvent = newAccountEvent(this.deps, ctx, 'ContactsMerged', {
      subject: { type: 'contact', id: loser.id, ...(loser.accountId ? { accountId: loser.accountId } : {}) },
      data: { ...data, summary: `Merged into ${survivor.firstName} ${survivor.lastName}` },
    });
    const survivorEvent = newAccountEvent(this.deps, ctx, 'ContactsMerged', {
      subject: {
        type: 'contact',
        id: survivorId,
        ...(survivor.accountId ? { accountId: survivor.accountId } : {}),
        ...(current.accountId && current.accountId !== survivor.accountId
          ? { previousAccountId: current.accountId }
          : {}),
      },
      data: {
        ...data,
        contact: survivor,
        loserEventId: loserEvent.id,
        summary: `Merged with ${loser.firstName} ${loser.lastName}`,
      },
      changes,
    });
    await this.deps.contacts.merge(
      { previous: current, next: survivor, event: survivorEvent },
      { previous: loser, next: tombstone, event: loserEvent },
    );
    return survivor;
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
