import * as z from 'zod';
import { idSchema, pageOnlyQuery } from '#api/common/common-schemas';
import { defineRoute } from '#http/route';
import { timelinePage } from './timeline-schemas';

const readErrors = [400, 401, 403, 404] as const;

/** One feed per account or contact; served with the accounts module, whose history it reads. */
export const timelineRoutes = {
  getAccountTimeline: defineRoute({
    operationId: 'getAccountTimeline',
    method: 'GET',
    path: '/v1/accounts/{accountId}/timeline',
    summary:
      'Notes, activities, e-mails, SMS, attachments and changes of an account and its contacts, newest first',
    tag: 'Timeline',
    permission: 'read',
    params: z.object({ accountId: idSchema }),
    query: pageOnlyQuery,
    success: { status: 200, description: 'A page of timeline entries', schema: timelinePage },
    errors: readErrors,
  }),
  getContactTimeline: defineRoute({
    operationId: 'getContactTimeline',
    method: 'GET',
    path: '/v1/contacts/{contactId}/timeline',
    summary: 'Notes, activities, e-mails, SMS, attachments and changes of a contact, newest first',
    tag: 'Timeline',
    permission: 'read',
    params: z.object({ contactId: idSchema }),
    query: pageOnlyQuery,
    success: { status: 200, description: 'A page of timeline entries', schema: timelinePage },
    errors: readErrors,
  }),
} as const;
