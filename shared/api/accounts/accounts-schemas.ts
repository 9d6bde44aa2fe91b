import * as z from 'zod';
import { lineText, multilineText, pageOf, pageQuery } from '#api/common/common-schemas';
import { supplyPointSchema } from '#api/energy/supply-point-schemas';
import { customerTypes } from '#domain/accounts/account';
import { contractStates } from '#domain/contracts/contract';
import { commodities } from '#domain/energy/supply-point-identifier';
import { dealStageStatuses } from '#domain/settings/setting';
import { refId } from './record-bodies';
import { accountSchema, contactSchema } from './record-schemas';

const additionalInfoParts = {
  contactOrigin: lineText.max(200).nullish().meta({
    description:
      'How the customer came to us: free text or the id of a tenant-defined origin; `null` clears it.',
  }),
  productsOfInterest: z.array(lineText.max(100)).max(50).nullish(),
  sources: z.array(lineText.max(100)).max(50).nullish(),
};

export const additionalInfoBody = z.strictObject(additionalInfoParts).meta({
  id: 'SetAdditionalInfo',
  description: 'The whole section: a part not sent is cleared.',
});

export const mergedContactSchema = z
  .object({
    id: z.string(),
    mergedInto: z.string().meta({ description: 'The live contact this one was merged into.' }),
  })
  .meta({ id: 'MergedContact' });

export const noteBody = z.strictObject({ text: multilineText.min(1).max(10000) }).meta({ id: 'CreateNote' });
export const noteSchema = z
  .object({
    id: z.string(),
    subject: z.object({ type: z.string(), id: z.string() }),
    text: z.string(),
    authorId: z.string(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'Note' });

export const accountPage = pageOf(accountSchema, 'AccountPage');
export const contactPage = pageOf(contactSchema, 'ContactPage');
export const notePage = pageOf(noteSchema, 'NotePage');

export const dealSummarySchema = z
  .object({
    id: z.string(),
    title: z.string(),
    ownerId: z.string(),
    stage: z.object({
      id: z.string(),
      title: z.string(),
      status: z.enum(dealStageStatuses),
      probabilityBasisPoints: z.int(),
    }),
    valueMinor: z.int().meta({ description: 'Expected value in minor units of `currency`.' }),
    currency: z.string(),
    expectedCloseDate: z.iso.date(),
    commodity: z.enum(commodities).optional(),
  })
  .meta({
    id: 'AccountViewDeal',
    description: 'An open deal of the account; the whole deal is `GET /v1/deals/{dealId}`.',
  });

export const contractSummarySchema = z
  .object({
    id: z.string(),
    number: z.string().meta({ example: '2026-000042' }),
    state: z.enum(contractStates),
    stateChangedAt: z.iso.datetime(),
    dealId: z.string(),
    requestedStartDate: z.iso.date(),
    offeredAnnualCost: z
      .int()
      .meta({ description: 'Minor units of `currency`, all supply points together.' }),
    currency: z.string(),
  })
  .meta({ id: 'AccountViewContract', description: 'A contract of the account.' });

export const openCaseSummarySchema = z
  .object({
    id: z.string(),
    number: z.int().meta({ description: 'Shown as `C-<number>`.' }),
    subject: z.string(),
    status: z.string(),
    priority: z.string(),
    dueAt: z.iso.datetime().optional().meta({ description: 'The earliest due time of a running target.' }),
    ownerId: z.string().optional(),
    teamId: z.string().optional(),
  })
  .meta({ id: 'OpenCaseSummary', description: 'An open customer-service case, soonest due first.' });

export const accountViewSchema = z
  .object({
    account: accountSchema,
    contacts: z.array(contactSchema),
    supplyPoints: z.array(supplyPointSchema),
    openDeals: z.array(dealSummarySchema).meta({
      description:
        'Deals not yet won or lost. A seller sees those they own or take part in; admins and viewers all.',
    }),
    contracts: z.array(contractSummarySchema).meta({
      description:
        'A seller sees the contracts of the deals they own or take part in; admins and viewers all.',
    }),
    openCases: z
      .array(openCaseSummarySchema)
      .meta({ description: 'The account’s open customer-service cases.' }),
  })
  .meta({
    id: 'AccountView',
    description: 'The account and its collection, each list oldest first, read together in one Query.',
  });

export const identificationSchema = z
  .object({
    contacts: z.array(
      z.object({
        contact: contactSchema,
        account: accountSchema.optional(),
        openCases: z.array(openCaseSummarySchema).meta({ description: 'The contact’s open cases.' }),
        accountOpenCases: z
          .array(openCaseSummarySchema)
          .meta({ description: 'The open cases of the contact’s account.' }),
      }),
    ),
    accounts: z.array(accountSchema),
  })
  .meta({ id: 'Identification' });

export const categoryParams = z.object({ categoryId: refId });

export const accountListQuery = z.strictObject({
  ...pageQuery,
  q: lineText.min(1).max(100).optional().meta({ description: 'Name prefix; case and accents are ignored.' }),
  customerType: z.enum(customerTypes).optional(),
  ownerId: refId.optional(),
  statusTypeId: refId.optional(),
});

export const contactListQuery = z.strictObject({
  ...pageQuery,
  q: lineText.min(1).max(100).optional().meta({ description: 'Prefix of "last first" name.' }),
  accountId: refId.optional().meta({ description: 'Only the contacts of this account.' }),
});

export const identifyQuery = z
  .strictObject({
    phone: z
      .string()
      .regex(/^[+\d\s()./-]{3,40}$/, 'digits with optional +, spaces, dashes, dots, slashes or brackets')
      .optional()
      .meta({
        description: 'Any common format, e.g. `070-123 45 67`; national numbers in the tenant’s country.',
      }),
    email: z.string().min(3).max(254).optional(),
    customerId: lineText.min(1).max(64).optional(),
  })
  .refine((q) => [q.phone, q.email, q.customerId].filter(Boolean).length === 1, {
    message: 'give exactly one of phone, email, customerId',
    path: ['phone'],
  });
