import {
  divideRoundingHalfAwayFromZero,
  formatScaled,
  parseDecimal,
  pow10,
  type ScaledDecimal,
} from '#domain/energy/exact';
import type { ColumnFormat, ExportColumn, RawValue } from './export-spec';

/** A cell as written to the sheet, or why the value does not fit the column. */
export type CellResult = { ok: true; value: string | number } | { ok: false; reason: string };

const refused = (reason: string): CellResult => ({ ok: false, reason });

/** The date tokens a pattern may use; every other character is written as it stands. */
export const dateTokens = ['yyyy', 'yy', 'MM', 'M', 'dd', 'd'] as const;
export type DateToken = (typeof dateTokens)[number];

const isDateToken = (text: string): text is DateToken => (dateTokens as readonly string[]).includes(text);

/**
 * A pattern split into runs: a run of one repeated letter is a token when it
 * is one (`dd`, `yyyy`), else it is literal text, as is everything else.
 * `ddd` or `yyy` are literal runs, which the specification's validation refuses.
 */
export function datePatternParts(pattern: string): { token?: DateToken; text: string }[] {
  const runs = pattern.match(/([A-Za-z])\1*|[^A-Za-z]+/g) ?? [];
  return runs.map((text) => (isDateToken(text) ? { token: text, text } : { text }));
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function formatDate(raw: string | number, pattern: string): CellResult {
  const match = typeof raw === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw) : null;
  if (match === null) return refused(`"${raw}" is not a calendar day (YYYY-MM-DD)`);
  const [, yyyy = '', mm = '', dd = ''] = match;
  const year = Number(yyyy);
  const month = Number(mm);
  const day = Number(dd);
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month))
    return refused(`"${raw}" is not a calendar day (YYYY-MM-DD)`);
  const written: Record<DateToken, string> = {
    yyyy,
    yy: yyyy.slice(2),
    MM: mm,
    M: String(month),
    dd,
    d: String(day),
  };
  const value = datePatternParts(pattern)
    .map((part) => (part.token === undefined ? part.text : written[part.token]))
    .join('');
  return { ok: true, value };
}

/** A number's exact decimal value: the digits of its shortest round-trip text, exponent included. */
function exactDecimalOf(value: number): ScaledDecimal | undefined {
  if (!Number.isFinite(value)) return undefined;
  const match = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(value));
  if (match === null) return undefined;
  const [, sign = '', whole = '', fraction = '', exponent = '0'] = match;
  const digits = BigInt(`${whole}${fraction}`);
  const units = sign === '-' ? -digits : digits;
  const scale = fraction.length - Number(exponent);
  return scale >= 0 ? { units, scale } : { units: units * pow10(-scale), scale: 0 };
}

const isNumberFormatting = (format: ColumnFormat): boolean =>
  format.decimals !== undefined ||
  format.decimalSeparator !== undefined ||
  format.thousandsSeparator !== undefined;

function groupThousands(digits: string, separator: string): string {
  const groups: string[] = [];
  for (let end = digits.length; end > 0; end -= 3) groups.unshift(digits.slice(Math.max(0, end - 3), end));
  return groups.join(separator);
}

function formatNumber(raw: string | number, format: ColumnFormat): CellResult {
  const exact = typeof raw === 'number' ? exactDecimalOf(raw) : parseDecimal(raw);
  if (exact === undefined) return refused(`"${raw}" is not a number`);
  let { units, scale } = exact;
  const decimals = format.decimals;
  if (decimals !== undefined && scale > decimals) {
    units = divideRoundingHalfAwayFromZero(units, pow10(scale - decimals));
    scale = decimals;
  } else if (decimals !== undefined && scale < decimals) {
    units *= pow10(decimals - scale);
    scale = decimals;
  }
  const text = formatScaled(units, scale);
  const negative = text.startsWith('-');
  const [whole = '', fraction] = (negative ? text.slice(1) : text).split('.');
  const grouped = format.thousandsSeparator ? groupThousands(whole, format.thousandsSeparator) : whole;
  const separator = format.decimalSeparator ?? '.';
  const value = `${negative ? '-' : ''}${grouped}${fraction === undefined ? '' : `${separator}${fraction}`}`;
  return { ok: true, value };
}

const lengthOf = (text: string) => [...text].length;

function padded(text: string, pad: NonNullable<ColumnFormat['pad']>): string {
  const missing = pad.length - lengthOf(text);
  if (missing <= 0) return text;
  const fill = pad.char.repeat(missing);
  return pad.side === 'left' ? `${fill}${text}` : `${text}${fill}`;
}

/**
 * One cell of a column: the raw value (a field's, or the constant's) through
 * the code list, the date pattern, the number format, upper case, padding and
 * the length limit, in that order. Undefined is an empty cell. A number stays
 * a number unless the column formats numbers; text is never trimmed, and text
 * starting with `=` stays text (the writer never writes formulas).
 */
export function cellOf(column: ExportColumn, raw: RawValue): CellResult | undefined {
  if (raw === undefined || raw === '')
    return column.required ? refused('required, but the contract has no value') : undefined;
  let value: string | number = raw;
  if (column.codes !== undefined) {
    const key = String(value);
    if (!Object.hasOwn(column.codes, key)) return refused(`"${key}" is not in the code list`);
    value = column.codes[key] as string;
  }
  const format = column.format ?? {};
  if (format.datePattern !== undefined) {
    const date = formatDate(value, format.datePattern);
    if (!date.ok) return date;
    value = date.value;
  }
  if (isNumberFormatting(format)) {
    const number = formatNumber(value, format);
    if (!number.ok) return number;
    value = number.value;
  }
  if (format.upperCase && typeof value === 'string') value = value.toUpperCase();
  if (format.pad !== undefined) value = padded(String(value), format.pad);
  if (format.maxLength !== undefined && lengthOf(String(value)) > format.maxLength)
    return refused(`longer than ${format.maxLength} characters`);
  return { ok: true, value };
}
