import { csvLine } from './spreadsheet-cells';

/**
 * What became of a row. `skipped`: the row was imported by an earlier run of
 * the same import. There is no `updated`: an import never changes existing
 * accounts or contacts; a row that matches one is a `duplicate` and skipped.
 */
export type RowOutcome = 'created' | 'skipped' | 'error' | 'duplicate';

/** One line of the result report; a row may have several (one per field at fault, one per entity created). */
export interface ReportLine {
  readonly row: number;
  readonly outcome: RowOutcome;
  /** The column of the file (its header) at fault, when there is one. */
  readonly field?: string;
  readonly message: string;
  /** The account or contact created, or the existing one a duplicate matches. */
  readonly id?: string;
}

export const reportHeader = csvLine(['row', 'outcome', 'field', 'message', 'id']);

/** Report lines as CSV, every cell neutralised against formula injection. */
export function reportCsv(lines: readonly ReportLine[]): string {
  return lines.map((l) => csvLine([l.row, l.outcome, l.field, l.message, l.id])).join('');
}

export interface ImportCounts {
  /** Rows handled, whatever their outcome. */
  readonly rowsDone: number;
  readonly rowsCreated: number;
  readonly rowsSkipped: number;
  readonly rowsFailed: number;
  readonly duplicates: number;
}

export const noCounts: ImportCounts = {
  rowsDone: 0,
  rowsCreated: 0,
  rowsSkipped: 0,
  rowsFailed: 0,
  duplicates: 0,
};

/** A row counts once: as failed when it has an error, else as a duplicate, else created when anything was, else skipped. */
export function countRow(counts: ImportCounts, outcomes: readonly RowOutcome[]): ImportCounts {
  const has = (o: RowOutcome) => outcomes.includes(o);
  return {
    rowsDone: counts.rowsDone + 1,
    rowsFailed: counts.rowsFailed + (has('error') ? 1 : 0),
    duplicates: counts.duplicates + (!has('error') && has('duplicate') ? 1 : 0),
    rowsCreated: counts.rowsCreated + (!has('error') && !has('duplicate') && has('created') ? 1 : 0),
    rowsSkipped:
      counts.rowsSkipped + (!has('error') && !has('duplicate') && !has('created') && has('skipped') ? 1 : 0),
  };
}

export function addCounts(a: ImportCounts, b: ImportCounts): ImportCounts {
  return {
    rowsDone: a.rowsDone + b.rowsDone,
    rowsCreated: a.rowsCreated + b.rowsCreated,
    rowsSkipped: a.rowsSkipped + b.rowsSkipped,
    rowsFailed: a.rowsFailed + b.rowsFailed,
    duplicates: a.duplicates + b.duplicates,
  };
}
