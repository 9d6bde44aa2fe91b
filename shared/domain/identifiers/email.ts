import * as z from 'zod';

const emailSchema = z.email();

export type EmailResult =
  | { readonly ok: true; readonly value: string }
  | { readonly ok: false; readonly reason: string };

/**
 * Trimmed and lower-cased. Local parts are case-sensitive in theory, but no
 * mail provider a utility's customers use treats them so, and matching an
 * inbound e-mail to a contact must not depend on how the customer typed it.
 */
export function normaliseEmail(input: string): EmailResult {
  const value = input.trim().toLowerCase();
  if (!emailSchema.safeParse(value).success) return { ok: false, reason: 'not a valid e-mail address' };
  return { ok: true, value };
}
