import * as z from 'zod';
import { defineRoute } from '#http/route';
import {
  formParams,
  metaVerificationQuery,
  metaWebhookPayload,
  socialReceipt,
  webFormBody,
  webFormReceipt,
} from './channel-schemas';

/** The public ways in: a tenant's web form and the social platform's webhook. Their own function and throttles. */
export const channelRoutes = {
  submitWebForm: defineRoute({
    operationId: 'submitWebForm',
    method: 'POST',
    path: '/v1/public/forms/{formKey}/cases',
    summary:
      'A customer writes in through a tenant’s web form: a case is opened (a known e-mail becomes its contact)',
    tag: 'Cases',
    permission: 'public',
    params: formParams,
    body: webFormBody,
    success: { status: 202, description: 'Received', schema: webFormReceipt },
    errors: [400, 404, 415, 422, 429],
  }),
  verifySocialWebhook: defineRoute({
    operationId: 'verifySocialWebhook',
    method: 'GET',
    path: '/v1/webhooks/social/meta',
    summary: 'The platform’s subscription handshake: the challenge back when the verify token matches',
    tag: 'Cases',
    permission: 'public',
    query: metaVerificationQuery,
    success: {
      status: 200,
      description: 'The challenge, as plain text',
      contentType: 'text/plain',
      schema: z.string(),
    },
    errors: [400, 403],
  }),
  receiveSocialWebhook: defineRoute({
    operationId: 'receiveSocialWebhook',
    method: 'POST',
    path: '/v1/webhooks/social/meta',
    summary: 'Messages to a connected page: each a reply in its conversation’s open case, or a new case',
    tag: 'Cases',
    permission: 'public',
    body: metaWebhookPayload,
    signed: true,
    success: { status: 200, description: 'What became of the messages', schema: socialReceipt },
    errors: [400, 401, 415],
  }),
} as const;
