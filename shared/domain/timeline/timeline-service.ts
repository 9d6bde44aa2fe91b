import type { HistoryStore, Subject } from '#domain/accounts/records';
import type { AccountStore, ContactStore } from '#domain/accounts/stores';
import { NotFoundError } from '#domain/errors';
import type { Actor, Page, PageRequest } from '#domain/ports';
import { type TimelineEntry, timelineEntryOf } from './timeline';

export interface TimelineDeps {
  readonly accounts: AccountStore;
  readonly contacts: ContactStore;
  readonly history: HistoryStore;
}

/**
 * One feed per account or contact of notes, messages, attachments,
 * activities and changes, newest first: one Query of the subject's history.
 * An account's feed holds its contacts' entries too.
 */
export class TimelineService {
  constructor(private readonly deps: TimelineDeps) {}

  async forAccount(actor: Actor, accountId: string, page: PageRequest): Promise<Page<TimelineEntry>> {
    const account = await this.deps.accounts.get(actor.tenantId, accountId);
    if (!account || account.deletedAt !== undefined) throw new NotFoundError('account', accountId);
    return this.feed(actor, { type: 'account', id: accountId }, page);
  }

  async forContact(actor: Actor, contactId: string, page: PageRequest): Promise<Page<TimelineEntry>> {
    const contact = await this.deps.contacts.get(actor.tenantId, contactId);
    // A merged contact keeps its own feed; the survivor's holds a copy of it (ADR 0032).
    const live = contact && (contact.deletedAt === undefined || contact.mergedInto !== undefined);
    if (!live) throw new NotFoundError('contact', contactId);
    return this.feed(actor, { type: 'contact', id: contactId }, page);
  }

  private async feed(actor: Actor, subject: Subject, page: PageRequest): Promise<Page<TimelineEntry>> {
    const history = await this.deps.history.list(actor.tenantId, subject, page);
    return {
      items: history.items.map(timelineEntryOf),
      ...(history.nextCursor ? { nextCursor: history.nextCursor } : {}),
    };
  }
}
