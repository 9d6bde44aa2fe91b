import * as z from 'zod';
import { lineText, multilineText } from '#api/common/common-schemas';

export const formParams = z.object({ formKey: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'not a form key') });

export const webFormBody = z
  .strictObject({
    name: lineText.max(200),
    email: z.string().trim().toLowerCase().pipe(z.email().max(254)),
    phone: lineText.max(40).optional(),
    subject: lineText.min(1).max(200),
    message: multilineText.min(1).max(5000),
    caseType: z
      .string()
      .max(64)
      .regex(/^[a-z0-9-]+$/, 'lower-case letters, digits and hyphens')
      .optional(),
    accountNumber: lineText.max(64).optional(),
    website: multilineText
      .max(2000)
      .optional()
      .meta({ description: 'Leave empty: a field hidden from people.' }),
    startedAt: z.int().min(0).optional(),
  })
  .meta({
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
  'hub.mode': z.enum(['subscribe']),
  'hub.verify_token': z.string().regex(/^[\x21-\x7e]{1,256}$/, 'printable ASCII'),
  'hub.challenge': z.string().regex(/^[\x21-\x7e]{1,256}$/, 'printable ASCII'),
});

export const metaWebhookPayload = z
  .object({ object: z.enum(['page', 'instagram']), entry: z.array(z.unknown()) })
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
