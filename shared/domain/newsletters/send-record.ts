/**
 * One recipient's send of a newsletter, written before the mail goes and
 * only if absent: a redelivered or retried batch finds it and mails nobody
 * twice. It stays `sending` only while the mail goes, or when the sender
 * stopped mid-send (see `pageOutcome`).
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

/**
 * A claim older than this whose send never finished belongs to a sender
 * that stopped: longer than an invocation may run, shorter than the queue's
 * visibility timeout, after which the stopped sender's page comes again.
 */
export const abandonedAfterMillis = 10 * 60 * 1000;

/**
 * What a page's sends came to, from its selected recipients' records; none
 * while one is still being sent by a sender at work (a concurrent delivery
 * of the page), or has no record (given back to be sent later): that
 * delivery finishes the page. A send abandoned by a stopped sender counts
 * as failed: whether SES took it is unknown, and it is not sent again.
 */
export function pageOutcome(
  records: ReadonlyMap<string, SendRecord>,
  contactIds: readonly string[],
  now: Date,
): PageOutcome | undefined {
  const outcome = { sent: 0, failed: 0, skipped: 0 };
  for (const contactId of contactIds) {
    const record = records.get(contactId);
    if (!record) return undefined;
    if (record.state === 'sending') {
      if (now.getTime() - Date.parse(record.at) < abandonedAfterMillis) return undefined;
      outcome.failed += 1;
    } else outcome[record.state] += 1;
  }
  return outcome;
}
