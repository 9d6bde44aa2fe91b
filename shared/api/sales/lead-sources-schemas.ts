import * as z from 'zod';
import { auditFields, lineText, pageOf } from '#api/common/common-schemas';
import { maxToleranceSeconds } from '#domain/sales/leads/lead-source';
import { leadMappingSchema } from './lead-mapping-schema';

const tolerance = z.int().min(30).max(maxToleranceSeconds).meta({
  description: 'How far a delivery’s `webhook-timestamp` may lie from now, in seconds; default 300.',
});

export const createLeadSourceBody = z
  .strictObject({
    name: lineText.min(1).max(100),
    preset: lineText.min(1).max(60).optional().meta({
      description: 'Copy the mapping of a preset (`property-portal`); or give `mapping`.',
    }),
    mapping: leadMappingSchema.optional(),
    toleranceSeconds: tolerance.optional(),
    defaultCampaign: lineText.min(1).max(200).optional(),
  })
  .meta({ id: 'CreateLeadSource' });

export const updateLeadSourceBody = z
  .strictObject({
    name: lineText.min(1).max(100).optional(),
    mapping: leadMappingSchema.optional(),
    toleranceSeconds: tolerance.optional(),
    defaultCampaign: lineText.min(1).max(200).nullish(),
    active: z.boolean().optional().meta({ description: 'An inactive source’s deliveries are refused.' }),
  })
  .meta({ id: 'UpdateLeadSource' });

export const leadSourceSchema = z
  .object({
    ...auditFields,
    name: z.string(),
    mapping: leadMappingSchema,
    preset: z.string().optional(),
    toleranceSeconds: z.int(),
    defaultCampaign: z.string().optional(),
    active: z.boolean(),
    webhookPath: z.string().meta({ description: 'Where the platform posts its leads.' }),
  })
  .meta({ id: 'LeadSource' });

export const newLeadSourceSchema = leadSourceSchema
  .extend({
    signingSecret: z.string().optional().meta({
      description: 'Shown once: the `whsec_…` secret the platform signs deliveries with.',
    }),
  })
  .meta({ id: 'NewLeadSource' });

export const signingSecretSchema = z
  .object({ signingSecret: z.string() })
  .meta({ id: 'SigningSecret', description: 'The new secret; the previous one is accepted for 24 hours.' });

export const leadSourcePage = pageOf(leadSourceSchema, 'LeadSourcePage');
