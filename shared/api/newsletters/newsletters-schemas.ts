import * as z from 'zod';
import {
  auditFields,
  idSchema,
  lineText,
  multilineText,
  pageOf,
  pageQuery,
} from '#api/common/common-schemas';
import { consentSources } from '#domain/newsletters/consent-change';
import { maxBodyBytes, newsletterFormats, newsletterStatuses } from '#domain/newsletters/newsletter';
import { maxValuesPerCriterion } from '#domain/newsletters/recipient-filter';
import { exclusions } from '#domain/newsletters/recipient-review';
import { recipientsPerPage } from '#domain/newsletters/snapshot';
import { pageLanguages } from '#domain/newsletters/unsubscribe-page';

const instant = z.iso.datetime({ offset: true });
const ids = z.array(idSchema).max(maxValuesPerCriterion);

export const newsletterParams = z.object({ newsletterId: idSchema });
export const contactParams = z.object({ contactId: idSchema });
export const suppressionParams = z.object({
  email: z.string().min(3).max(320).meta({ description: 'The suppressed address, URL-encoded.' }),
});
const filterSchema = z
  .strictObject({
    match: z.enum(['all', 'any']).default('all').meta({
      description:
        '`all`: a contact meets every criterion given; `any`: at least one. Inside a criterion any value listed matches.',
    }),
    contactTypeIds: ids.optional(),
    keywordIds: ids.optional(),
    categoryIds: ids.optional(),
    accountCategoryIds: ids.optional().meta({ description: 'Categories of the contact’s account.' }),
  })
  .meta({
    id: 'RecipientFilter',
    description: 'Who gets the newsletter; at least one criterion with a value.',
  });

const content = {
  senderName: lineText.max(100).meta({ description: 'The name recipients see the mail from.' }),
  senderAddress: z.string().max(320).meta({ description: 'One of the tenant’s verified sender identities.' }),
  subject: lineText.max(200),
  subheading: lineText.max(300).optional(),
  format: z.enum(newsletterFormats).meta({
    description:
      '`html` is sanitised (scripts, forms and event handlers removed) and gets a text part; `text` is sent as written.',
  }),
  body: multilineText.max(maxBodyBytes),
  language: z
    .enum(pageLanguages)
    .meta({ description: 'Of the footer and the unsubscribe page; the tenant’s country’s by default.' }),
  filter: filterSchema,
  unsubscribeLink: z.boolean().meta({
    description: 'A footer link to the unsubscribe page. The List-Unsubscribe headers are always sent.',
  }),
};

export const createNewsletterBody = z.strictObject({
  ...content,
  subheading: content.subheading,
  format: content.format.optional(),
  language: content.language.optional(),
  unsubscribeLink: content.unsubscribeLink.optional(),
});

export const updateNewsletterBody = z
  .strictObject({
    senderName: content.senderName.optional(),
    senderAddress: content.senderAddress.optional(),
    subject: content.subject.optional(),
    subheading: lineText.max(300).nullable().optional(),
    format: content.format.optional(),
    body: content.body.optional(),
    language: content.language.optional(),
    filter: filterSchema.optional(),
    unsubscribeLink: content.unsubscribeLink.optional(),
  })
  .meta({
    description: 'The fields to change; `null` clears the sub-heading. A new filter drops the review.',
  });

const leftOut = z
  .object(
    Object.fromEntries(exclusions.map((e) => [e, z.int()])) as Record<(typeof exclusions)[number], z.ZodInt>,
  )
  .meta({
    id: 'RecipientsLeftOut',
    description: 'Contacts the filter found who get nothing, by the first reason that applies.',
  });

const reviewSchema = z
  .object({
    id: z.string(),
    at: z.iso.datetime(),
    by: z.string(),
    matched: z.int().meta({ description: 'Contacts the filter found.' }),
    recipients: z
      .int()
      .meta({ description: 'In the snapshot: consent, an address, not suppressed, electronic.' }),
    deselected: z.int(),
    pages: z.int(),
    leftOut,
  })
  .meta({ id: 'NewsletterReview' });

const progressSchema = z
  .object({
    sent: z.int(),
    failed: z.int(),
    skipped: z.int().meta({
      description:
        'Selected, but consent was withdrawn or the address suppressed or changed since the review.',
    }),
    remaining: z.int(),
    pagesDone: z.int(),
    delivered: z.int(),
    opened: z.int().meta({ description: 'Counted while the tenant tracks opens and clicks.' }),
    clicked: z.int(),
    bounced: z.int(),
    complained: z.int(),
  })
  .meta({ id: 'NewsletterProgress' });

const newsletterFields = {
  ...auditFields,
  ...content,
  status: z.enum(newsletterStatuses),
  sanitised: z.boolean().meta({ description: 'Sanitising removed something from the HTML as written.' }),
  review: reviewSchema.optional(),
  sendAt: z.iso.datetime().optional(),
  startedAt: z.iso.datetime().optional(),
  finishedAt: z.iso.datetime().optional(),
};

export const newsletterSchema = z.object(newsletterFields).meta({ id: 'Newsletter' });
const { body: _body, ...summaryFields } = newsletterFields;
export const newsletterSummarySchema = z
  .object({
    ...summaryFields,
    bodyLength: z.int().meta({ description: 'Characters of the body, which lists and events leave out.' }),
  })
  .meta({ id: 'NewsletterSummary' });
export const newsletterViewSchema = z
  .object({ ...newsletterFields, progress: progressSchema })
  .meta({ id: 'NewsletterView' });
export const newsletterPage = pageOf(newsletterSummarySchema, 'NewsletterPage');

export const newsletterListQuery = z.strictObject({
  ...pageQuery,
  status: z.enum(newsletterStatuses).optional().meta({ description: 'Only newsletters in this status.' }),
});

export const recipientSchema = z
  .object({
    contactId: z.string(),
    email: z.string(),
    name: z.string(),
    accountId: z.string().optional(),
    selected: z.boolean(),
  })
  .meta({ id: 'NewsletterRecipient' });
export const recipientPage = pageOf(recipientSchema, 'NewsletterRecipientPage');
export const recipientQuery = z.strictObject({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(10)
    .default(2)
    .meta({
      description: `Pages of the snapshot, 1–10, each up to ${recipientsPerPage} recipients.`,
    }),
  cursor: pageQuery.cursor,
});

export const selectionBody = z.strictObject({
  contactIds: z.array(idSchema).min(1).max(50),
  selected: z.boolean().meta({ description: '`false` deselects them, `true` selects them again.' }),
});

export const sendBody = z.strictObject({
  at: instant
    .optional()
    .meta({ description: 'Send at this time (a minute to a year ahead); now when not given.' }),
});

export const testMailSchema = z
  .object({ to: z.string(), messageId: z.string() })
  .meta({ id: 'NewsletterTestMail', description: 'Where the test went: the calling user’s own address.' });

export const suppressionSchema = z
  .object({
    email: z.string(),
    reason: z.enum(['bounce', 'complaint']),
    detail: z.string(),
    at: z.iso.datetime(),
    newsletterId: z.string().optional(),
    contactId: z.string().optional(),
  })
  .meta({ id: 'MailSuppression' });
export const suppressionPage = pageOf(suppressionSchema, 'MailSuppressionPage');

export const consentChangeSchema = z
  .object({
    contactId: z.string(),
    at: z.iso.datetime(),
    granted: z.boolean(),
    source: z.enum(consentSources),
    userId: z.string().optional(),
    newsletterId: z.string().optional(),
    reason: z.string().optional(),
  })
  .meta({ id: 'ConsentChange' });
export const consentHistoryPage = pageOf(consentChangeSchema, 'ConsentChangePage');

export const newsletterSettingsSchema = z
  .object({
    tracking: z.boolean(),
    updatedAt: z.iso.datetime().optional(),
    updatedBy: z.string().optional(),
    version: z.int(),
  })
  .meta({ id: 'NewsletterSettings' });
export const newsletterSettingsBody = z.strictObject({
  tracking: z
    .boolean()
    .meta({ description: 'Track opens and clicks (SES adds a pixel and rewrites links).' }),
});
