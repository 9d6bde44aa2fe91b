import * as z from 'zod';
import type {} from 'zod-openapi';
import { type TextKind, tidyText, userTextProblem } from '#domain/user-text';

/** A calendar month, `YYYY-MM`. */
export const monthSchema = (description = 'A month, YYYY-MM.') =>
  z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month, YYYY-MM')
    .meta({ description, example: '2027-01' });

/** ULIDs: 26 Crockford base-32 characters. */
export const idSchema = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'not an id of this API');

/** Room for any cursor a list hands out: a start key of at most four keys, base64url-encoded JSON. */
export const maxCursorLength = 2048;

export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(100).default(25).meta({ description: 'Items per page, 1–100.' }),
  cursor: z
    .string()
    .min(1)
    .max(maxCursorLength)
    .optional()
    .meta({
      description: `The \`nextCursor\` of the previous page, as it came: opaque, at most ${maxCursorLength} characters.`,
    }),
};

export const pageOnlyQuery = z.strictObject(pageQuery);

export const pageOf = <T extends z.ZodType>(item: T, id: string) =>
  z.object({ items: z.array(item), nextCursor: z.string().optional() }).meta({ id });

export const auditFields = {
  id: z.string(),
  createdAt: z.iso.datetime(),
  createdBy: z.string(),
  updatedAt: z.iso.datetime(),
  updatedBy: z.string(),
  version: z.int().meta({ description: 'Also sent as the ETag; send it back in If-Match to update.' }),
};

const textRules: Record<TextKind, string> = {
  line: 'One line of text',
  multiline: 'Text; line breaks and tabs allowed',
};

/**
 * Text a person sends, of one kind (`#domain/user-text`): stored in NFC
 * without white space at either end, refused (400 naming the field) when it
 * holds a lone surrogate, a control character the kind does not allow, a
 * bidirectional control character or U+FEFF. Lengths added after it
 * (`lineText.min(1).max(200)`) count the stored form.
 */
const userText = (kind: TextKind) =>
  z
    .string()
    .overwrite(tidyText)
    .superRefine((value, ctx) => {
      const problem = userTextProblem(value, kind);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .meta({
      description: `${textRules[kind]}: normalised to NFC and trimmed; control and bidirectional control characters, U+FEFF and lone surrogates are refused.`,
      'x-text': kind,
    });

/** Names, titles, codes and identifiers: one line of text. */
export const lineText = userText('line');
/** Notes, descriptions and message bodies: line breaks and tabs allowed. */
export const multilineText = userText('multiline');

/** The audit fields of a resource the system writes too (ADR 0011). */
export const systemWrittenAuditFields = {
  ...auditFields,
  revision: z.int().optional().meta({
    description:
      'Counts the system’s own writes (address check, billing copy, score, routing). They keep `version`, so an ETag stays valid across them.',
  }),
};
