import * as z from 'zod';

/** What a lead platform sends and is answered, apart from the admin routes' schemas: the webhook's function carries only these. */
export const webhookPayload = z.record(z.string(), z.unknown()).meta({
  id: 'LeadWebhookPayload',
  description:
    'The platform’s own JSON, read by the source’s mapping. Signed per Standard Webhooks: `webhook-id`, `webhook-timestamp`, `webhook-signature: v1,<base64 HMAC-SHA256 of id.timestamp.body>`.',
});

export const deliverySchema = z
  .object({ leadId: z.string(), replayed: z.boolean() })
  .meta({ id: 'LeadDelivery' });
