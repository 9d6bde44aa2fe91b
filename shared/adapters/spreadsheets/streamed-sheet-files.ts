import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { csvField } from '#domain/csv-field';
import type { SheetFiles, SheetLayout, SheetWriter } from '#domain/exports/sheet-files';
import type { ObjectStore } from '#domain/storage/object-store';

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The stream into the upload, and how the upload ends. A slow upload slows
 * the writer (`ready` waits for the stream to drain) instead of filling
 * memory; a failed one stops it: the upload stops reading, and waiting for a
 * drain that never comes would hold the function until its timeout.
 */
class StreamUpload {
  readonly body = new PassThrough();
  private failure: unknown;
  readonly stored: Promise<void>;

  constructor(store: (body: PassThrough) => Promise<void>) {
    this.stored = store(this.body).catch((error: unknown) => {
      this.failure = error ?? new Error('the upload failed');
      this.body.destroy();
      throw this.failure;
    });
    // Seen by `ready` and `finish`; never an unhandled rejection while rows are written.
    this.stored.catch(() => undefined);
  }

  async ready(): Promise<void> {
    if (this.body.writableNeedDrain && !this.body.destroyed) {
      await new Promise<void>((resolve) => {
        this.body.once('drain', resolve);
        this.body.once('close', resolve);
      });
    }
    if (this.failure !== undefined) throw this.failure;
    if (this.body.destroyed) throw new Error('the upload stopped reading the file');
  }

  /** Waits for `ending` (the writer's own end) and the upload, failing as soon as the upload fails. */
  async finish(ending: Promise<unknown>): Promise<void> {
    await Promise.race([ending, this.stored]);
    await this.stored;
  }
}

/**
 * Export files streamed into the files bucket as they are written: xlsx with
 * exceljs's streaming workbook writer (each row committed, shared strings
 * off, so memory holds a row, not a sheet), CSV as UTF-8 with a BOM and the
 * operator's separator. Text stays text: exceljs writes strings as strings,
 * never formulas, and CSV cells a spreadsheet would run are neutralised.
 */
export class StreamedSheetFiles implements SheetFiles {
  constructor(private readonly objects: Pick<ObjectStore, 'writeStream'>) {}

  open(key: string, layout: SheetLayout): SheetWriter {
    const type = layout.format === 'xlsx' ? xlsxType : 'text/csv; charset=utf-8';
    const upload = new StreamUpload((body) => this.objects.writeStream(key, body, type));
    return layout.format === 'xlsx' ? xlsxWriter(upload, layout) : csvWriter(upload, layout);
  }
}

function xlsxWriter(upload: StreamUpload, layout: SheetLayout): SheetWriter {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: upload.body,
    useSharedStrings: false,
    useStyles: false,
  });
  const sheet = workbook.addWorksheet(layout.sheetName);
  sheet.addRow([...layout.headers]).commit();
  return {
    async addRow(cells) {
      await upload.ready();
      sheet.addRow(cells.map((c) => c ?? null)).commit();
    },
    async finish() {
      sheet.commit();
      await upload.finish(workbook.commit());
    },
  };
}

function csvWriter(upload: StreamUpload, layout: SheetLayout): SheetWriter {
  const line = (cells: readonly (string | number | undefined)[]) =>
    `${cells.map((c) => csvField(c === undefined ? '' : String(c), layout.csvSeparator)).join(layout.csvSeparator)}\r\n`;
  upload.body.write(`\uFEFF${line(layout.headers)}`);
  return {
    async addRow(cells) {
      await upload.ready();
      upload.body.write(line(cells));
    },
    async finish() {
      upload.body.end();
      await upload.finish(Promise.resolve());
    },
  };
}
