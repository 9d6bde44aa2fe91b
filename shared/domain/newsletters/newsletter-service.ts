import type { ContactStore } from '#domain/accounts/stores';
import type { Caller } from '#domain/caller';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
  VersionMismatchError,
} from '#domain/errors';
import type { Mailer } from '#domain/messaging/mailer';
import type { Created, IdempotencyToken, Page, PageRequest } from '#domain/ports';
import { changeContext, type ServiceDeps } from '#domain/service-context';
import type { ChangeContext } from '#domain/stamps';
import type { TenantProfile } from '#domain/tenant';
import type { ConsentChange } from './consent-change';
import {
  createNewsletter,
  isEditable,
  moved,
  type Newsletter,
  type NewsletterDraft,
  type NewsletterPatch,
  type NewsletterStatus,
  type NewsletterSummary,
  summaryOf,
  updateNewsletter,
  verifiedSenders,
} from './newsletter';
import type { HtmlSanitiser } from './newsletter-body';
import { newNewsletterEvent } from './newsletter-events';
import { newsletterMail } from './newsletter-mail';
import type { Audience, SendStarts, UnsubscribeLinks, UserMailboxes } from './newsletter-ports';
import type { NewsletterSettings } from './newsletter-settings';
import { matchesFilter } from './recipient-filter';
import { reviewRecipients } from './recipient-review';
import { type NewsletterProgress, noProgress } from './send-record';
import { type RecipientPage, type SnapshotRecipient, snapshotPages, withSelection } from './snapshot';
import type {
  ConsentStore,
  NewsletterSettingsStore,
  NewsletterStore,
  SnapshotStore,
  SuppressionStore,
} from './stores';
import type { Suppression } from './suppression';
import { pageLanguageOf } from './unsubscribe-page';

export interface NewsletterDeps extends ServiceDeps {
  readonly newsletters: NewsletterStore;
  readonly snapshots: SnapshotStore;
  readonly suppressions: SuppressionStore;
  readonly audience: Audience;
  readonly users: UserMailboxes;
  readonly mailer: Mailer;
  readonly sanitiser: HtmlSanitiser;
  readonly links: UnsubscribeLinks;
  readonly starts: SendStarts;
  readonly settings: NewsletterSettingsStore;
  readonly contacts: Pick<ContactStore, 'get'>;
  readonly consent: Pick<ConsentStore, 'history'>;
}

/** A newsletter with how far its sending got. */
export interface NewsletterView extends Newsletter {
  readonly progress: NewsletterProgress & { readonly remaining: number };
}

/** Who writes and sends newsletters: admins, marketing and sales. */
const writers = new Set(['admin', 'marketing', 'sales']);
export function assertNewsletterWriter(caller: Caller): void {
  if (!caller.roles.some((r) => writers.has(r)))
    throw new ForbiddenError('only admins, marketing and sales write and send newsletters');
}

/** The most recipients a send may go to when none is selected: none. */
const notSendable = 'review the newsletter and keep at least one recipient selected before sending';

/** A scheduled send must lie ahead by at least this, and within a year. */
const minLeadMillis = 60_000;
const maxAheadMillis = 366 * 24 * 3600 * 1000;

/**
 * Newsletters (R-NL-1, R-NL-2, R-PL-3): drafts, a test to oneself, the
 * review that snapshots who gets it, deselecting, and sending now or at a
 * time; pause, resume and cancel. The sender (`NewsletterSending`) does the
 * mailing.
 */
export class NewsletterService {
  constructor(private readonly deps: NewsletterDeps) {}

  private async current(actor: Caller, newsletterId: string): Promise<Newsletter> {
    const found = await this.deps.newsletters.get(actor.tenantId, newsletterId);
    if (!found || found.deletedAt !== undefined) throw new NotFoundError('newsletter', newsletterId);
    return found;
  }

  async create(
    actor: Caller,
    draft: NewsletterDraft,
    idempotency?: IdempotencyToken,
  ): Promise<Created<Newsletter>> {
    assertNewsletterWriter(actor);
    const ctx = await changeContext(this.deps, actor);
    const newsletter = createNewsletter(
      this.deps.ids.next(),
      draft,
      ctx,
      verifiedSenders(ctx.tenant),
      this.deps.sanitiser,
      pageLanguageOf(ctx.tenant.country),
    );
    const event = newNewsletterEvent(this.deps, ctx, 'NewsletterCreated', {
      subject: { type: 'newsletter', id: newsletter.id },
      data: { newsletter: summaryOf(newsletter) },
    });
    return this.deps.newsletters.create(newsletter, event, idempotency);
  }

  /** A page of newsletters, without their bodies. */
  async list(
    actor: Caller,
    filter: { status?: NewsletterStatus },
    page: PageRequest,
  ): Promise<Page<NewsletterSummary>> {
    const found = await this.deps.newsletters.list(actor.tenantId, filter, page);
    return { ...found, items: found.items.map(summaryOf) };
  }

  async view(actor: Caller, newsletterId: string): Promise<NewsletterView> {
    const newsletter = await this.current(actor, newsletterId);
    const progress = await this.deps.newsletters.progress(actor.tenantId, newsletterId);
    return { ...newsletter, progress: { ...progress, remaining: remainingOf(newsletter, progress) } };
  }

  async update(
    actor: Caller,
    newsletterId: string,
    expectedVersion: number,
    patch: NewsletterPatch,
  ): Promise<Newsletter> {
    assertNewsletterWriter(actor);
    const current = await this.current(actor, newsletterId);
    if (current.version !== expectedVersion) throw new VersionMismatchError('newsletter', newsletterId);
    assertEditable(current);
    const ctx = await changeContext(this.deps, actor);
    const { newsletter, changes } = updateNewsletter(
      current,
      patch,
      ctx,
      verifiedSenders(ctx.tenant),
      this.deps.sanitiser,
    );
    if (changes.length === 0) return current;
    await this.commit(ctx, current, newsletter, 'NewsletterUpdated', changes);
    // A new filter dropped the review: its snapshot goes too.
    if (current.review && !newsletter.review)
      await this.deps.snapshots.remove(actor.tenantId, newsletterId, current.review.id);
    return newsletter;
  }

  /** Only a newsletter that never started sending may go. */
  async remove(actor: Caller, newsletterId: string): Promise<void> {
    assertNewsletterWriter(actor);
    const current = await this.current(actor, newsletterId);
    if (!isEditable(current))
      throw new ConflictError(
        'invalid-state',
        `a ${current.status} newsletter cannot be deleted: it is kept as sent`,
      );
    const ctx = await changeContext(this.deps, actor);
    const deleted: Newsletter = { ...moved(current, current.status, ctx), deletedAt: ctx.now.toISOString() };
    await this.commit(ctx, current, deleted, 'NewsletterDeleted');
    if (current.review) await this.deps.snapshots.remove(actor.tenantId, newsletterId, current.review.id);
  }

  /** The rendered newsletter to the calling user's own address, marked as a test (R-NL-2). */
  async sendTest(
    actor: Caller,
    newsletterId: string,
  ): Promise<{ readonly to: string; readonly messageId: string }> {
    assertNewsletterWriter(actor);
    const newsletter = await this.current(actor, newsletterId);
    assertSenderVerified(await this.deps.tenants.profile(actor.tenantId), newsletter);
    const to = await this.deps.users.addressOf(actor.tenantId, actor.userId);
    if (!to)
      throw new ConflictError('missing-prerequisite', 'your user has no e-mail address to send a test to');
    // The test's link is a real one for no contact: following it unsubscribes nobody.
    const url = await this.deps.links.url(actor.tenantId, newsletter.id, `test-${actor.userId}`);
    const { messageId } = await this.deps.mailer.send(
      newsletterMail(newsletter, { email: to, contactId: `test-${actor.userId}` }, url, { test: true }),
    );
    return { to, messageId };
  }

  /**
   * Resolves the filter over the tenant's live contacts into the snapshot
   * that gets sent (R-NL-2): who has consent, an address, no suppression and
   * no paper preference, and how many were left out for each reason. A
   * contact added later is not in it; reviewing again makes a new one.
   */
  async review(actor: Caller, newsletterId: string): Promise<NewsletterView> {
    assertNewsletterWriter(actor);
    const current = await this.current(actor, newsletterId);
    assertEditable(current);
    const ctx = await changeContext(this.deps, actor);
    const [members, suppressed] = await Promise.all([
      this.deps.audience.members(actor.tenantId),
      this.deps.suppressions.all(actor.tenantId),
    ]);
    const matched = members.filter((m) =>
      matchesFilter(current.filter, { ...m.contact, accountCategoryIds: m.accountCategoryIds }),
    );
    const { selected, leftOut } = reviewRecipients(
      matched.map((m) => ({
        ...m,
        ...(m.accountPreference ? { accountPreference: m.accountPreference } : {}),
      })),
      (email) => suppressed.has(email),
    );
    const reviewId = this.deps.ids.next();
    const recipients: SnapshotRecipient[] = selected.map(({ contact }) => ({
      contactId: contact.id,
      email: (contact.email ?? '').trim().toLowerCase(),
      name: `${contact.firstName} ${contact.lastName}`,
      ...(contact.accountId ? { accountId: contact.accountId } : {}),
      selected: true,
    }));
    const pages = snapshotPages({ tenantId: actor.tenantId, newsletterId, reviewId }, recipients);
    await this.deps.snapshots.write(pages);
    const next = moved(current, 'reviewed', ctx, {
      review: {
        id: reviewId,
        at: ctx.now.toISOString(),
        by: actor.userId,
        matched: matched.length,
        recipients: recipients.length,
        deselected: 0,
        pages: pages.length,
        leftOut,
      },
    });
    try {
      await this.commit(ctx, current, next, 'NewsletterReviewed');
    } catch (error) {
      await this.deps.snapshots.remove(actor.tenantId, newsletterId, reviewId);
      throw error;
    }
    if (current.review) await this.deps.snapshots.remove(actor.tenantId, newsletterId, current.review.id);
    return { ...next, progress: { ...noProgress, remaining: remainingOf(next, noProgress) } };
  }

  /** The snapshot's recipients, a page at a time in contact-id order, each saying whether it is selected. */
  async recipients(actor: Caller, newsletterId: string, page: PageRequest): Promise<Page<SnapshotRecipient>> {
    const newsletter = await this.current(actor, newsletterId);
    if (!newsletter.review) return { items: [] };
    const pages = await this.deps.snapshots.list(actor.tenantId, newsletterId, newsletter.review.id, page);
    return {
      items: pages.items.flatMap((p) => p.recipients),
      ...(pages.nextCursor ? { nextCursor: pages.nextCursor } : {}),
    };
  }

  /** Selects or deselects recipients of the snapshot before sending (R-NL-2). */
  async select(
    actor: Caller,
    newsletterId: string,
    contactIds: readonly string[],
    selected: boolean,
  ): Promise<NewsletterView> {
    assertNewsletterWriter(actor);
    const current = await this.current(actor, newsletterId);
    const review = current.review;
    if (current.status !== 'reviewed' || !review)
      throw new ConflictError(
        'invalid-state',
        'only a reviewed newsletter that is not sending has recipients to select',
      );
    const ids = new Set(contactIds);
    const found = new Map<string, RecipientPage>();
    const missing: string[] = [];
    for (const contactId of ids) {
      const page = await this.deps.snapshots.pageOf(actor.tenantId, newsletterId, review.id, contactId);
      if (!page?.recipients.some((r) => r.contactId === contactId)) missing.push(contactId);
      else found.set(page.first, page);
    }
    if (missing.length > 0)
      throw new ValidationError(
        missing.map((id) => ({
          name: `contactIds.${contactIds.indexOf(id)}`,
          reason: 'not a recipient of the review',
        })),
      );
    let delta = 0;
    const changes = [...found.values()].map((previous) => {
      const change = withSelection(previous, ids, selected);
      delta += change.deselectedDelta;
      return { previous, next: change.page };
    });
    if (delta === 0) return this.view(actor, newsletterId);
    const ctx = await changeContext(this.deps, actor);
    const next = moved(current, 'reviewed', ctx, {
      review: { ...review, deselected: review.deselected + delta },
    });
    const event = newNewsletterEvent(this.deps, ctx, 'NewsletterReviewed', {
      subject: { type: 'newsletter', id: next.id },
      data: { newsletter: summaryOf(next) },
    });
    await this.deps.snapshots.select(current, next, changes, event);
    return this.view(actor, newsletterId);
  }

  /**
   * Sends the reviewed newsletter now, or schedules it for `at`. Sending
   * twice, or a newsletter without a review or selected recipients, is a 409.
   */
  async send(actor: Caller, newsletterId: string, at?: Date): Promise<NewsletterView> {
    assertNewsletterWriter(actor);
    const current = await this.current(actor, newsletterId);
    if (current.status !== 'reviewed') {
      const sent = ['scheduled', 'sending', 'paused', 'sent'].includes(current.status);
      throw new ConflictError(
        sent ? 'invalid-state' : 'missing-prerequisite',
        sent ? `the newsletter is ${current.status}: it is sent once` : notSendable,
      );
    }
    const review = current.review;
    if (!review || review.recipients - review.deselected <= 0)
      throw new ConflictError('missing-prerequisite', notSendable);
    const ctx = await changeContext(this.deps, actor);
    assertSenderVerified(ctx.tenant, current);
    if (at) {
      const ahead = at.getTime() - ctx.now.getTime();
      if (ahead < minLeadMillis || ahead > maxAheadMillis)
        throw new ValidationError([
          { name: 'at', reason: 'must lie at least a minute and at most a year ahead' },
        ]);
      const next = moved(current, 'scheduled', ctx, { sendAt: at.toISOString() });
      // The schedule first: should the write then fail, the schedule finds the newsletter not scheduled and does nothing.
      await this.deps.starts.schedule(actor.tenantId, newsletterId, at);
      await this.commit(ctx, current, next, 'NewsletterScheduled');
      return this.view(actor, newsletterId);
    }
    const next = moved(current, 'sending', ctx, { startedAt: ctx.now.toISOString() });
    await this.commit(ctx, current, next, 'NewsletterSendStarted');
    return this.view(actor, newsletterId);
  }

  /**
   * Schedules every scheduled newsletter's start again: a scheduler that
   * keeps its schedules in memory (the local runtime) lost them on a restart.
   */
  async rescheduleAll(tenantIds: readonly string[]): Promise<void> {
    for (const tenantId of tenantIds) {
      let cursor: string | undefined;
      do {
        const page = await this.deps.newsletters.list(
          tenantId,
          { status: 'scheduled' },
          { limit: 100, ...(cursor ? { cursor } : {}) },
        );
        for (const n of page.items)
          if (n.sendAt) await this.deps.starts.schedule(tenantId, n.id, new Date(n.sendAt));
        cursor = page.nextCursor;
      } while (cursor);
    }
  }

  /** No page of recipients starts while paused; the one being sent stops at its next recipient. */
  async pause(actor: Caller, newsletterId: string): Promise<NewsletterView> {
    return this.move(actor, newsletterId, ['sending'], 'paused', 'NewsletterPaused');
  }

  async resume(actor: Caller, newsletterId: string): Promise<NewsletterView> {
    assertSenderVerified(
      await this.deps.tenants.profile(actor.tenantId),
      await this.current(actor, newsletterId),
    );
    return this.move(actor, newsletterId, ['paused'], 'sending', 'NewsletterResumed');
  }

  /**
   * A scheduled send is taken back: the newsletter is reviewed again, to
   * change or schedule anew. One that started sending ends cancelled: who
   * was not mailed yet is not.
   */
  async cancel(actor: Caller, newsletterId: string): Promise<NewsletterView> {
    const view = await this.move(
      actor,
      newsletterId,
      ['scheduled', 'sending', 'paused'],
      (current) => (current.status === 'scheduled' ? 'reviewed' : 'cancelled'),
      'NewsletterCancelled',
    );
    await this.deps.starts.cancel(actor.tenantId, newsletterId);
    return view;
  }

  /** The tenant's suppression list, by address. */
  async suppressions(actor: Caller, page: PageRequest): Promise<Page<Suppression>> {
    return this.deps.suppressions.list(actor.tenantId, page);
  }

  /** An admin lifts a suppression once the customer's mailbox works again; consent stays withdrawn until given anew. */
  async unsuppress(actor: Caller, email: string): Promise<void> {
    assertAdmin(actor);
    const address = email.trim().toLowerCase();
    if (!(await this.deps.suppressions.remove(actor.tenantId, address)))
      throw new NotFoundError('suppression', address);
  }

  /** When and how a contact's newsletter consent changed, newest first (R-NL-3). */
  async consentHistory(actor: Caller, contactId: string, page: PageRequest): Promise<Page<ConsentChange>> {
    const contact = await this.deps.contacts.get(actor.tenantId, contactId);
    if (!contact || contact.deletedAt !== undefined) throw new NotFoundError('contact', contactId);
    return this.deps.consent.history(actor.tenantId, contactId, page);
  }

  async settings(actor: Caller): Promise<NewsletterSettings> {
    return this.deps.settings.get(actor.tenantId);
  }

  async setSettings(
    actor: Caller,
    expectedVersion: number,
    change: { readonly tracking: boolean },
  ): Promise<NewsletterSettings> {
    assertAdmin(actor);
    const current = await this.deps.settings.get(actor.tenantId);
    if (current.version !== expectedVersion)
      throw new VersionMismatchError('newsletter settings', actor.tenantId);
    const next: NewsletterSettings = {
      ...current,
      tracking: change.tracking,
      updatedAt: this.deps.clock.now().toISOString(),
      updatedBy: actor.userId,
      version: current.version + 1,
    };
    await this.deps.settings.put(current, next);
    return next;
  }

  private async move(
    actor: Caller,
    newsletterId: string,
    from: readonly NewsletterStatus[],
    target: NewsletterStatus | ((current: Newsletter) => NewsletterStatus),
    eventName: 'NewsletterPaused' | 'NewsletterResumed' | 'NewsletterCancelled',
  ): Promise<NewsletterView> {
    assertNewsletterWriter(actor);
    // The sender moves the newsletter too (started, sent): a lost race is read again, once.
    for (let attempt = 0; ; attempt++) {
      const current = await this.current(actor, newsletterId);
      const to = typeof target === 'function' ? target(current) : target;
      if (!from.includes(current.status))
        throw new ConflictError(
          'invalid-state',
          `a ${current.status} newsletter cannot be ${verbs[eventName]}`,
        );
      const ctx = await changeContext(this.deps, actor);
      // Taken back from its schedule, it has no time to be sent at.
      const { sendAt: _unscheduled, ...unscheduled } = current;
      try {
        await this.commit(ctx, current, moved(to === 'reviewed' ? unscheduled : current, to, ctx), eventName);
        return this.view(actor, newsletterId);
      } catch (error) {
        if (!(error instanceof VersionMismatchError) || attempt > 0) throw error;
      }
    }
  }

  private async commit(
    ctx: ChangeContext,
    previous: Newsletter,
    next: Newsletter,
    name:
      | 'NewsletterUpdated'
      | 'NewsletterDeleted'
      | 'NewsletterReviewed'
      | 'NewsletterScheduled'
      | 'NewsletterSendStarted'
      | 'NewsletterPaused'
      | 'NewsletterResumed'
      | 'NewsletterCancelled',
    changes?: { field: string; from: unknown; to: unknown }[],
  ): Promise<void> {
    const event = newNewsletterEvent(this.deps, ctx, name, {
      subject: { type: 'newsletter', id: next.id },
      ...(changes ? { changes } : {}),
      data: { newsletter: summaryOf(next) },
    });
    await this.deps.newsletters.update(previous, next, event);
  }
}

const verbs = {
  NewsletterPaused: 'paused',
  NewsletterResumed: 'resumed',
  NewsletterCancelled: 'cancelled',
} as const;

/** The tenant's sender may have changed since the newsletter was written: SES would refuse every mail. */
function assertSenderVerified(tenant: TenantProfile, newsletter: Newsletter): void {
  if (verifiedSenders(tenant)(newsletter.senderAddress)) return;
  const reason = 'no longer one of the tenant’s verified sender identities; change the sender';
  throw new ConflictError('missing-prerequisite', `the sender address ${reason}`, [
    { name: 'senderAddress', reason },
  ]);
}

function assertAdmin(caller: Caller): void {
  if (!caller.roles.includes('admin')) throw new ForbiddenError('only admins change this');
}

function assertEditable(newsletter: Newsletter): void {
  if (!isEditable(newsletter))
    throw new ConflictError('invalid-state', `a ${newsletter.status} newsletter cannot be changed`);
}

/** Selected recipients not yet sent, failed or skipped. */
export function remainingOf(newsletter: Newsletter, progress: NewsletterProgress): number {
  const review = newsletter.review;
  if (!review || newsletter.status === 'cancelled') return 0;
  const selected = review.recipients - review.deselected;
  return Math.max(0, selected - progress.sent - progress.failed - progress.skipped);
}
