/**
 * Spreadsheet formula injection (CSV injection): a cell that a spreadsheet
 * program would run as a formula. `=`, `@`, and `+`/`-` unless what follows
 * is a plain number or phone number (`+46 70 123 45 67`, `-12,5`); leading
 * tabs and carriage returns do not hide them.
 */
export function looksLikeFormula(cell: string): boolean {
  const value = cell.replace(/^[\t\r ]+/, '');
  const first = value[0];
  if (first === '=' || first === '@') return true;
  if (first === '+' || first === '-') return !/^[+-][\d\s().,/-]*$/.test(value);
  return false;
}

/** What a cell of an export must not start with: it would be read as a formula. */
const formulaStart = /^[=+\-@\t\r]/;

/** A cell made safe for a spreadsheet: one starting like a formula gets a leading `'`. */
export function neutraliseCell(cell: string): string {
  return formulaStart.test(cell) ? `'${cell}` : cell;
}

/** One CSV cell: neutralised, and quoted when it holds a delimiter, quote or line break. */
export function csvCell(value: string | number | undefined): string {
  const text = neutraliseCell(value === undefined ? '' : String(value));
  return /[",;\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvLine = (cells: readonly (string | number | undefined)[]) =>
  `${cells.map(csvCell).join(',')}\r\n`;
