import type { CommunicationPreference } from '#domain/accounts/account';
import type { Contact } from '#domain/accounts/contact';

/** A live contact as a newsletter's review sees it, with its account's categories and preference. */
export interface AudienceMember {
  readonly contact: Contact;
  readonly accountCategoryIds: readonly string[];
  readonly accountPreference?: CommunicationPreference;
}

/** The tenant's live contacts, every one: a review resolves its filter over them. */
export interface Audience {
  members(tenantId: string): Promise<AudienceMember[]>;
}

/** The signed per-recipient link of the unsubscribe page and one-click endpoint. */
export interface UnsubscribeLinks {
  url(tenantId: string, newsletterId: string, contactId: string): Promise<string>;
}

/** One-off schedules that start a newsletter's sending at its time (EventBridge Scheduler). */
export interface SendStarts {
  schedule(tenantId: string, newsletterId: string, at: Date): Promise<void>;
  cancel(tenantId: string, newsletterId: string): Promise<void>;
}

/** What a scheduled start carries to the sender at its time. */
export interface ScheduledStart {
  readonly kind: 'start';
  readonly tenantId: string;
  readonly newsletterId: string;
  /** The time it was scheduled for: a start for another time (rescheduled since) is ignored. */
  readonly at: string;
}

/** One page of recipients to send, as the sender queues it for itself. */
export interface PageToSend {
  readonly kind: 'page';
  readonly tenantId: string;
  readonly newsletterId: string;
  readonly reviewId: string;
  readonly first: string;
  /** How often SES's throttling sent this page back already. */
  readonly retries?: number;
}

/** The sender's own queue: the pages of a send fanned out, or one queued again for later. */
export interface PageQueue {
  enqueue(pages: readonly PageToSend[], delaySeconds?: number): Promise<void>;
}

/** The user's own address, for a test mail. */
export interface UserMailboxes {
  addressOf(tenantId: string, userId: string): Promise<string | undefined>;
}
