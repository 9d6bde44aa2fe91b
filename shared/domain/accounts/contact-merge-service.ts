import { assertVersion, MergedError, NotFoundError, ValidationError } from '#domain/errors';
import type { DomainEvent } from '#domain/events';
import type { Actor } from '#domain/ports';
import { changeContext, type ServiceDeps } from '#domain/service-context';
import { newAccountEvent } from './account-events';
import type { Contact } from './contact';
import { type ContactMergeChoice, mergeContacts } from './contact-merge';
import type { ContactService } from './contact-service';
import { assertReferences, changedContactRefs, type ReferencePorts } from './references';
import type { AccountStore, ContactStore } from './stores';

/** One side of a merge: the record as read, as written, and its event. */
export interface MergeSide<T> {
  readonly previous: T;
  readonly next: T;
  readonly event: DomainEvent;
}

export interface ContactMergeStore {
  /**
   * The survivor and the loser's tombstone in one transaction, each checked
   * against the version read; the loser's customer id and identification
   * items pass to the survivor where it keeps them (ADR 0032).
   */
  merge(survivor: MergeSide<Contact>, loser: MergeSide<Contact>): Promise<void>;
}

/**
 * Merges of duplicate contacts (R-AC-8, ADR 0032). Apart from the contact
 * service, so that only the function that serves the route carries it.
 */
export class ContactMergeService {
  constructor(
    private readonly deps: ServiceDeps &
      ReferencePorts & {
        readonly contacts: ContactStore;
        readonly accounts: AccountStore;
        readonly merges: ContactMergeStore;
        readonly live: Pick<ContactService, 'get'>;
      },
  ) {}

  /**
   * Merges `loserId` into the contact `survivorId`, in one transaction: the
   * survivor with the values kept, the loser's tombstone, the identification
   * items and the customer-id guard handed over, and a `ContactsMerged`
   * event in each history. Notes, attachments, activities, consent history
   * and the timeline follow from that event.
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
    const current = await this.deps.live.get(actor, survivorId);
    assertVersion('contact', current, expectedVersion);
    const loser = await this.deps.contacts.get(actor.tenantId, request.loserId);
    if (loser?.mergedInto) throw new MergedError('contact', loser.id, loser.mergedInto, 'loserId');
    if (!loser || loser.deletedAt !== undefined) throw new NotFoundError('contact', request.loserId);
    const ctx = await changeContext(this.deps, actor);
    const { survivor, tombstone, changes } = mergeContacts(current, loser, request.keep ?? {}, ctx);
    if (survivor.accountId && survivor.accountId !== current.accountId) {
      const account = await this.deps.accounts.get(actor.tenantId, survivor.accountId);
      if (!account || account.deletedAt !== undefined) {
        throw new ValidationError([{ name: 'keep.accountId', reason: 'no such account' }]);
      }
    }
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
    await this.deps.merges.merge(
      { previous: current, next: survivor, event: survivorEvent },
      { previous: loser, next: tombstone, event: loserEvent },
    );
    return survivor;
  }
}
