import * as z from 'zod';
import { lineText, multilineText, pageOf } from '#api/common/common-schemas';
import { messageChannels, messageLimits, messageStates } from '#domain/messaging/message';

export const sendEmailBody = z
  .strictObject({
    subject: lineText.min(1).max(messageLimits.subjectChars),
    text: multilineText
      .max(messageLimits.emailBodyBytes)
      .optional()
      .meta({ description: 'The plain-text body; at most 100 KB in UTF-8. Give it, `html` or both.' }),
    html: multilineText
      .max(messageLimits.emailBodyBytes)
      .optional()
      .meta({ description: 'The HTML body; at most 100 KB in UTF-8.' }),
    to: z
      .string()
      .max(254)
      .optional()
      .meta({ description: "Defaults to the contact's e-mail address, and must be it." }),
  })
  .meta({
    id: 'SendEmail',
    description: "Sent from the tenant's configured sender to the contact's own e-mail address.",
  });

export const sendSmsBody = z
  .strictObject({
    text: multilineText.min(1).max(messageLimits.smsChars),
    to: z.string().min(3).max(40).optional().meta({
      description:
        "One of the contact's phone numbers, in any common format; defaults to its first mobile number.",
    }),
  })
  .meta({ id: 'SendSms' });

export const messageSchema = z
  .object({
    id: z.string(),
    contactId: z.string(),
    accountId: z.string().optional(),
    channel: z.enum(messageChannels),
    from: z.string().optional().meta({ description: 'The sender address, or the SMS sender id.' }),
    to: z.string(),
    subject: z.string().optional(),
    excerpt: z.string().meta({ description: 'The first 140 characters of the text.' }),
    state: z.enum(messageStates).meta({
      description:
        '`sent`: the provider took it. `sending`: not yet known (a request with Idempotency-Key in flight, ' +
        'or one whose provider did not answer). `failed`: the provider did not take it.',
    }),
    failure: z.string().optional(),
    providerMessageId: z.string().optional(),
    sentBy: z.string(),
    createdAt: z.iso.datetime(),
    sentAt: z.iso.datetime().optional(),
    updatedAt: z.iso.datetime(),
    version: z.int(),
  })
  .meta({ id: 'Message' });

export const messagePage = pageOf(messageSchema, 'MessagePage');
