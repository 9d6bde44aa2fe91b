import * as z from 'zod';
import { defineRoute } from '#http/route';
import { deliverySchema, webhookPayload } from './lead-webhook-schemas';

/** The signed webhook lead platforms call (R-SA-1): public, its own function, so apart from the admin routes. */
export const leadWebhookRoutes = {
  receiveLeadWebhook: defineRoute({
    operationId: 'receiveLeadWebhook',
    method: 'POST',
    path: '/v1/webhooks/leads/{sourceId}',
    summary: 'A lead platform delivers a lead, signed with its secret; a redelivery is a no-op',
    tag: 'Lead sources',
    permission: 'public',
    // Any path answers 401 alike: an unknown source id tells a stranger nothing.
    params: z.object({ sourceId: z.string().min(1).max(64) }),
    body: webhookPayload,
    signed: true,
    success: { status: 202, description: 'The lead it made (or made before)', schema: deliverySchema },
    errors: [400, 401, 409],
    problems: ['delivery-id-reused'],
  }),
} as const;
