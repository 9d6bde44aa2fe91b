import { cellOf } from './export-format';
import type { ExportColumn } from './export-spec';
import { rawValueOf as fieldValue, type RowSource } from './export-vocabulary';

export type RowResult =
  | { ok: true; cells: (string | number | undefined)[] }
  | { ok: false; problems: { column: string; reason: string }[] };

/** One supply point's row: every column's cell, or every cell that does not fit, by the column's header. */
export function rowOf(columns: readonly ExportColumn[], source: RowSource): RowResult {
  const cells: (string | number | undefined)[] = [];
  const problems: { column: string; reason: string }[] = [];
  for (const column of columns) {
    const raw =
      column.source.kind === 'field' ? fieldValue(column.source.field, source) : column.source.value;
    const cell = cellOf(column, raw);
    if (cell === undefined) cells.push(undefined);
    else if (cell.ok) cells.push(cell.value);
    else problems.push({ column: column.header, reason: cell.reason });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, cells };
}
