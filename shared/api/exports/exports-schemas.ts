import * as z from 'zod';
import { idSchema, lineText, pageOf } from '#api/common/common-schemas';
import { exportFormats, exportStates } from '#domain/exports/export-job';
import { vocabularyNames } from '#domain/exports/export-vocabulary';

const month = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'use YYYY-MM')
  .meta({ description: 'A month, YYYY-MM.', example: '2027-01' });

export const specParams = z.object({ specId: idSchema });
export const exportParams = z.object({ exportId: idSchema });
export const contractParams = z.object({ contractId: idSchema });

const format = z
  .strictObject({
    datePattern: z.string().min(1).max(30).optional().meta({ description: 'dd, d, MM, M, yyyy, yy; e.g. dd.MM.yyyy' }),
    decimals: z.int().min(0).max(6).optional(),
    decimalSeparator: z.enum(['.', ',']).optional(),
    thousandsSeparator: z.string().max(1).optional(),
    upperCase: z.boolean().optional(),
    maxLength: z.int().min(1).max(10_000).optional(),
    pad: z
      .strictObject({ length: z.int().min(1).max(100), char: z.string().length(1), side: z.enum(['left', 'right']) })
      .optional(),
  })
  .meta({ id: 'DataSentenceColumnFormat' });

const column = z
  .strictObject({
    header: lineText.min(1).max(200),
    source: z.discriminatedUnion('kind', [
      z.strictObject({
        kind: z.literal('field'),
        field: z.string().min(1).max(60).meta({ description: `One of: ${vocabularyNames.join(', ')}.` }),
      }),
      z.strictObject({ kind: z.literal('constant'), value: lineText.max(500) }),
    ]),
    format: format.optional(),
    codes: z
      .record(z.string().min(1).max(100), lineText.max(100))
      .optional()
      .meta({ description: 'Our value → the operator’s code; a value not listed does not fit.' }),
    required: z.boolean(),
  })
  .meta({ id: 'DataSentenceColumn' });

const specFields = {
  distributor: z.string().min(1).max(20).meta({ description: 'The operator’s code, e.g. ZSDIS, SSD, VSD, SPPD.' }),
  territoryCodes: z
    .array(z.string().min(1).max(40))
    .min(1)
    .max(50)
    .meta({ description: 'The tenant’s distribution territories this operator serves.' }),
  name: lineText.min(1).max(200),
  sheetName: lineText.min(1).max(31),
  fileNamePattern: z.string().min(1).max(120).meta({ description: '{distributor}, {date}, {exportId}; no extension.' }),
  csvSeparator: z.enum([';', ',', '\t']),
  columns: z.array(column).min(1).max(200),
};

export const specBody = z.strictObject(specFields).meta({ id: 'DataSentenceSpecRequest' });

export const createSpecBody = z
  .union([specBody, z.strictObject({ copyOfPreset: z.string().min(1).max(20) })])
  .meta({ description: 'A specification, or `{ "copyOfPreset": "ZSDIS" }` to start from the shipped starting point.' });

const presetSchema = z.object({ ...specFields, preset: z.string().optional() }).meta({ id: 'DataSentencePreset' });

export const presetList = z.object({ items: z.array(presetSchema) }).meta({ id: 'DataSentencePresetList' });

export const specSchema = z
  .object({
    ...specFields,
    preset: z.string().optional(),
    id: z.string(),
    version: z.int(),
    updatedAt: z.iso.datetime(),
    updatedBy: z.string(),
  })
  .meta({ id: 'DataSentenceSpec' });

export const specList = z.object({ items: z.array(specSchema) }).meta({ id: 'DataSentenceSpecList' });

export const requestExportBody = z
  .strictObject({
    specId: idSchema,
    selection: z.discriminatedUnion('kind', [
      z.strictObject({
        kind: z.literal('month'),
        month,
        onlyNotExported: z.boolean().default(true),
      }),
      z.strictObject({ kind: z.literal('contracts'), contractIds: z.array(idSchema).min(1).max(1_000) }),
    ]),
    format: z.enum(exportFormats).default('xlsx'),
  })
  .meta({ id: 'DataSentenceExportRequest' });

const storedFile = z.object({ key: z.string(), fileName: z.string() });

export const exportSchema = z
  .object({
    id: z.string(),
    distributor: z.string(),
    spec: specSchema,
    selection: z.union([
      z.object({ kind: z.literal('month'), month: z.string(), onlyNotExported: z.boolean() }),
      z.object({ kind: z.literal('contracts'), contractIds: z.array(z.string()) }),
    ]),
    format: z.enum(exportFormats),
    state: z.enum(exportStates),
    progress: z.object({ done: z.int(), total: z.int() }),
    counts: z
      .object({ rows: z.int(), invalid: z.int(), alreadyExported: z.int(), contracts: z.int() })
      .optional()
      .meta({ description: 'Rows written, rows left out (in the error report), contracts sent before, contracts carried.' }),
    file: storedFile.optional(),
    errorReport: storedFile.optional(),
    downloads: z
      .object({ file: z.url(), errorReport: z.url() })
      .optional()
      .meta({ description: 'Pre-signed links, 15 minutes.' }),
    failure: z.string().optional(),
    createdAt: z.iso.datetime(),
    createdBy: z.string(),
    completedAt: z.iso.datetime().optional(),
    version: z.int(),
  })
  .meta({ id: 'DataSentenceExport' });

export const exportPage = pageOf(exportSchema, 'DataSentenceExportPage');

export const contractExportList = z
  .object({
    items: z.array(
      z.object({ contractId: z.string(), distributor: z.string(), exportId: z.string(), exportedAt: z.iso.datetime() }),
    ),
  })
  .meta({ id: 'ContractExportList' });
