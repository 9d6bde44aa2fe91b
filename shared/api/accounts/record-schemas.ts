import * as z from 'zod';
import { auditFields, systemWrittenAuditFields } from '#api/common/common-schemas';
import { customerTypes } from '#domain/accounts/account';
import { communicationChannels } from '#domain/accounts/contact';
import { address, communicationPreferenceDescription } from './record-bodies';

/*
 * An account and a contact as the API answers them. A file of their own:
 * other modules answer with them (a supply point's billing change, a
 * register suggestion, a lead's conversion) without building the accounts
 * API's other schemas.
 */

export const additionalInfoSchema = z
  .object({
    contactOrigin: z.string().optional(),
    productsOfInterest: z.array(z.string()),
    sources: z.array(z.string()),
  })
  .meta({ id: 'AdditionalInfo' });

export const accountSchema = z
  .object({
    ...systemWrittenAuditFields,
    name: z.string(),
    country: z.string(),
    orgNumber: z.string().optional(),
    legalForm: z.string().optional(),
    customerType: z.enum(customerTypes),
    addresses: z.array(address),
    phones: z.array(z.string()),
    email: z.string().optional(),
    website: z.string().optional(),
    industryId: z.string().optional(),
    categoryIds: z.array(z.string()),
    statusTypeId: z.string().optional(),
    ownerId: z.string().optional(),
    communicationPreference: z
      .enum(communicationChannels)
      .meta({ description: communicationPreferenceDescription }),
    additionalInfo: additionalInfoSchema
      .optional()
      .meta({ description: 'Absent until first set (R-AC-10).' }),
    struckOff: z
      .object({ on: z.iso.date().optional(), reportedAt: z.iso.datetime() })
      .optional()
      .meta({ description: 'Set while the company register says the company is struck off (ADR 0029).' }),
    deletedAt: z.iso.datetime().optional().meta({ description: 'Only on deleted accounts.' }),
  })
  .meta({ id: 'Account' });

export const contactSchema = z
  .object({
    ...auditFields,
    firstName: z.string(),
    lastName: z.string(),
    email: z.string().optional(),
    phones: z.array(z.string()),
    externalCustomerId: z.string().optional(),
    contactTypeId: z.string().optional(),
    keywords: z.array(z.string()).meta({ description: "Ids of the tenant's keywords." }),
    categoryIds: z.array(z.string()),
    newsletterConsent: z.boolean(),
    greeting: z.string().optional(),
    information: z.string().optional(),
    accountId: z.string().optional(),
    isSigningPerson: z.boolean(),
    preferredChannel: z.enum(communicationChannels),
  })
  .meta({ id: 'Contact' });
