import type { ExportFormat } from './export-job';

/** One output file being written, row by row; nothing is held beyond what the writer buffers. */
export interface SheetWriter {
  addRow(cells: readonly (string | number | undefined)[]): Promise<void>;
  /** Ends the file and waits until it is stored. */
  finish(): Promise<void>;
}

export interface SheetLayout {
  readonly format: ExportFormat;
  readonly sheetName: string;
  readonly headers: readonly string[];
  readonly csvSeparator: string;
}

/** Where export files are written: streamed to the files bucket. */
export interface SheetFiles {
  open(key: string, layout: SheetLayout): SheetWriter;
}
