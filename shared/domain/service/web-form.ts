import * as z from 'zod';
import { type TextKind, tidyText, userTextProblem } from '#domain/user-text';

/**
 * A case a visitor submits through the tenant's public web form, and the
 * checks that tell a person from a bot without a CAPTCHA.
 */

/** Text as `user-text` defines it, in its stored form (NFC, trimmed); lengths count that form. */
const userText = (kind: TextKind) =>
  z
    .string()
    .overwrite(tidyText)
    .superRefine((value, ctx) => {
      const problem = userTextProblem(value, kind);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });

export const webFormSubmission = z.strictObject({
  name: userText('line').max(200),
  email: z.string().trim().toLowerCase().pipe(z.email().max(254)),
  phone: userText('line').max(40).optional(),
  subject: userText('line').min(1).max(200),
  message: userText('multiline').min(1).max(5000),
  caseType: z
    .string()
    .max(64)
    .regex(/^[a-z0-9-]+$/, 'lower-case letters, digits and hyphens')
    .optional(),
  accountNumber: userText('line').max(64).optional(),
  /**
   * The honeypot: a field hidden from people, which bots fill in. Any text is
   * accepted here, so that a bot gets the answer a person gets and learns
   * nothing; `spamVerdict` is what refuses it.
   */
  website: z.string().max(2000).optional(),
  /** Epoch milliseconds when the page with the form was rendered. */
  startedAt: z.int().min(0).optional(),
});

export type WebFormSubmission = z.output<typeof webFormSubmission>;

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
