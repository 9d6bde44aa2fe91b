import * as z from 'zod';
import { idSchema } from '#api/common/common-schemas';
import { contactTrackedFields } from '#domain/accounts/contact';
import { mergeSides } from '#domain/accounts/contact-merge';
import { defineRoute } from '#http/route';
import { contactSchema } from './record-schemas';

const mergeSide = z.enum(mergeSides);
export const mergeContactBody = z
  .strictObject({
    loserId: idSchema,
    keep: z
      .strictObject(Object.fromEntries(contactTrackedFields.map((f) => [f, mergeSide.optional()])))
      .optional()
      .meta({
        description:
          'Per field, whose value stays: `survivor`, `loser`, or `both` (lists). By default lists join, ' +
          'other fields keep the survivor’s value, or the loser’s where it has none.',
      }),
  })
  .meta({ id: 'MergeContacts', description: 'The contact merged into this one, and the values kept.' });

/** Merging a duplicate contact (ADR 0032); apart from the other contact routes, which other modules' bundles import. */
export const mergeContactRoute = defineRoute({
  operationId: 'mergeContact',
  method: 'POST',
  path: '/v1/contacts/{contactId}/merges',
  summary: 'Merge a duplicate contact into this one',
  tag: 'Contacts',
  permission: 'write',
  params: z.object({ contactId: idSchema }),
  body: mergeContactBody,
  ifMatch: 'required',
  etag: true,
  success: {
    status: 200,
    description:
      'The survivor. The loser is a tombstone: a read answers 301, a change 409 `merged`; its notes, ' +
      'files, activities, consent and timeline follow within seconds (ADR 0032).',
    schema: contactSchema,
  },
  errors: [400, 401, 403, 404, 409, 412, 415, 428],
  problems: ['merged', 'customer-id-taken', 'changed-meanwhile'],
});
