import * as z from 'zod';
import { lineText } from '#api/common/common-schemas';
import { customerTypes } from '#domain/accounts/account';
import { importLimits, importModes, importStates } from '#domain/import/import-job';
import { importDelimiters, importEncodings, importFields, importKinds } from '#domain/import/import-mapping';

export const createImportBody = z
  .strictObject({
    kind: z.enum(importKinds),
    fileName: lineText.min(1).max(255).meta({ example: 'kunder.csv' }),
    size: z.int().min(1).max(importLimits.maxBytes).meta({
      description: 'The file size in bytes, at most 200 MB; the upload URL accepts exactly this size.',
    }),
  })
  .meta({ id: 'CreateImport' });

const optionsSchema = z
  .strictObject({
    delimiter: z
      .enum(importDelimiters)
      .default('auto')
      .meta({ description: '`auto` reads it from the header line (comma, semicolon or tab).' }),
    encoding: z.enum(importEncodings),
    defaultCustomerType: z
      .enum(customerTypes)
      .optional()
      .meta({ description: 'For rows without a customer type (no column, or a blank cell).' }),
  })
  .meta({ id: 'ImportOptions' });

const mappingSchema = z.strictObject({
  columns: z
    .record(lineText.min(1).max(200), z.enum(importFields))
    .refine((columns) => Object.keys(columns).length <= 100, 'map at most 100 columns')
    .meta({
      description:
        'The CSV header of each column to import → the field it feeds. Headers match trimmed and in any case; ' +
        'phone fields take several columns, and a cell may hold several numbers separated by `;`.',
      example: { Företag: 'account.name', 'Org.nr': 'account.orgNumber', Förnamn: 'contact.firstName' },
    }),
  options: optionsSchema,
});

export const setMappingBody = mappingSchema.meta({ id: 'SetImportMapping' });

const failureSchema = z
  .object({
    message: z.string(),
    row: z.int().optional(),
    fields: z.array(z.object({ name: z.string(), reason: z.string() })).optional(),
  })
  .meta({ id: 'ImportFailure', description: 'Why the file could not be imported at all.' });

export const importSchema = z
  .object({
    id: z.string(),
    kind: z.enum(importKinds),
    fileName: z.string(),
    size: z.int(),
    state: z.enum(importStates),
    mode: z.enum(importModes).optional(),
    mapping: mappingSchema.optional(),
    rowsTotal: z.int().optional().meta({ description: 'Data rows of the file, known once it is validated.' }),
    rowsDone: z.int(),
    rowsCreated: z
      .int()
      .meta({ description: 'Rows whose account (and contact) were created; in a dry run: would be.' }),
    rowsSkipped: z.int().meta({ description: 'Rows an earlier run of this import had imported already.' }),
    rowsFailed: z.int(),
    duplicates: z.int(),
    requestedAt: z.iso.datetime().optional(),
    finishedAt: z.iso.datetime().optional(),
    failure: failureSchema.optional(),
    reportUrl: z.string().optional().meta({
      description:
        'When done: a short-lived URL of the result report (CSV: row, outcome, field, message, id).',
    }),
    createdAt: z.iso.datetime(),
    createdBy: z.string(),
    updatedAt: z.iso.datetime(),
    version: z.int(),
  })
  .meta({ id: 'Import' });

export const createdImportSchema = z
  .object({
    import: importSchema,
    upload: z.object({
      url: z.string(),
      method: z.literal('PUT'),
      headers: z.record(z.string(), z.string()),
      expiresAt: z.iso.datetime(),
    }),
  })
  .meta({ id: 'CreatedImport' });
