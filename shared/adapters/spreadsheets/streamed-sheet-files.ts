import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { csvField } from '#domain/csv-field';
import type { SheetFiles, SheetLayout, SheetWriter } from '#domain/exports/sheet-files';
import type { ObjectStore } from '#domain/storage/object-store';

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Resolves when `stream` may take more, so a slow upload slows the writer instead of filling memory. */
const drained = (stream: PassThrough) =>
  stream.writableNeedDrain
    ? new Promise<void>((resolve) => stream.once('drain', resolve))
    : Promise.resolve();

/**
 * Export files streamed into the files bucket as they are written: xlsx with
 * exceljs's streaming workbook writer (each row committed, shared strings
 * off, so memory holds a row, not a sheet), CSV as UTF-8 with a BOM and the
 * operator's separator. Text stays text: exceljs writes strings as strings,
 * never formulas, and CSV cells a spreadsheet would run get an apostrophe.
 */
export class StreamedSheetFiles implements SheetFiles {
  constructor(private readonly objects: Pick<ObjectStore, 'writeStream'>) {}

  open(key: string, layout: SheetLayout): SheetWriter {
    const body = new PassThrough();
    const stored = this.objects.writeStream(
      key,
      body,
      layout.format === 'xlsx' ? xlsxType : 'text/csv; charset=utf-8',
    );
    // The upload reads the stream; an error there must not go unhandled while rows are written.
    stored.catch(() => undefined);
    return layout.format === 'xlsx' ? xlsxWriter(body, stored, layout) : csvWriter(body, stored, layout);
  }
}

function xlsxWriter(body: PassThrough, stored: Promise<void>, layout: SheetLayout): SheetWriter {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: body,
    useSharedStrings: false,
    useStyles: false,
  });
  const sheet = workbook.addWorksheet(layout.sheetName);
  sheet.addRow([...layout.headers]).commit();
  return {
    async addRow(cells) {
      sheet.addRow(cells.map((c) => c ?? null)).commit();
      await drained(body);
    },
    async finish() {
      sheet.commit();
      await workbook.commit();
      await stored;
    },
  };
}

function csvWriter(body: PassThrough, stored: Promise<void>, layout: SheetLayout): SheetWriter {
  const line = (cells: readonly (string | number | undefined)[]) =>
    `${cells.map((c) => csvField(c === undefined ? '' : String(c), layout.csvSeparator)).join(layout.csvSeparator)}\r\n`;
  body.write(`\uFEFF${line(layout.headers)}`);
  return {
    async addRow(cells) {
      body.write(line(cells));
      await drained(body);
    },
    async finish() {
      body.end();
      await stored;
    },
  };
}
