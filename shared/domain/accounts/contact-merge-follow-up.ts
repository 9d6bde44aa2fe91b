import type { DomainEventOf } from '#domain/event-catalogue';
import { changeContext, type ServiceDeps } from '#domain/service-context';
import type { ChangeContext } from '#domain/stamps';
import type { Contact } from './contact';
import type { HistoryStore } from './records';
import type { ContactStore } from './stores';

/** The moves that follow a contact merge, each idempotent: a second run finds nothing left to move. */
export interface ContactMergeMoves {
  /** Notes, attachments and consent history, from the loser's partition to the survivor's. */
  moveBesideItems(tenantId: string, loserId: string, survivorId: string): Promise<void>;
  /** The loser's activities and tasks made the survivor's. */
  repointActivities(tenantId: string, loserId: string, survivorId: string): Promise<void>;
  /** The loser's stale places in the owners items of its phones and e-mail (see `handedOver`). */
  releaseOwners(loser: Contact): Promise<void>;
}

/**
 * Another module's records that name a merged contact (deals, cases), made
 * the survivor's with that module's own versioned writes and events. Like
 * the moves, a second run finds nothing left that names the loser.
 */
export interface MergedContactReferences {
  repoint(ctx: ChangeContext, loser: Contact, survivorId: string): Promise<void>;
}

/** Longer than any real chain of merges; a longer one is a bug, not a reason to loop. */
const maxHops = 8;

/** History entries copied per page. */
const historyPage = 100;

/**
 * What a `ContactsMerged` leaves to do after its transaction (ADR 0032):
 * the loser's notes, attachments, consent history, activities and tasks
 * move to the survivor, the deals and cases that name the loser name the
 * survivor (as changes by the merging user), and the survivor's history (its timeline) gains the
 * loser's entries, which the loser keeps too: a history is never rewritten.
 * Only the survivor's event of the pair does the work. Every step is
 * idempotent, so a redelivered or a concurrent run has one effect.
 */
export class ContactMergeFollowUp {
  constructor(
    private readonly deps: {
      readonly contacts: ContactStore;
      readonly history: HistoryStore;
      readonly moves: ContactMergeMoves;
      readonly references: readonly MergedContactReferences[];
      readonly services: ServiceDeps;
    },
  ) {}

  async apply(event: DomainEventOf<'ContactsMerged'>): Promise<void> {
    const { survivorId, loserId, loserEventId } = event.data;
    if (event.subject.id !== survivorId) return;
    const { tenantId } = event;
    const loser = await this.deps.contacts.get(tenantId, loserId);
    if (!loser?.mergedInto) return;
    // The survivor may itself have been merged since: the items go where its chain ends.
    const target = await this.liveEnd(tenantId, survivorId);
    await this.deps.moves.releaseOwners(loser);
    await this.deps.moves.moveBesideItems(tenantId, loserId, target);
    await this.deps.moves.repointActivities(tenantId, loserId, target);
    const ctx = await changeContext(this.deps.services, { tenantId, userId: event.actor.userId });
    for (const references of this.deps.references) await references.repoint(ctx, loser, target);
    await this.copyHistory(tenantId, loserId, target, loserEventId);
  }

  private async liveEnd(tenantId: string, survivorId: string): Promise<string> {
    let id = survivorId;
    for (let hop = 0; hop < maxHops; hop++) {
      const next = (await this.deps.contacts.get(tenantId, id))?.mergedInto;
      if (!next) return id;
      id = next;
    }
    throw new Error(`contact ${survivorId} is at the start of a chain of more than ${maxHops} merges`);
  }

  /** Each entry into the survivor's history under its own event id: a copy made before is found, not doubled. */
  private async copyHistory(tenantId: string, loserId: string, target: string, skip?: string) {
    let cursor: string | undefined;
    do {
      const page = await this.deps.history.list(
        tenantId,
        { type: 'contact', id: loserId },
        { limit: historyPage, cursor },
      );
      for (const entry of page.items) {
        // The loser's own merge entry: the survivor has its twin.
        if (entry.eventId === skip) continue;
        await this.deps.history.record(tenantId, entry, [{ type: 'contact', id: target }]);
      }
      cursor = page.nextCursor;
    } while (cursor);
  }
}
