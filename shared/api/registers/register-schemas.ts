import * as z from 'zod';
import { registerCountries } from '#domain/registers/company-register';
import { suggestedFields } from '#domain/registers/register-suggestion';

const registerAddress = z
  .object({ street: z.string(), postcode: z.string(), city: z.string(), country: z.string() })
  .meta({ id: 'RegisterAddress' });

export const registerSuggestionSchema = z
  .object({
    accountId: z.string(),
    country: z.enum(registerCountries),
    orgNumber: z.string().meta({ description: 'The number that was looked up.' }),
    fetchedAt: z.iso.datetime(),
    status: z.enum(['found', 'not-found']).meta({
      description: '`not-found`: the register does not know the number; nothing to apply.',
    }),
    name: z.string().optional(),
    legalForm: z.string().optional(),
    address: registerAddress.optional().meta({
      description:
        'Applied as the account’s postal address (SE) or visiting address (SK: the registered seat).',
    }),
    registeredOn: z.iso.date().optional(),
    struckOff: z.boolean().meta({ description: 'Struck off, terminated or deregistered in the register.' }),
    struckOffOn: z.iso.date().optional(),
    statutoryBodies: z
      .array(z.object({ name: z.string(), role: z.string(), since: z.iso.date().optional() }))
      .meta({ description: 'Who acts for the company (the Slovak register; empty for Swedish companies).' }),
  })
  .meta({
    id: 'RegisterSuggestion',
    description:
      'What the company register said about the account’s organisation number (R-AC-11), looked up when the account was made or its number changed.',
  });

export const applySuggestionBody = z
  .strictObject({
    fields: z
      .array(z.enum(suggestedFields))
      .min(1)
      .max(suggestedFields.length)
      .refine((fields) => new Set(fields).size === fields.length, 'each field at most once')
      .meta({ description: 'The suggested fields to copy onto the account.' }),
  })
  .meta({ id: 'ApplyRegisterSuggestion' });
