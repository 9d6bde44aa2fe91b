/**
 * One recipient's send of a newsletter, written before the mail goes and
 * only if absent: a redelivered or retried batch finds it and mails nobody
 * twice. It stays `sending` only while the mail goes, or when the sender
 * stopped mid-send (see `pageState`).
 */
export interface SendRecord {
  readonly tenantId: string;
  readonly newsletterId: string;
  readonly contactId: string;
  readonly email: string;
  readonly state: 'sending' | 'sent' | 'failed' | 'skipped';
  readonly at: string;
  /** The claim's own id: a claim whose write was retried knows itself. */
  readonly claim?: string;
  /** SES's id of the mail, once sent. */
  readonly messageId?: string;
  /** Why it failed, or was skipped (consent withdrawn or address suppressed since the review). */
  readonly reason?: string;
}

/** How far sending got (each recipient counted as their send ends), and what SES reported back. */
export interface NewsletterProgress {
  readonly sent: number;
  readonly failed: number;
  readonly skipped: number;
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
 * Whether a page's sends have all ended, from its selected recipients'
 * records: not while one is being sent by a sender at work (a concurrent
 * delivery of the page) or has no record (given back to be sent later):
 * that delivery finishes the page. A send abandoned by a stopped sender is
 * returned to be counted as failed: whether SES took it is unknown, and it
 * is not sent again.
 */
export function pageState(
  records: ReadonlyMap<string, SendRecord>,
  contactIds: readonly string[],
  now: Date,
): { readonly ended: boolean; readonly abandoned: readonly SendRecord[] } {
  let ended = true;
  const abandoned: SendRecord[] = [];
  for (const contactId of contactIds) {
    const record = records.get(contactId);
    if (!record) ended = false;
    else if (record.state === 'sending') {
      if (now.getTime() - Date.parse(record.at) >= abandonedAfterMillis) abandoned.push(record);
      else ended = false;
    }
  }
  return { ended, abandoned };
}
