import { type CsvError, type Parser, parse } from 'csv-parse';
import type { ImportDelimiter, ImportEncoding } from './import-mapping';
import { ChunkDecoder } from './text-decoding';

/** Rows are numbered as a spreadsheet shows them: the header is row 1, the first data row row 2. */
export type CsvItem =
  | { readonly kind: 'record'; readonly row: number; readonly cells: readonly string[] }
  /** A row that was read but cannot be used (its cell count differs from the header's). */
  | { readonly kind: 'problem'; readonly row: number; readonly message: string };

/** The file cannot be read on from `row`: nothing after it is trustworthy. */
export class CsvFileError extends Error {
  constructor(
    readonly row: number,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'CsvFileError';
  }
}

export interface CsvReadOptions {
  readonly encoding: ImportEncoding;
  readonly delimiter: ImportDelimiter;
  /** The longest row, in characters; a longer one stops the read instead of being held in memory. */
  readonly maxRecordChars?: number;
}

export const defaultMaxRecordChars = 1_000_000;
const candidates = [',', ';', '\t'] as const;

/**
 * The delimiter of a header line: the candidate that occurs most often
 * outside quotes. A tie or no candidate at all means a comma.
 */
export function detectDelimiter(headerLine: string): ',' | ';' | '\t' {
  const counts = new Map<string, number>(candidates.map((c) => [c, 0]));
  let quoted = false;
  for (const char of headerLine) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && counts.has(char)) counts.set(char, (counts.get(char) ?? 0) + 1);
  }
  let best: ',' | ';' | '\t' = ',';
  for (const c of candidates) if ((counts.get(c) ?? 0) > (counts.get(best) ?? 0)) best = c;
  return best;
}

function describe(error: CsvError, maxRecordChars: number): string {
  switch (error.code) {
    case 'CSV_MAX_RECORD_SIZE':
      return `the row is longer than ${maxRecordChars.toLocaleString('en')} characters`;
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quoted cell is never closed';
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'INVALID_OPENING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return 'a quote inside a cell is not doubled ("")';
    default:
      return 'the row cannot be read as CSV';
  }
}

type Event =
  | { readonly kind: 'record'; readonly cells: string[] }
  | { readonly kind: 'skip'; readonly error: CsvError };

/**
 * Reads a CSV file as it streams: decodes each chunk (strict UTF-8, or a
 * Windows code page), finds the delimiter on the header line when asked to,
 * and yields one item per row, the header first. Holds at most one chunk and
 * one row in memory. A row with another cell count than the header is a
 * problem of that row; broken encoding, an unclosed quote or an over-long
 * row end the read with a {@link CsvFileError} naming the row.
 */
export async function* readCsv(
  source: AsyncIterable<Uint8Array | string>,
  options: CsvReadOptions,
): AsyncGenerator<CsvItem> {
  const maxRecordChars = options.maxRecordChars ?? defaultMaxRecordChars;
  const decoder = new ChunkDecoder(options.encoding);
  const events: Event[] = [];
  let parser: Parser | undefined;
  let pending = '';
  let row = 0;
  let failure: Error | undefined;

  const start = (delimiter: string) => {
    const created = parse({
      delimiter,
      relax_column_count: false,
      skip_empty_lines: true,
      max_record_size: maxRecordChars,
      // Every problem reaches on_skip, in order with the records; this reader decides which are fatal.
      skip_records_with_error: true,
      on_record: (cells: string[]) => {
        events.push({ kind: 'record', cells });
        return null;
      },
      on_skip: (error) => {
        if (error) events.push({ kind: 'skip', error });
        return undefined;
      },
    });
    created.on('error', (error) => {
      failure ??= error;
    });
    return created;
  };

  /** Yields what the parser has read; `brokenAfter`: the text ends at broken bytes, stop quietly there. */
  function* drain(brokenAfter = false): Generator<CsvItem> {
    for (const event of events.splice(0)) {
      if (
        brokenAfter &&
        event.kind === 'skip' &&
        event.error.code !== 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH'
      ) {
        break;
      }
      row++;
      if (event.kind === 'record') {
        yield { kind: 'record', row, cells: event.cells };
      } else if (event.error.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH') {
        const { record } = event.error;
        const cells = Array.isArray(record) ? record.length : 0;
        const expected = Number(/expect (\d+)/.exec(event.error.message)?.[1] ?? 0);
        yield {
          kind: 'problem',
          row,
          message: `the row has ${cells} cell${cells === 1 ? '' : 's'}, the header has ${expected}`,
        };
      } else {
        throw new CsvFileError(row, `row ${row}: ${describe(event.error, maxRecordChars)}`, {
          cause: event.error,
        });
      }
    }
    if (failure) throw new CsvFileError(row + 1, `row ${row + 1}: the file cannot be read as CSV`);
  }

  const feed = (text: string) => {
    if (!parser) {
      // The header line decides the delimiter; wait for all of it.
      pending += text;
      const newline = pending.search(/[\r\n]/);
      if (newline < 0 && pending.length <= maxRecordChars) return;
      if (newline < 0 || newline > maxRecordChars) {
        throw new CsvFileError(
          1,
          `row 1: the row is longer than ${maxRecordChars.toLocaleString('en')} characters`,
        );
      }
      parser = start(
        options.delimiter === 'auto' ? detectDelimiter(pending.slice(0, newline)) : options.delimiter,
      );
      text = pending;
      pending = '';
    }
    parser.write(text);
  };

  /**
   * The rows before the broken bytes, then the error naming the row they are in. The
   * parser holds back a row's final line break until it sees what follows it; a character
   * that cannot be a delimiter lets it finish that row (the rest is never read).
   */
  function* broken(text: string): Generator<CsvItem> {
    feed(text);
    parser?.write('\u0000'.repeat(8));
    yield* drain(true);
    throw new CsvFileError(
      row + 1,
      `broken encoding at row ${row + 1}: the bytes are not ${options.encoding}`,
    );
  }

  for await (const chunk of source) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    const decoded = decoder.decode(bytes);
    if (decoded.broken) yield* broken(decoded.text);
    feed(decoded.text);
    yield* drain();
  }
  const last = decoder.decode(new Uint8Array(0), true);
  if (last.broken) yield* broken(last.text);
  feed(last.text);
  yield* drain();
  if (!parser) {
    if (pending.trim() === '') throw new CsvFileError(1, 'the file is empty');
    parser = start(options.delimiter === 'auto' ? detectDelimiter(pending) : options.delimiter);
    parser.write(pending);
  }
  const open = parser;
  await new Promise<void>((resolve) => open.end(resolve));
  yield* drain();
  if (row === 0) throw new CsvFileError(1, 'the file is empty');
}
