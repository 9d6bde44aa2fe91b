/**
 * One recipient's send of a newsletter, written before the mail goes and
 * only if absent: a redelivered or retried batch finds it and mails nobody
 * twice. `sending` that never became `sent` or `failed` (the sender stopped
 * mid-send) is counted as failed: whether SES took it is unknown, so it is
 * not sent again.
 */
export interface SendRecord {
  readonly tenantId: string;
  readonly newsletterId: string;
  readonly contactId: string;
  readonly email: string;
  readonly state: 'sending' | 'sent' | 'failed' | 'skipped';
  readonly at: string;
  /** SES's id of the mail, once sent. */
  readonly messageId?: string;
  /** Why it failed, or was skipped (consent withdrawn or address suppressed since the review). */
  readonly reason?: string;
}

/** What a page's sends came to, added to the newsletter's progress once. */
export interface PageOutcome {
  readonly sent: number;
  readonly failed: number;
  readonly skipped: number;
}

/** How far sending got, and what SES reported back. */
export interface NewsletterProgress extends PageOutcome {
  readonly pagesDone: number;
  readonly delivered: number;
  readonly opened: number;
  readonly clicked: number;
  readonly bounced: number;
  readonly complained: number;
}

export const noProgress: NewsletterProgress = {
  sent: 0,
  failed: 0,
  skipped: 0,
  pagesDone: 0,
  delivered: 0,
  opened: 0,
  clicked: 0,
  bounced: 0,
  complained: 0,
};

/** The part of an earlier record a redelivered batch counts: sending that never finished is a failure. */
export const outcomeOf = (state: SendRecord['state']): keyof PageOutcome =>
  state === 'sent' ? 'sent' : state === 'skipped' ? 'skipped' : 'failed';
