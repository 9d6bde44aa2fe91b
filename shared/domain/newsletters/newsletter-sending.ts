import type { Contact } from '#domain/accounts/contact';
import { VersionMismatchError } from '#domain/errors';
import { normaliseEmail } from '#domain/identifiers/email';
import { DeliveryError } from '#domain/messaging/delivery-error';
import type { Mailer, OutgoingEmail } from '#domain/messaging/mailer';
import type { ServiceDeps } from '#domain/service-context';
import type { ChangeContext } from '#domain/stamps';
import { moved, type Newsletter, summaryOf, verifiedSenders } from './newsletter';
import { newNewsletterEvent } from './newsletter-events';
import { newsletterMail } from './newsletter-mail';
import type { PageQueue, PageToSend, ScheduledStart, UnsubscribeLinks } from './newsletter-ports';
import { backoffMs } from './send-pacing';
import { pageState, type SendRecord } from './send-record';
import type { RecipientPage, SnapshotRecipient } from './snapshot';
import type {
  NewsletterSettingsStore,
  NewsletterStore,
  SendRecordStore,
  SnapshotStore,
  SuppressionStore,
} from './stores';

/** The sender's name in histories: the system sends, on the user's behalf. */
export const senderActor = 'system:newsletters';

export interface SendingLog {
  warn(message: string, details: Record<string, unknown>): void;
  error(message: string, details: Record<string, unknown>): void;
}

export interface SendingDeps extends ServiceDeps {
  readonly newsletters: NewsletterStore;
  readonly snapshots: SnapshotStore;
  readonly records: SendRecordStore;
  readonly suppressions: SuppressionStore;
  readonly settings: Pick<NewsletterSettingsStore, 'get'>;
  /** The live contacts among these ids, read together. */
  readonly contacts: { many(tenantId: string, ids: readonly string[]): Promise<Map<string, Contact>> };
  readonly mailer: Mailer;
  readonly links: UnsubscribeLinks;
  readonly queue: PageQueue;
  /** Resolves when the next send may start: SES's rate, shared by the senders at work. */
  readonly pace: () => Promise<void>;
  readonly sleep: (ms: number) => Promise<void>;
  readonly random: () => number;
  readonly log: SendingLog;
}

/** How long a page runs before it hands the rest to a fresh invocation. */
export interface Budget {
  /** Milliseconds the invocation has left. */
  remaining(): number;
}

/** Tries per recipient while SES says it is busy (throttled), with growing pauses between. */
const sendTries = 6;
/** The time a page keeps in hand: the rest goes back to the queue before the invocation ends. */
const reserveMillis = 20_000;
/** How often a page reads the newsletter again, so a pause or cancel takes effect within a page. */
const statusCheckMillis = 2_000;
/** A page SES kept throttling comes again after this, at most this often. */
const throttledDelaySeconds = 60;
const maxThrottledRetries = 30;
/** SQS's longest delay, beyond the ten minutes after which an unfinished send counts as abandoned. */
const unfinishedPageDelaySeconds = 900;

type SendResult =
  | { readonly kind: 'sent'; readonly messageId: string }
  | { readonly kind: 'refused'; readonly reason: string }
  | { readonly kind: 'throttled' }
  | { readonly kind: 'unknown'; readonly reason: string };

/** Why a selected recipient gets nothing after all: what changed since the review. */
function skipReasonOf(
  recipient: SnapshotRecipient,
  contact: Contact | undefined,
  suppressed: ReadonlySet<string>,
): string | undefined {
  if (!contact) return 'the contact was deleted';
  if (!contact.newsletterConsent) return 'consent was withdrawn';
  const email = contact.email ? normaliseEmail(contact.email) : undefined;
  if (!email?.ok || email.value !== recipient.email) return 'the address changed';
  if (suppressed.has(recipient.email)) return 'the address is suppressed';
  return undefined;
}

/**
 * Sends a newsletter (R-NL-2, R-NL-3, R-PL-3): a start fans the snapshot's
 * pages out on the sender's queue; each page is sent recipient by
 * recipient at SES's pace. Before each mail goes, the recipient's send
 * record is written only if absent, so a redelivered page or a retry never
 * mails anyone twice; consent and suppression are read again at send time,
 * so an unsubscribe takes effect for every later send at once.
 */
export class NewsletterSending {
  constructor(private readonly deps: SendingDeps) {}

  /** A schedule's time came: a newsletter still scheduled for it starts sending. */
  async startScheduled(start: ScheduledStart): Promise<void> {
    const current = await this.deps.newsletters.get(start.tenantId, start.newsletterId);
    if (!current || current.deletedAt || current.status !== 'scheduled' || current.sendAt !== start.at)
      return;
    await this.systemMove(current, 'sending', (now) => ({ startedAt: now }), 'NewsletterSendStarted');
  }

  /** Sending started or resumed: queue every page not done yet; with none left, the newsletter is sent. */
  async fanOut(tenantId: string, newsletterId: string): Promise<void> {
    const newsletter = await this.deps.newsletters.get(tenantId, newsletterId);
    const review = newsletter?.review;
    if (newsletter?.status !== 'sending' || !review) return;
    // A schedule may fire, or a user resume, long after the sender was checked: SES would refuse every mail.
    if (!verifiedSenders(await this.deps.tenants.profile(tenantId))(newsletter.senderAddress)) {
      this.deps.log.error('the newsletter’s sender is no longer verified: paused', {
        tenantId,
        newsletterId,
      });
      return this.pauseForSes(tenantId, newsletterId);
    }
    const outline = await this.deps.snapshots.outline(tenantId, newsletterId, review.id);
    const pages: PageToSend[] = outline
      .filter((p) => !p.done)
      .map((p) => ({ kind: 'page', tenantId, newsletterId, reviewId: review.id, first: p.first }));
    if (pages.length === 0) return this.finishIfDone(tenantId, newsletterId);
    await this.deps.queue.enqueue(pages);
  }

  /**
   * Sends one page of recipients. A page of a newsletter no longer sending
   * is dropped (resuming queues it again); one that is done only checks
   * whether the newsletter is.
   */
  async sendPage(message: PageToSend, budget: Budget): Promise<void> {
    const { tenantId, newsletterId } = message;
    let newsletter = await this.deps.newsletters.get(tenantId, newsletterId);
    if (!newsletter || !this.sending(newsletter, message)) return;
    const page = await this.deps.snapshots.get(tenantId, newsletterId, message.reviewId, message.first);
    if (!page) return;
    // Done, but the newsletter may not have been finished when that delivery stopped.
    if (page.done) return this.finishIfDone(tenantId, newsletterId);
    const selected = page.recipients.filter((r) => r.selected);
    const settings = await this.deps.settings.get(tenantId);
    let audience = await this.audienceOf(tenantId, selected);
    let checkedAt = this.deps.clock.now().getTime();
    for (const [index, recipient] of selected.entries()) {
      if (budget.remaining() < reserveMillis) return this.deps.queue.enqueue([message]);
      if (this.deps.clock.now().getTime() - checkedAt >= statusCheckMillis) {
        // A pause, a cancel or an unsubscribe takes effect within a couple of seconds, also inside a page.
        newsletter = await this.deps.newsletters.get(tenantId, newsletterId);
        if (!newsletter || !this.sending(newsletter, message)) return;
        audience = await this.audienceOf(tenantId, selected.slice(index));
        checkedAt = this.deps.clock.now().getTime();
      }
      const record: SendRecord = {
        tenantId,
        newsletterId,
        contactId: recipient.contactId,
        email: recipient.email,
        state: 'sending',
        at: this.deps.clock.now().toISOString(),
        claim: this.deps.ids.next(),
      };
      const skip = skipReasonOf(recipient, audience.contacts.get(recipient.contactId), audience.suppressed);
      if (skip) {
        await this.deps.records.claim({ ...record, state: 'skipped', reason: skip });
        continue;
      }
      // Everything that can fail before SES is done before the claim: a claim is given up only by SES's answer.
      const url = await this.deps.links.url(tenantId, newsletterId, recipient.contactId);
      const mail = newsletterMail(newsletter, recipient, url, { tracked: settings.tracking });
      await this.deps.pace();
      // Claimed before: sent, failed or skipped earlier, or being sent by a concurrent delivery.
      if (!(await this.deps.records.claim(record)).claimed) continue;
      const result = await this.sendPaced(mail);
      const at = this.deps.clock.now().toISOString();
      switch (result.kind) {
        case 'sent':
          await this.deps.records.settle({ ...record, state: 'sent', at, messageId: result.messageId });
          break;
        case 'refused':
          await this.deps.records.settle({ ...record, state: 'failed', at, reason: result.reason });
          break;
        case 'unknown':
          // It may have gone: failed, and never sent again.
          this.deps.log.error('newsletter mail outcome unknown', {
            tenantId,
            newsletterId,
            contactId: recipient.contactId,
            reason: result.reason,
          });
          await this.deps.records.settle({
            ...record,
            state: 'failed',
            at,
            reason: `outcome unknown: ${result.reason}`,
          });
          break;
        case 'throttled':
          await this.deps.records.release(record);
          return this.throttled(message);
      }
    }
    await this.finishPage(
      message,
      page,
      selected.map((r) => r.contactId),
    );
  }

  /** The recipients' contacts and which of their addresses are suppressed, read together. */
  private async audienceOf(tenantId: string, recipients: readonly SnapshotRecipient[]) {
    const [contacts, suppressed] = await Promise.all([
      this.deps.contacts.many(
        tenantId,
        recipients.map((r) => r.contactId),
      ),
      this.deps.suppressions.among(
        tenantId,
        recipients.map((r) => r.email),
      ),
    ]);
    return { contacts, suppressed };
  }

  /**
   * SES kept throttling: the page comes again a minute later. Throttling
   * that lasts half an hour (a daily quota spent, sending paused for the
   * account) pauses the newsletter for a user to resume.
   */
  private async throttled(message: PageToSend): Promise<void> {
    const retries = message.retries ?? 0;
    const { tenantId, newsletterId, first } = message;
    if (retries >= maxThrottledRetries) {
      this.deps.log.error('SES refused sending for half an hour: the newsletter is paused', {
        tenantId,
        newsletterId,
        first,
      });
      return this.pauseForSes(tenantId, newsletterId);
    }
    this.deps.log.warn('SES kept throttling: the page comes again later', {
      tenantId,
      newsletterId,
      first,
      retries,
    });
    await this.deps.queue.enqueue([{ ...message, retries: retries + 1 }], throttledDelaySeconds);
  }

  /**
   * Marks the page done once every selected recipient's send ended. A send a
   * stopped sender left unfinished counts as failed; one a concurrent
   * delivery is still making, or a recipient given back to be sent later,
   * leaves the finishing to that delivery.
   */
  private async finishPage(
    message: PageToSend,
    page: RecipientPage,
    contactIds: readonly string[],
  ): Promise<void> {
    const { tenantId, newsletterId } = page;
    const records = await this.deps.records.ofRecipients(tenantId, newsletterId, contactIds);
    const state = pageState(records, contactIds, this.deps.clock.now());
    for (const record of state.abandoned) {
      this.deps.log.error('newsletter mail abandoned by a stopped sender: counted failed', {
        tenantId,
        newsletterId,
        contactId: record.contactId,
      });
      await this.deps.records.settle({
        ...record,
        state: 'failed',
        at: this.deps.clock.now().toISOString(),
        reason: 'the sender stopped: outcome unknown',
      });
    }
    // Should the delivery it waits for never finish it, the page comes again once its sends count as abandoned.
    if (!state.ended) return this.deps.queue.enqueue([message], unfinishedPageDelaySeconds);
    if (await this.deps.records.finishPage(page)) await this.finishIfDone(tenantId, newsletterId);
  }

  private sending(newsletter: Newsletter, message: PageToSend): boolean {
    return (
      newsletter.deletedAt === undefined &&
      newsletter.status === 'sending' &&
      newsletter.review?.id === message.reviewId
    );
  }

  /**
   * One mail at SES's pace; throttling is retried with jittered, growing
   * pauses. The first try's turn was taken before the claim; each retry
   * waits for its own.
   */
  private async sendPaced(mail: OutgoingEmail): Promise<SendResult> {
    for (let attempt = 0; attempt < sendTries; attempt++) {
      if (attempt > 0) await this.deps.pace();
      try {
        const { messageId } = await this.deps.mailer.send(mail);
        return { kind: 'sent', messageId };
      } catch (error) {
        if (!(error instanceof DeliveryError)) throw error;
        if (error.failure === 'refused') return { kind: 'refused', reason: error.message };
        if (error.failure === 'unknown') return { kind: 'unknown', reason: error.message };
        if (attempt < sendTries - 1) await this.deps.sleep(backoffMs(attempt, this.deps.random));
      }
    }
    return { kind: 'throttled' };
  }

  /**
   * SES will not send for now (a spent daily quota, sending paused for the
   * account, a sender no longer verified): the newsletter waits, paused, for
   * a user to resume it; its pages are queued again then.
   */
  private async pauseForSes(tenantId: string, newsletterId: string): Promise<void> {
    const current = await this.deps.newsletters.get(tenantId, newsletterId);
    if (current?.status !== 'sending') return;
    await this.systemMove(current, 'paused', () => ({}), 'NewsletterPaused');
  }

  /** Every page done: the newsletter is sent, with its totals. */
  private async finishIfDone(tenantId: string, newsletterId: string): Promise<void> {
    const current = await this.deps.newsletters.get(tenantId, newsletterId);
    const review = current?.review;
    if (current?.status !== 'sending' || !review) return;
    const progress = await this.deps.newsletters.progress(tenantId, newsletterId);
    if (progress.pagesDone < review.pages) return;
    const { sent, failed, skipped } = progress;
    await this.systemMove(current, 'sent', (now) => ({ finishedAt: now }), 'NewsletterSent', {
      sent,
      failed,
      skipped,
    });
  }

  /**
   * A move the sender makes itself, with its event. A user's move in
   * between (a cancel, a pause) or another sender's (the last page done
   * twice) got there first: theirs stands.
   */
  private async systemMove(
    current: Newsletter,
    status: 'sending' | 'paused' | 'sent',
    times: (now: string) => Partial<Pick<Newsletter, 'startedAt' | 'finishedAt'>>,
    name: 'NewsletterSendStarted' | 'NewsletterPaused' | 'NewsletterSent',
    totals?: { readonly sent: number; readonly failed: number; readonly skipped: number },
  ): Promise<void> {
    const ctx: ChangeContext = {
      tenant: await this.deps.tenants.profile(current.tenantId),
      userId: senderActor,
      now: this.deps.clock.now(),
    };
    const next = moved(current, status, ctx, times(ctx.now.toISOString()));
    const subject = { type: 'newsletter' as const, id: next.id };
    const newsletter = summaryOf(next);
    const event =
      name === 'NewsletterSent'
        ? newNewsletterEvent(this.deps, ctx, name, {
            subject,
            data: { newsletter, sent: 0, failed: 0, skipped: 0, ...totals },
          })
        : newNewsletterEvent(this.deps, ctx, name, { subject, data: { newsletter } });
    try {
      await this.deps.newsletters.update(current, next, event);
    } catch (error) {
      if (!(error instanceof VersionMismatchError)) throw error;
    }
  }
}
