/**
 * A case a visitor submits through the tenant's public web form, and the
 * checks that tell a person from a bot without a CAPTCHA. The API's schema
 * (`webFormBody`) checks the text; this is what it hands over.
 */
export interface WebFormSubmission {
  readonly name: string;
  /** Trimmed and lower-cased. */
  readonly email: string;
  readonly phone?: string;
  readonly subject: string;
  readonly message: string;
  readonly caseType?: string;
  readonly accountNumber?: string;
  /**
   * The honeypot: a field hidden from people, which bots fill in. Any text is
   * accepted, so that a bot gets the answer a person gets and learns
   * nothing; `spamVerdict` is what refuses it.
   */
  readonly website?: string;
  /** Epoch milliseconds when the page with the form was rendered. */
  readonly startedAt?: number;
}

export type SpamVerdict =
  | { readonly spam: false }
  | { readonly spam: true; readonly reason: 'honeypot' | 'too-fast' | 'too-many-links' };

/** Faster than a person reads the form and writes a message. */
const minFillMillis = 3_000;
const maxLinks = 5;
const link = /(?:https?:\/\/|www\.)\S+/gi;

/**
 * Whether a submission looks like a bot's: the honeypot filled in, sent within
 * 3 seconds of the page being rendered (or before it, which only a forged
 * time can be), or more than 5 links in the message.
 */
export function spamVerdict(submission: WebFormSubmission, now: Date): SpamVerdict {
  if (submission.website?.trim()) return { spam: true, reason: 'honeypot' };
  if (submission.startedAt !== undefined && now.getTime() - submission.startedAt < minFillMillis)
    return { spam: true, reason: 'too-fast' };
  if ((submission.message.match(link)?.length ?? 0) > maxLinks)
    return { spam: true, reason: 'too-many-links' };
  return { spam: false };
}
