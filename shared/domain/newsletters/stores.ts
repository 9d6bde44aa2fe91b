import type { Contact } from '#domain/accounts/contact';
import type { DomainEvent } from '#domain/events';
import type { Created, IdempotencyToken, Page, PageRequest } from '#domain/ports';
import type { ConsentChange } from './consent-change';
import type { Newsletter, NewsletterStatus } from './newsletter';
import type { NewsletterSettings } from './newsletter-settings';
import type { NewsletterProgress, SendRecord } from './send-record';
import type { MailFeedback } from './ses-feedback';
import type { RecipientPage } from './snapshot';
import type { Suppression } from './suppression';

export interface NewsletterStore {
  get(tenantId: string, newsletterId: string): Promise<Newsletter | undefined>;
  list(
    tenantId: string,
    filter: { readonly status?: NewsletterStatus },
    page: PageRequest,
  ): Promise<Page<Newsletter>>;
  create(
    newsletter: Newsletter,
    event: DomainEvent,
    idempotency?: IdempotencyToken,
  ): Promise<Created<Newsletter>>;
  /** Versioned on `previous`; a changed newsletter is a 412 (VersionMismatchError). */
  update(previous: Newsletter, next: Newsletter, event: DomainEvent): Promise<void>;
  progress(tenantId: string, newsletterId: string): Promise<NewsletterProgress>;
}

export interface SnapshotStore {
  /** The pages of a new review, written before the review is committed on the newsletter. */
  write(pages: readonly RecipientPage[]): Promise<void>;
  /** Removes a review's pages once another review replaced it. */
  remove(tenantId: string, newsletterId: string, reviewId: string): Promise<void>;
  /** A page of pages, in contact-id order. */
  list(
    tenantId: string,
    newsletterId: string,
    reviewId: string,
    page: PageRequest,
  ): Promise<Page<RecipientPage>>;
  /** The page a contact is on, if the snapshot has one that may hold them. */
  pageOf(
    tenantId: string,
    newsletterId: string,
    reviewId: string,
    contactId: string,
  ): Promise<RecipientPage | undefined>;
  get(
    tenantId: string,
    newsletterId: string,
    reviewId: string,
    first: string,
  ): Promise<RecipientPage | undefined>;
  /** Every page's name and whether it is done, for fanning a send out. */
  outline(
    tenantId: string,
    newsletterId: string,
    reviewId: string,
  ): Promise<{ readonly first: string; readonly done: boolean }[]>;
  /** Pages' new selections with the newsletter's counts, all or nothing. */
  select(
    previous: Newsletter,
    next: Newsletter,
    pages: readonly { readonly previous: RecipientPage; readonly next: RecipientPage }[],
    event: DomainEvent,
  ): Promise<void>;
}

export interface SendRecordStore {
  /**
   * Writes the record only if the recipient has none (a skipped one counted
   * on the progress with it); false when there was one.
   */
  claim(record: SendRecord): Promise<{ readonly claimed: boolean }>;
  /** A claimed record as it ended, sent or failed, counted on the progress with it; once. */
  settle(record: SendRecord): Promise<void>;
  /** Gives a claim back (SES throttled every try): the recipient is sent when the page comes again. */
  release(record: SendRecord): Promise<void>;
  /** The records of these recipients, read together and consistently. */
  ofRecipients(
    tenantId: string,
    newsletterId: string,
    contactIds: readonly string[],
  ): Promise<Map<string, SendRecord>>;
  /** Marks the page done and counts it, once; false when it was done before. */
  finishPage(page: RecipientPage): Promise<boolean>;
  /** Counts SES's report on a mail once per event id. */
  countFeedback(
    tenantId: string,
    newsletterId: string,
    eventId: string,
    kind: FeedbackCounter,
  ): Promise<void>;
}

export type FeedbackCounter = Extract<
  keyof NewsletterProgress,
  'delivered' | 'opened' | 'clicked' | 'bounced' | 'complained'
>;
export type { MailFeedback };

export interface SuppressionStore {
  /** The addresses among these that are suppressed. */
  among(tenantId: string, emails: readonly string[]): Promise<Set<string>>;
  /** Every suppressed address of the tenant, for a review. */
  all(tenantId: string): Promise<Set<string>>;
  list(tenantId: string, page: PageRequest): Promise<Page<Suppression>>;
  /** Adds the address unless it is there; false when it was. */
  add(suppression: Suppression): Promise<boolean>;
  /** An admin lifts a suppression (the customer fixed their mailbox); false when there was none. */
  remove(tenantId: string, email: string): Promise<boolean>;
}

/**
 * Withdraws a contact's consent with its history entry and event, all or
 * nothing; `ContactUpdated` with the change goes with it.
 */
export interface ConsentStore {
  withdraw(
    previous: Contact,
    next: Contact,
    change: ConsentChange,
    events: readonly DomainEvent[],
  ): Promise<void>;
  history(tenantId: string, contactId: string, page: PageRequest): Promise<Page<ConsentChange>>;
}

export interface NewsletterSettingsStore {
  /** The tenant's settings; the defaults (version 0) until first saved. */
  get(tenantId: string): Promise<NewsletterSettings>;
  /** Written only over `previous`'s version; another is a VersionMismatchError. */
  put(previous: NewsletterSettings, next: NewsletterSettings): Promise<void>;
}
