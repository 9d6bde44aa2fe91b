import * as z from 'zod';
import type {} from 'zod-openapi';
import { problemCodes, problemUri } from '#http/problem-types';

export const problemSchema = z
  .object({
    type: z.enum(problemCodes.map(problemUri)),
    title: z.string(),
    status: z.int(),
    detail: z.string(),
    'invalid-params': z.array(z.object({ name: z.string(), reason: z.string() })).optional(),
  })
  .meta({
    id: 'Problem',
    description:
      'RFC 9457 problem details; `type` is `urn:gridline:problem:<code>`, and `invalid-params` names each field at fault.',
  });

/** ULIDs: 26 Crockford base-32 characters. */
export const idSchema = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'not an id of this API');

export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(100).default(25).meta({ description: 'Items per page, 1–100.' }),
  cursor: z
    .string()
    .min(1)
    .max(2048)
    .optional()
    .meta({ description: 'The `nextCursor` of the previous page.' }),
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

/** The audit fields of a resource the system writes too (ADR 0013). */
export const systemWrittenAuditFields = {
  ...auditFields,
  revision: z.int().optional().meta({
    description:
      'Counts the system’s own writes (address check, billing copy, score, routing). They keep `version`, so an ETag stays valid across them.',
  }),
};

export const optionalText = (max: number) => z.string().max(max).nullish();
