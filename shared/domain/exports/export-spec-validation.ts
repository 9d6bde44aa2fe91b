import { type InvalidField, ValidationError } from '#domain/errors';
import { datePatternParts } from './export-format';
import type { ColumnFormat, ExportColumn, ExportSpecContent } from './export-spec';
import { isVocabularyName } from './export-vocabulary';

export const maxColumns = 200;
const placeholders = ['{distributor}', '{date}', '{exportId}'];
const csvSeparators = [';', ',', '\t'];

const isIntegerIn = (value: unknown, min: number, max: number): boolean =>
  typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;

const isText = (value: unknown): value is string => typeof value === 'string';

/** Why a date pattern cannot be used, or undefined. */
function datePatternProblem(pattern: unknown): string | undefined {
  if (!isText(pattern) || pattern.length === 0 || pattern.length > 50) return 'must be 1–50 characters';
  const parts = datePatternParts(pattern);
  const stray = parts.find((p) => p.token === undefined && /\p{L}/u.test(p.text));
  if (stray !== undefined)
    return `"${stray.text}" is not a date token (dd, d, MM, M, yyyy, yy); letters are not allowed otherwise`;
  if (!parts.some((p) => p.token !== undefined)) return 'has no date token (dd, d, MM, M, yyyy, yy)';
  return undefined;
}

function formatProblems(format: ColumnFormat, at: string): InvalidField[] {
  const invalid: InvalidField[] = [];
  const add = (name: string, reason: string) => invalid.push({ name: `${at}.${name}`, reason });
  if (format.datePattern !== undefined) {
    const problem = datePatternProblem(format.datePattern);
    if (problem !== undefined) add('datePattern', problem);
  }
  if (format.decimals !== undefined && !isIntegerIn(format.decimals, 0, 6))
    add('decimals', 'must be a whole number from 0 to 6');
  if (format.decimalSeparator !== undefined && !['.', ','].includes(format.decimalSeparator))
    add('decimalSeparator', 'must be "." or ","');
  const thousands = format.thousandsSeparator;
  if (thousands !== undefined) {
    if (!isText(thousands) || [...thousands].length !== 1 || /\d/.test(thousands))
      add('thousandsSeparator', 'must be a single character other than a digit');
    else if (thousands === (format.decimalSeparator ?? '.'))
      add('thousandsSeparator', 'must differ from the decimal separator');
  }
  if (format.upperCase !== undefined && typeof format.upperCase !== 'boolean')
    add('upperCase', 'must be true or false');
  if (format.maxLength !== undefined && !isIntegerIn(format.maxLength, 1, 10_000))
    add('maxLength', 'must be a whole number from 1 to 10000');
  const pad = format.pad;
  if (pad !== undefined) {
    if (!isIntegerIn(pad.length, 1, 100)) add('pad.length', 'must be a whole number from 1 to 100');
    if (!isText(pad.char) || [...pad.char].length !== 1) add('pad.char', 'must be a single character');
    if (pad.side !== 'left' && pad.side !== 'right') add('pad.side', 'must be "left" or "right"');
  }
  const numeric =
    format.decimals !== undefined ||
    format.decimalSeparator !== undefined ||
    format.thousandsSeparator !== undefined ||
    format.pad !== undefined;
  if (format.datePattern !== undefined && numeric)
    invalid.push({ name: at, reason: 'a date pattern cannot be combined with number formatting or padding' });
  return invalid;
}

function columnProblems(column: ExportColumn, at: string): InvalidField[] {
  const invalid: InvalidField[] = [];
  const header = column.header;
  if (!isText(header) || header.trim().length === 0 || [...header].length > 200)
    invalid.push({ name: `${at}.header`, reason: 'must be 1–200 characters, not only spaces' });
  else if (header.trim() !== header)
    invalid.push({ name: `${at}.header`, reason: 'must not start or end with a space' });
  const source = column.source;
  if (source?.kind === 'field') {
    if (!isText(source.field) || !isVocabularyName(source.field))
      invalid.push({
        name: `${at}.source.field`,
        reason: `"${source.field}" is not a name of the vocabulary`,
      });
  } else if (source?.kind === 'constant') {
    if (!isText(source.value)) invalid.push({ name: `${at}.source.value`, reason: 'must be text' });
  } else {
    invalid.push({ name: `${at}.source`, reason: 'must be a vocabulary field or a constant' });
  }
  if (typeof column.required !== 'boolean')
    invalid.push({ name: `${at}.required`, reason: 'must be true or false' });
  if (column.codes !== undefined) {
    const entries =
      typeof column.codes === 'object' && column.codes !== null ? Object.entries(column.codes) : [];
    if (entries.length === 0 || entries.some(([, code]) => !isText(code)))
      invalid.push({ name: `${at}.codes`, reason: 'must map at least one value to a text code' });
  }
  if (column.format !== undefined) invalid.push(...formatProblems(column.format, `${at}.format`));
  return invalid;
}

function fileNameProblem(pattern: unknown): string | undefined {
  if (!isText(pattern) || pattern.length === 0 || pattern.length > 200) return 'must be 1–200 characters';
  if (!/^[A-Za-z0-9_.{}-]+$/.test(pattern))
    return 'may hold only letters A–Z, digits, "_", ".", "-" and placeholders';
  const unknown = (pattern.match(/\{[^{}]*\}/g) ?? []).find((p) => !placeholders.includes(p));
  if (unknown !== undefined) return `${unknown} is not a placeholder (${placeholders.join(', ')})`;
  if (/[{}]/.test(pattern.replace(/\{[^{}]*\}/g, ''))) return 'has a "{" or "}" outside a placeholder';
  return undefined;
}

/**
 * Checks a specification an admin writes and returns it as it is: nothing is
 * trimmed or rewritten (a header with surrounding spaces is refused, not
 * trimmed). Throws a ValidationError naming every field that is wrong.
 */
export function validateSpecContent(content: ExportSpecContent): ExportSpecContent {
  const invalid: InvalidField[] = [];
  if (!isText(content.distributor) || !/^[A-Z0-9-]{2,20}$/.test(content.distributor))
    invalid.push({ name: 'distributor', reason: 'must be 2–20 capital letters, digits or "-"' });
  const territories = content.territoryCodes ?? [];
  if (territories.length === 0 || territories.length > 50)
    invalid.push({
      name: 'territoryCodes',
      reason: 'name 1–50 of the tenant’s territories this operator serves',
    });
  territories.forEach((code, i) => {
    if (!/^[^#\p{Cc}]{1,40}$/u.test(code))
      invalid.push({ name: `territoryCodes.${i}`, reason: 'use 1–40 characters, without "#"' });
  });
  if (!isText(content.name) || content.name.trim().length === 0 || content.name.length > 200)
    invalid.push({ name: 'name', reason: 'must be 1–200 characters, not only spaces' });
  const sheet = content.sheetName;
  if (!isText(sheet) || sheet.length === 0 || sheet.length > 31)
    invalid.push({ name: 'sheetName', reason: 'must be 1–31 characters' });
  else if (/[[\]:*?/\\]/.test(sheet))
    invalid.push({ name: 'sheetName', reason: 'must not contain [ ] : * ? / \\' });
  else if (sheet.startsWith("'") || sheet.endsWith("'"))
    invalid.push({ name: 'sheetName', reason: 'must not start or end with an apostrophe' });
  const fileName = fileNameProblem(content.fileNamePattern);
  if (fileName !== undefined) invalid.push({ name: 'fileNamePattern', reason: fileName });
  if (!csvSeparators.includes(content.csvSeparator))
    invalid.push({ name: 'csvSeparator', reason: 'must be ";", "," or a tab' });
  if (content.preset !== undefined && (!isText(content.preset) || !/^[a-z0-9-]{1,50}$/.test(content.preset)))
    invalid.push({ name: 'preset', reason: 'must be 1–50 lower-case letters, digits or "-"' });
  const columns = Array.isArray(content.columns) ? content.columns : undefined;
  if (columns === undefined || columns.length === 0)
    invalid.push({ name: 'columns', reason: 'must list at least one column' });
  else if (columns.length > maxColumns)
    invalid.push({ name: 'columns', reason: `must not have more than ${maxColumns} columns` });
  else {
    const seen = new Set<string>();
    columns.forEach((column, i) => {
      invalid.push(...columnProblems(column, `columns.${i}`));
      if (seen.has(column.header))
        invalid.push({ name: `columns.${i}.header`, reason: `"${column.header}" is already a column` });
      seen.add(column.header);
    });
  }
  if (invalid.length > 0) throw new ValidationError(invalid);
  return content;
}
