import type { customerTypes } from '#domain/accounts/account';
import type { InvalidField } from '#domain/errors';

export const importKinds = ['accounts-and-contacts'] as const;
export type ImportKind = (typeof importKinds)[number];

/**
 * What a column of the file can feed. One row is one account with at most
 * one contact; the address fields make the account's visiting address.
 */
export const importFields = [
  'account.name',
  'account.orgNumber',
  'account.customerType',
  'account.email',
  'account.phones',
  'account.website',
  'account.street',
  'account.postcode',
  'account.city',
  'account.country',
  'contact.firstName',
  'contact.lastName',
  'contact.email',
  'contact.phones',
  'contact.externalCustomerId',
  'contact.information',
] as const;
export type ImportField = (typeof importFields)[number];

/** Fields several columns may feed (a phone and a mobile column); their numbers are joined. */
export const multiColumnFields: ReadonlySet<ImportField> = new Set(['account.phones', 'contact.phones']);

export const importEncodings = ['utf-8', 'windows-1250', 'windows-1252'] as const;
export type ImportEncoding = (typeof importEncodings)[number];

/** `auto` reads the delimiter from the header line. */
export const importDelimiters = [',', ';', 'auto'] as const;
export type ImportDelimiter = (typeof importDelimiters)[number];

export interface ImportOptions {
  readonly delimiter: ImportDelimiter;
  readonly encoding: ImportEncoding;
  /** Used where the file has no customer type for a row (no column, or a blank cell). */
  readonly defaultCustomerType?: (typeof customerTypes)[number];
}

/** Which column of the file feeds which field: CSV header → field. */
export interface ImportMapping {
  readonly columns: Readonly<Record<string, ImportField>>;
  readonly options: ImportOptions;
}

/** Headers are matched trimmed and without regard to case. */
export const headerKey = (header: string) => header.normalize('NFC').trim().toLowerCase();

/**
 * The mapping's own rules, before any file is read: the account needs its
 * name, a contact its first and last name, and a field that holds one value
 * is fed by one column.
 */
export function checkMapping(mapping: ImportMapping): InvalidField[] {
  const invalid: InvalidField[] = [];
  const mapped = new Map<ImportField, string[]>();
  const headers = new Map<string, string>();
  for (const [header, field] of Object.entries(mapping.columns)) {
    if (header.trim() === '') {
      invalid.push({ name: 'columns', reason: 'a column name must not be blank' });
      continue;
    }
    const other = headers.get(headerKey(header));
    if (other !== undefined) {
      invalid.push({ name: `columns.${header}`, reason: `names the same column as "${other}"` });
    }
    headers.set(headerKey(header), header);
    mapped.set(field, [...(mapped.get(field) ?? []), header]);
  }
  for (const [field, from] of mapped) {
    if (from.length > 1 && !multiColumnFields.has(field)) {
      invalid.push({
        name: `columns.${from[1]}`,
        reason: `${field} is already fed by the column "${from[0]}"; it holds one value`,
      });
    }
  }
  if (!mapped.has('account.name')) {
    invalid.push({ name: 'columns', reason: 'map a column to account.name' });
  }
  const contactFields = [...mapped.keys()].filter((f) => f.startsWith('contact.'));
  if (contactFields.length > 0) {
    for (const required of ['contact.firstName', 'contact.lastName'] as const) {
      if (!mapped.has(required)) {
        invalid.push({ name: 'columns', reason: `a contact needs ${required}: map a column to it` });
      }
    }
  }
  return invalid;
}

/** The columns of one file that feed each field, found by their headers. */
export interface ColumnPlan {
  /** Column positions per field, in the file's order. */
  readonly columns: ReadonlyMap<ImportField, readonly number[]>;
  /** The header of each position, as the file spells it (the report names columns so). */
  readonly headers: readonly string[];
  readonly hasContact: boolean;
}

export type ColumnPlanResult =
  | { readonly ok: true; readonly plan: ColumnPlan }
  | { readonly ok: false; readonly fields: readonly InvalidField[] };

/**
 * Finds the mapped columns in the file's header row. A mapped column the
 * file lacks, or has twice, fails the whole import: every row would be read
 * wrong.
 */
export function planColumns(header: readonly string[], mapping: ImportMapping): ColumnPlanResult {
  const positions = new Map<string, number[]>();
  header.forEach((name, i) => {
    const key = headerKey(name);
    positions.set(key, [...(positions.get(key) ?? []), i]);
  });
  const columns = new Map<ImportField, number[]>();
  const missing: InvalidField[] = [];
  const ambiguous: InvalidField[] = [];
  for (const [name, field] of Object.entries(mapping.columns)) {
    const found = positions.get(headerKey(name)) ?? [];
    if (found.length === 0) {
      missing.push({ name: `columns.${name}`, reason: 'the file has no such column' });
    } else if (found.length > 1) {
      ambiguous.push({
        name: `columns.${name}`,
        reason: `the file has ${found.length} columns of this name`,
      });
    } else {
      columns.set(field, [...(columns.get(field) ?? []), found[0] as number]);
    }
  }
  // Stored mappings come back in any key order: name the columns alphabetically.
  const byName = (a: InvalidField, b: InvalidField) => a.name.localeCompare(b.name, 'sv');
  if (missing.length + ambiguous.length > 0) {
    return { ok: false, fields: [...missing.sort(byName), ...ambiguous.sort(byName)] };
  }
  for (const list of columns.values()) list.sort((a, b) => a - b);
  return {
    ok: true,
    plan: {
      columns,
      headers: header.map((h) => h.trim()),
      hasContact: [...columns.keys()].some((f) => f.startsWith('contact.')),
    },
  };
}

/** "the file has no column "E-post", "Mobil"": the failure message of a plan that did not resolve. */
export function describeColumnProblems(fields: readonly InvalidField[]): string {
  const names = (reason: (f: InvalidField) => boolean) =>
    fields
      .filter(reason)
      .map((f) => `"${f.name.slice('columns.'.length)}"`)
      .join(', ');
  const missing = names((f) => f.reason === 'the file has no such column');
  const twice = names((f) => f.reason !== 'the file has no such column');
  return [
    missing && `the file has no column ${missing}`,
    twice && `the file has more than one column named ${twice}`,
  ]
    .filter(Boolean)
    .join('; ');
}
