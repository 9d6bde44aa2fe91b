import * as z from 'zod';
import type {} from 'zod-openapi';
import { lineText } from '#api/common/common-schemas';
import { customerTypes } from '#domain/accounts/account';
import { commodities } from '#domain/energy/supply-point-identifier';
import {
  consumptionUnits,
  type LeadMapping,
  leadMappingPresets,
  type MappedTextField,
  mappedTextFields,
} from '#domain/sales/leads/lead-mapping';

const maxDepth = 12;

const pathSchema = lineText
  .max(200)
  .regex(/^[^.\s]+(\.[^.\s]+)*$/, 'keys separated by dots, without spaces or empty keys')
  .refine((path) => path.split('.').length <= maxDepth, `at most ${maxDepth} keys deep`)
  .meta({
    description: 'Where the value sits in the payload: keys separated by dots, array items by index.',
    example: 'contact.phones.0.number',
  });

const textRule = z
  .strictObject({
    path: pathSchema,
    default: lineText.min(1).max(200).optional().meta({
      description: 'Used when the payload has no value at the path.',
    }),
  })
  .meta({ id: 'LeadMappingText' });

const choiceRule = <T extends readonly [string, ...string[]]>(values: T, id: string) =>
  z
    .strictObject({
      path: pathSchema.optional(),
      values: z
        .record(lineText.min(1).max(100), z.enum(values))
        .refine((map) => Object.keys(map).length <= 50, 'at most 50 values')
        .optional()
        .meta({
          description:
            'The payload’s value (in any case) → ours. Our own values are recognised without an entry.',
        }),
      default: z.enum(values).optional().meta({
        description:
          'Used when the payload has no value or one not in `values`; without it an unknown value is refused.',
      }),
    })
    .refine((rule) => rule.path !== undefined || rule.default !== undefined, {
      message: 'give a path, a default or both',
    })
    .meta({ id });

const textRules = Object.fromEntries(mappedTextFields.map((field) => [field, textRule.optional()])) as Record<
  MappedTextField,
  z.ZodOptional<typeof textRule>
>;

const nameFields = ['firstName', 'lastName', 'fullName', 'companyName'] as const;

export const leadMappingSchema = z
  .strictObject({
    fields: z
      .strictObject({
        ...textRules,
        fullName: textRule.optional().meta({
          description: 'One name for the person, split at its last space into first and last name.',
        }),
        segment: choiceRule(customerTypes, 'LeadMappingSegment'),
        commodity: choiceRule(commodities, 'LeadMappingCommodity').optional(),
        annualConsumptionKwh: z
          .strictObject({ path: pathSchema, unit: z.enum(consumptionUnits).default('kWh') })
          .optional(),
      })
      .superRefine((fields, ctx) => {
        if (!nameFields.some((name) => fields[name] !== undefined))
          ctx.addIssue({ code: 'custom', message: `map one of ${nameFields.join(', ')}`, path: [] });
        if (fields.email === undefined && fields.phone === undefined)
          ctx.addIssue({ code: 'custom', message: 'map email, phone or both', path: [] });
      }),
  })
  .meta({
    id: 'LeadMapping',
    description:
      'How a lead source’s webhook payload becomes a lead. A lead needs a name and an e-mail or phone, ' +
      'so at least one name field and one of email and phone are mapped.',
    example: leadMappingPresets['property-portal'],
  }) satisfies z.ZodType<LeadMapping>;
