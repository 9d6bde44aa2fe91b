/**
 * A data sentence (R-DS-1): the spreadsheet a distribution operator wants
 * for each supply point a supplier takes over. Its specification is tenant
 * data, versioned, never code: the operators' field lists change and differ.
 */

/** Where a column's value comes from: a name of the vocabulary (`export-vocabulary.ts`), or a constant. */
export type ColumnSource =
  | { readonly kind: 'field'; readonly field: string }
  | { readonly kind: 'constant'; readonly value: string };

/** How a value is written. Every part is optional; absent parts leave the value as it is. */
export interface ColumnFormat {
  /** For dates: tokens `dd`, `d`, `MM`, `M`, `yyyy`, `yy`, anything else as written (`dd.MM.yyyy`). */
  readonly datePattern?: string;
  /** For numbers: decimal places (rounded half away from zero). */
  readonly decimals?: number;
  /** For numbers: `.` or `,`. */
  readonly decimalSeparator?: '.' | ',';
  /** For numbers: a character between groups of three digits (a space, a no-break space, `.`), or none. */
  readonly thousandsSeparator?: string;
  readonly upperCase?: boolean;
  /** A longer value does not fit: the row goes to the error report. */
  readonly maxLength?: number;
  /** Pad to `length` with `char` on the `side`, e.g. zeros on the left. */
  readonly pad?: { readonly length: number; readonly char: string; readonly side: 'left' | 'right' };
}

export interface ExportColumn {
  readonly header: string;
  readonly source: ColumnSource;
  readonly format?: ColumnFormat;
  /** Our value → the operator's code (commodity, rate, metering type, customer type). A value not listed does not fit. */
  readonly codes?: Readonly<Record<string, string>>;
  /** A required column without a value sends the row to the error report. */
  readonly required: boolean;
}

/** What an admin writes of a specification. */
export interface ExportSpecContent {
  /** The operator's code, e.g. `ZSDIS`, `SSD`, `VSD`, `SPPD`. */
  readonly distributor: string;
  /** The tenant's distribution territories this operator serves: a contract's supply points in them are its rows. */
  readonly territoryCodes: readonly string[];
  readonly name: string;
  readonly sheetName: string;
  /** `{distributor}`, `{date}` (the export's day) and `{exportId}` are filled in; no extension. */
  readonly fileNamePattern: string;
  /** Of the CSV output. */
  readonly csvSeparator: ';' | ',' | '\t';
  readonly columns: readonly ExportColumn[];
  /** Set on the shipped starting points: adjust them to the operator's current specification. */
  readonly preset?: string;
}

export interface ExportSpec extends ExportSpecContent {
  readonly id: string;
  readonly version: number;
  readonly updatedAt: string;
  readonly updatedBy: string;
}

/** One cell's value before formatting: text, a number, or a calendar day `YYYY-MM-DD`. */
export type RawValue = string | number | undefined;
