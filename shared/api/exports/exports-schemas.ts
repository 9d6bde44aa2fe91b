import * as z from 'zod';
import { idSchema, lineText, monthSchema, pageOf } from '#api/common/common-schemas';
import { exportFormats, exportStates } from '#domain/exports/export-job';
import { vocabularyNames } from '#domain/exports/export-vocabulary';

const month = monthSchema();

// Machine strings of a specification: each with the shape the domain checks in detail.
const operatorCode = z.string().regex(/^[A-Z0-9-]{2,20}$/, 'use 2–20 capital letters, digits or "-"');
const territoryCode = z.string().regex(/^[^#\p{Cc}]{1,40}$/u, 'use 1–40 characters, without "#"');
const oneChar = z.string().regex(/^[^\p{L}\p{N}\p{Cc}]$/u, 'one character, not a letter or digit');

export const specParams = z.object({ specId: idSchema });
export const exportParams = z.object({ exportId: idSchema });
export const contractParams = z.object({ contractId: idSchema });

const format = z
  .strictObject({
    datePattern: z
      .string()
      .regex(/^[dMy .\-/]{1,30}$/, 'use dd, d, MM, M, yyyy, yy and . - / or spaces')
      .optional()
      .meta({ description: 'dd, d, MM, M, yyyy, yy; e.g. dd.MM.yyyy' }),
    decimals: z.int().min(0).max(6).optional(),
    decimalSeparator: z.enum(['.', ',']).optional(),
    thousandsSeparator: oneChar.optional(),
    upperCase: z.boolean().optional(),
    maxLength: z.int().min(1).max(10_000).optional(),
    pad: z
      .strictObject({
        length: z.int().min(1).max(100),
        char: z.string().regex(/^[^\p{Cc}]$/u, 'one character'),
        side: z.enum(['left', 'right']),
      })
      .optional(),
  })
  .meta({ id: 'DataSentenceColumnFormat' });

const column = z
  .strictObject({
    header: lineText.min(1).max(200),
    source: z.discriminatedUnion('kind', [
      z.strictObject({
        kind: z.literal('field'),
        field: z
          .string()
          .regex(/^[a-zA-Z]+\.[a-zA-Z0-9]+$/, 'a name of the vocabulary, e.g. supplyPoint.identifier')
          .meta({ description: `One of: ${vocabularyNames.join(', ')}.` }),
      }),
      z.strictObject({ kind: z.literal('constant'), value: lineText.max(500) }),
    ]),
    format: format.optional(),
    codes: z
      .record(z.string().regex(/^[^\p{Cc}]{1,100}$/u, 'one line, 1–100 characters'), lineText.max(100))
      .optional()
      .meta({ description: 'Our value → the operator’s code; a value not listed does not fit.' }),
    required: z.boolean(),
  })
  .meta({ id: 'DataSentenceColumn' });

const specFields = {
  distributor: operatorCode.meta({ description: 'The operator’s code, e.g. ZSDIS, SSD, VSD, SPPD.' }),
  territoryCodes: z
    .array(territoryCode)
    .min(1)
    .max(50)
    .meta({ description: 'The tenant’s distribution territories this operator serves.' }),
  name: lineText.min(1).max(200),
  sheetName: lineText.min(1).max(31),
  fileNamePattern: z
    .string()
    .regex(/^[A-Za-z0-9_.{}-]{1,120}$/, 'letters, digits, _ . - and the placeholders')
    .meta({ description: '{distributor}, {date}, {exportId}; no extension.' }),
  csvSeparator: z.enum([';', ',', '\t']),
  columns: z.array(column).min(1).max(200),
};

export const specBody = z.strictObject(specFields).meta({ id: 'DataSentenceSpecRequest' });

export const createSpecBody = z.union([specBody, z.strictObject({ copyOfPreset: operatorCode })]).meta({
  description: 'A specification, or `{ "copyOfPreset": "ZSDIS" }` to start from the shipped starting point.',
});

const presetSchema = z
  .object({ ...specFields, preset: z.string().optional() })
  .meta({ id: 'DataSentencePreset' });

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
      .meta({
        description:
          'Rows written, rows left out (in the error report), contracts sent before, contracts carried.',
      }),
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
      z.object({
        contractId: z.string(),
        distributor: z.string(),
        exportId: z.string(),
        exportedAt: z.iso.datetime(),
      }),
    ),
  })
  .meta({ id: 'ContractExportList' });
