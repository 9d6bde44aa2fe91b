import * as z from 'zod';
import { createAccountBody, createContactBody } from '#api/accounts/record-bodies';
import { accountSchema, contactSchema } from '#api/accounts/record-schemas';
import {
  idSchema,
  lineText,
  multilineText,
  pageOf,
  pageQuery,
  systemWrittenAuditFields,
} from '#api/common/common-schemas';
import { createSupplyPointBody, supplyPointSchema } from '#api/energy/supply-point-schemas';
import { customerTypes } from '#domain/accounts/account';
import { commodities } from '#domain/energy/supply-point-identifier';
import { engagementKinds, leadStages, settableLeadStages } from '#domain/sales/leads/lead';
import { dealFieldsForConversion, dealSchema } from './deals-schemas';

const text = (max: number) => lineText.max(max).optional();

const attribution = z.strictObject({
  campaign: text(200).meta({ description: 'The campaign that brought the lead (R-MK-1).' }),
  medium: text(100).meta({ description: 'E.g. `email`, `cpc`, `portal`.' }),
  externalId: text(200).meta({ description: 'The lead’s id at its source.' }),
});

const address = z.strictObject({
  street: text(200),
  postalCode: text(20),
  city: text(100),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .optional(),
});

export const leadBody = z
  .strictObject({
    firstName: text(200),
    lastName: text(200),
    companyName: text(200),
    orgNumber: text(40),
    email: text(254),
    phone: text(40).meta({ description: 'Any common format; stored in E.164.' }),
    segment: z.enum(customerTypes),
    commodity: z.enum(commodities).optional(),
    annualConsumptionKwh: z.int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
    territoryCode: text(40),
    address: address.optional(),
    message: multilineText.max(4000).optional(),
    attribution: attribution.optional(),
  })
  .meta({
    id: 'Lead',
    description:
      'A lead needs a name (person or company) and an e-mail or phone. Leads and contacts with the same e-mail or phone are listed in `possibleDuplicates`, never merged silently.',
  });

const stageChange = z.object({
  stage: z.enum(leadStages),
  at: z.iso.datetime(),
  by: z.string(),
  reason: z.string().optional(),
});

export const leadSchema = z
  .object({
    ...systemWrittenAuditFields,
    firstName: z.string().optional(),
    lastName: z.string().optional(),
    companyName: z.string().optional(),
    orgNumber: z.string().optional(),
    email: z.string().optional(),
    phone: z.string().optional(),
    segment: z.enum(customerTypes),
    commodity: z.enum(commodities).optional(),
    annualConsumptionKwh: z.int().optional(),
    territoryCode: z.string().optional(),
    address: address.optional(),
    message: z.string().optional(),
    attribution: z.object({
      source: z.string().meta({ description: '`manual`, or the id of the lead source that delivered it.' }),
      campaign: z.string().optional(),
      medium: z.string().optional(),
      externalId: z.string().optional(),
    }),
    stage: z.enum(leadStages),
    stageHistory: z.array(stageChange),
    disqualificationReason: z.string().optional(),
    ownerId: z.string().optional(),
    groupId: z.string().optional(),
    routedAt: z.iso.datetime().optional(),
    score: z.int(),
    scoreLines: z.array(z.object({ rule: z.string(), points: z.int() })),
    engagement: z.object({ emailsOpened: z.int(), meetings: z.int() }),
    possibleDuplicates: z.array(
      z.object({ type: z.enum(['lead', 'contact']), id: z.string(), matchedOn: z.enum(['email', 'phone']) }),
    ),
    conversion: z
      .object({
        accountId: z.string(),
        contactId: z.string(),
        dealId: z.string(),
        supplyPointId: z.string().optional(),
        convertedAt: z.iso.datetime(),
        convertedBy: z.string(),
      })
      .optional(),
  })
  .meta({ id: 'LeadView' });

export const leadPage = pageOf(leadSchema, 'LeadPage');

export const leadListQuery = z.strictObject({
  ...pageQuery,
  stage: z.enum(leadStages).optional(),
  ownerId: lineText.min(1).max(128).optional().meta({
    description: 'The owner’s leads; `-` for the unassigned. Without stage or owner: your own leads.',
  }),
});

export const moveLeadBody = z
  .strictObject({
    stage: z.enum(settableLeadStages),
    reason: multilineText.max(500).optional().meta({ description: 'Required to disqualify.' }),
  })
  .meta({ id: 'MoveLead' });

export const assignLeadBody = z
  .strictObject({
    ownerId: lineText
      .min(1)
      .max(128)
      .nullable()
      .meta({ description: 'An active user; `null` returns the lead to the pool.' }),
  })
  .meta({ id: 'AssignLead' });

export const engagementBody = z
  .strictObject({ kind: z.enum(engagementKinds) })
  .meta({ id: 'LeadEngagement' });

export const convertLeadBody = z
  .strictObject({
    accountId: idSchema.optional().meta({ description: 'Convert into this existing account.' }),
    account: createAccountBody.partial().optional().meta({
      description: 'The new account; name, type, org number, e-mail and phone default to the lead’s.',
    }),
    contact: createContactBody.omit({ accountId: true }).partial().optional(),
    deal: dealFieldsForConversion,
    supplyPoint: createSupplyPointBody.omit({ accountId: true }).optional(),
  })
  .meta({ id: 'ConvertLead' });

export const conversionSchema = z
  .object({
    lead: leadSchema,
    account: accountSchema,
    contact: contactSchema,
    deal: dealSchema,
    supplyPoint: supplyPointSchema.optional(),
  })
  .meta({ id: 'Conversion' });
