import * as z from 'zod';
import { webFormSubmission } from '#domain/service/web-form';

export const formParams = z.object({ formKey: z.string().min(1).max(64) });

export const webFormBody = webFormSubmission.meta({
  id: 'WebFormSubmission',
  description:
    'What the public form sends. `website` is a trap for bots and must stay empty; `startedAt` is when the page was shown (epoch ms).',
});

export const webFormReceipt = z
  .object({
    received: z.literal(true),
    caseNumber: z.int().optional().meta({ description: 'The case it opened, when it opened one.' }),
  })
  .meta({ id: 'WebFormReceipt' });

export const metaVerificationQuery = z.object({
  'hub.mode': z.string().max(32),
  'hub.verify_token': z.string().max(256),
  'hub.challenge': z.string().max(256),
});

export const metaWebhookPayload = z
  .object({ object: z.string(), entry: z.array(z.unknown()) })
  .loose()
  .meta({
    id: 'MetaWebhookPayload',
    description: 'A Messenger / Instagram webhook delivery, signed with `X-Hub-Signature-256`.',
  });

export const socialReceipt = z
  .object({
    received: z.int().meta({ description: 'Messages in the delivery that became or joined a case.' }),
    duplicates: z.int(),
    skipped: z.int().meta({ description: 'Messages for pages no tenant connected.' }),
  })
  .meta({ id: 'SocialReceipt' });
