import * as z from 'zod';
import { auditFields, idSchema, lineText, pageOf, pageQuery } from '#api/common/common-schemas';
import { commodities } from '#domain/energy/supply-point-identifier';
import { fullShare, maxParticipants, titleMaxLength } from '#domain/sales/deals/deal';
import { dealStageStatuses } from '#domain/settings/setting';

const userId = lineText.min(1).max(128);
const settingId = lineText.min(1).max(64);

const participant = z.strictObject({
  userId,
  shareBasisPoints: z
    .int()
    .min(1)
    .max(fullShare)
    .meta({ description: 'The share in basis points; all shares total exactly 10 000 (100 %).' }),
});

const participants = z.array(participant).min(1).max(maxParticipants).meta({
  description: 'Who shares the deal (commissions); defaults to the owner alone with 10 000.',
});

const money = z.int().min(0).max(Number.MAX_SAFE_INTEGER);
const date = z.iso.date().meta({ example: '2026-12-31' });

const dealFields = {
  title: lineText.min(1).max(titleMaxLength),
  ownerId: userId.optional().meta({ description: 'Defaults to you.' }),
  participants: participants.optional(),
  commodity: z.enum(commodities).optional(),
  stageId: settingId.meta({ description: 'One of the tenant’s deal stages.' }),
  valueMinor: money.meta({ description: 'Expected value in minor units of the tenant’s currency.' }),
  expectedCloseDate: date,
  typeId: settingId.optional(),
  lossReasonId: settingId.optional().meta({ description: 'Required when the stage is a lost stage.' }),
};

export const createDealBody = z
  .strictObject({
    ...dealFields,
    accountId: idSchema,
    contactId: idSchema.optional(),
    supplyPointIds: z.array(idSchema).max(50).optional(),
  })
  .meta({ id: 'CreateDeal' });

/** The deal of a lead conversion: account, contact and supply point come from the conversion. */
export const dealFieldsForConversion = z
  .strictObject({ ...dealFields, title: dealFields.title.optional() })
  .meta({ id: 'ConversionDeal', description: 'The title defaults to the lead’s name.' });

export const updateDealBody = z
  .strictObject({
    title: dealFields.title.optional(),
    contactId: idSchema.nullish(),
    ownerId: userId.optional(),
    participants: participants.optional(),
    commodity: z.enum(commodities).nullish(),
    supplyPointIds: z.array(idSchema).max(50).optional(),
    stageId: settingId.optional(),
    valueMinor: money.optional(),
    expectedCloseDate: date.optional(),
    typeId: settingId.nullish(),
    lossReasonId: settingId.nullish(),
  })
  .meta({
    id: 'UpdateDeal',
    description: 'Absent fields stay; `null` clears. Moving to a lost stage needs `lossReasonId`.',
  });

export const dealSchema = z
  .object({
    ...auditFields,
    title: z.string(),
    accountId: z.string(),
    contactId: z.string().optional(),
    leadId: z.string().optional(),
    ownerId: z.string(),
    participants: z.array(z.object({ userId: z.string(), shareBasisPoints: z.int() })),
    commodity: z.enum(commodities).optional(),
    supplyPointIds: z.array(z.string()),
    stage: z.object({
      id: z.string(),
      title: z.string(),
      status: z.enum(dealStageStatuses),
      probabilityBasisPoints: z.int(),
    }),
    valueMinor: z.int(),
    currency: z.string(),
    expectedCloseDate: z.string(),
    typeId: z.string().optional(),
    lossReasonId: z.string().optional(),
    closedAt: z.iso.datetime().optional(),
    stageHistory: z.array(
      z.object({
        stageId: z.string(),
        status: z.enum(dealStageStatuses),
        enteredAt: z.iso.datetime(),
        enteredBy: z.string(),
        lossReasonId: z.string().optional(),
      }),
    ),
    forecastGroupIds: z.array(z.string()),
  })
  .meta({ id: 'Deal' });

export const dealPage = pageOf(dealSchema, 'DealPage');
export const dealListQuery = z.strictObject(pageQuery);
