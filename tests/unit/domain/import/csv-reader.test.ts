import { describe, expect, it } from 'vitest';
import {
  CsvFileError,
  type CsvItem,
  type CsvReadOptions,
  detectDelimiter,
  readCsv,
} from '#domain/import/csv-reader';

const utf8: CsvReadOptions = { encoding: 'utf-8', delimiter: 'auto' };

/** The file as a stream of chunks of `size` bytes, as S3 would hand it over. */
async function* chunks(bytes: Uint8Array, size = 7): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function readAll(bytes: Uint8Array | string, options = utf8, size = 7): Promise<CsvItem[]> {
  const items: CsvItem[] = [];
  const source = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
  for await (const item of readCsv(chunks(source, size), options)) items.push(item);
  return items;
}

/** Reads until the file fails, returning what was read and the error. */
async function readUntilError(bytes: Uint8Array | string, options = utf8, size = 7) {
  const items: CsvItem[] = [];
  const source = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
  try {
    for await (const item of readCsv(chunks(source, size), options)) items.push(item);
  } catch (error) {
    if (error instanceof CsvFileError) return { items, error };
    throw error;
  }
  throw new Error('the file was read without an error');
}

const cellsOf = (items: CsvItem[]) => items.map((i) => (i.kind === 'record' ? i.cells : i.message));

describe('readCsv', () => {
  it('numbers rows as a spreadsheet does, header first', async () => {
    // Act
    const items = await readAll('Namn,Org.nr\nBageri AB,556036-0793\nKiosk AB,5560360793\n');

    // Assess
    expect(items).toEqual([
      { kind: 'record', row: 1, cells: ['Namn', 'Org.nr'] },
      { kind: 'record', row: 2, cells: ['Bageri AB', '556036-0793'] },
      { kind: 'record', row: 3, cells: ['Kiosk AB', '5560360793'] },
    ]);
  });

  it('drops a UTF-8 byte order mark from the first header', async () => {
    // Prepare
    const file = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Namn;Stad\nÅkesson;Malmö\n')]);

    // Act
    const items = await readAll(file);

    // Assess
    expect(cellsOf(items)).toEqual([
      ['Namn', 'Stad'],
      ['Åkesson', 'Malmö'],
    ]);
  });

  it('finds a semicolon delimiter on the header line', async () => {
    // Act
    const items = await readAll('Namn;Telefon;Ort\n"Berg, Anna";070-123 45 67;Umeå\n');

    // Assess
    expect(cellsOf(items)).toEqual([
      ['Namn', 'Telefon', 'Ort'],
      ['Berg, Anna', '070-123 45 67', 'Umeå'],
    ]);
  });

  it('uses the delimiter it is given instead of guessing', async () => {
    // Act
    const items = await readAll('a;b,c\n1;2,3\n', { encoding: 'utf-8', delimiter: ',' });

    // Assess
    expect(cellsOf(items)).toEqual([
      ['a;b', 'c'],
      ['1;2', '3'],
    ]);
  });

  it('keeps line breaks inside quoted cells, and numbers the next row after them', async () => {
    // Act
    const items = await readAll('Namn,Info\r\n"Anna","rad ett\r\nrad två"\r\nErik,x\r\n');

    // Assess
    expect(items).toEqual([
      { kind: 'record', row: 1, cells: ['Namn', 'Info'] },
      { kind: 'record', row: 2, cells: ['Anna', 'rad ett\r\nrad två'] },
      { kind: 'record', row: 3, cells: ['Erik', 'x'] },
    ]);
  });

  it('decodes windows-1250 (Slovak) and windows-1252 (Swedish) files', async () => {
    // Prepare: "Šťastný;Žilina" in windows-1250, "Åsa;Göteborg" in windows-1252.
    const slovak = Buffer.from([
      0x4e, 0x3b, 0x4d, 0x0a, 0x8a, 0x9d, 0x61, 0x73, 0x74, 0x6e, 0xfd, 0x3b, 0x8e, 0x69, 0x6c, 0x69, 0x6e,
      0x61, 0x0a,
    ]);
    const swedish = Buffer.from([
      0x4e, 0x3b, 0x4d, 0x0a, 0xc5, 0x73, 0x61, 0x3b, 0x47, 0xf6, 0x74, 0x65, 0x62, 0x6f, 0x72, 0x67,
    ]);

    // Act
    const sk = await readAll(slovak, { encoding: 'windows-1250', delimiter: 'auto' });
    const se = await readAll(swedish, { encoding: 'windows-1252', delimiter: 'auto' });

    // Assess
    expect(cellsOf(sk)[1]).toEqual(['Šťastný', 'Žilina']);
    expect(cellsOf(se)[1]).toEqual(['Åsa', 'Göteborg']);
  });

  it('decodes multi-byte characters split across chunks', async () => {
    // Act: one byte per chunk splits every ä, ö and the emoji.
    const items = await readAll('Namn\nJönköping 🚀\nÄlvsbyn\n', utf8, 1);

    // Assess
    expect(cellsOf(items)).toEqual([['Namn'], ['Jönköping 🚀'], ['Älvsbyn']]);
  });

  it('stops at broken UTF-8 and names the row', async () => {
    // Prepare: a windows-1252 "ö" (0xF6) in a file read as UTF-8.
    const file = Buffer.concat([
      Buffer.from('Namn,Ort\nAnna,Umeå\nErik,G'),
      Buffer.from([0xf6]),
      Buffer.from('teborg\nEva,Kiruna\n'),
    ]);

    // Act
    const { items, error } = await readUntilError(file);

    // Assess
    expect(cellsOf(items)).toEqual([
      ['Namn', 'Ort'],
      ['Anna', 'Umeå'],
    ]);
    expect(error.row).toBe(3);
    expect(error.message).toBe('broken encoding at row 3: the bytes are not utf-8');
  });

  it('finds broken UTF-8 at the very end of the file', async () => {
    // Prepare: a sequence cut short by the end of the file.
    const file = Buffer.concat([Buffer.from('Namn\nAnna\n'), Buffer.from([0xe2, 0x82])]);

    // Act
    const { error } = await readUntilError(file);

    // Assess
    expect(error.message).toBe('broken encoding at row 3: the bytes are not utf-8');
  });

  it('reports a 10 MB row without holding it, and reads nothing after it', async () => {
    // Prepare
    const huge = 'x'.repeat(10 * 1024 * 1024);
    const file = `Namn,Info\nAnna,kort\nErik,${huge}\nEva,kort\n`;

    // Act
    const { items, error } = await readUntilError(file, utf8, 64 * 1024);

    // Assess
    expect(cellsOf(items)).toEqual([
      ['Namn', 'Info'],
      ['Anna', 'kort'],
    ]);
    expect(error.row).toBe(3);
    expect(error.message).toBe('row 3: the row is longer than 1,000,000 characters');
  });

  it('reports a header line longer than the limit', async () => {
    // Act
    const { error } = await readUntilError(
      `${'H'.repeat(2000)}\nA\n`,
      { ...utf8, maxRecordChars: 1000 },
      100,
    );

    // Assess
    expect(error.row).toBe(1);
  });

  it('reports a row with another cell count than the header, and reads on', async () => {
    // Act
    const items = await readAll('a,b\n1,2\n3\n4,5,6\n7,8\n');

    // Assess
    expect(items).toEqual([
      { kind: 'record', row: 1, cells: ['a', 'b'] },
      { kind: 'record', row: 2, cells: ['1', '2'] },
      { kind: 'problem', row: 3, message: 'the row has 1 cell, the header has 2' },
      { kind: 'problem', row: 4, message: 'the row has 3 cells, the header has 2' },
      { kind: 'record', row: 5, cells: ['7', '8'] },
    ]);
  });

  it('stops at a quote that is never closed', async () => {
    // Act
    const { error } = await readUntilError('a,b\n1,2\n"3,4\n5,6\n');

    // Assess
    expect(error.row).toBe(3);
    expect(error.message).toBe('row 3: a quoted cell is never closed');
  });

  it('refuses an empty file', async () => {
    // Act
    const { error } = await readUntilError('');

    // Assess
    expect(error.message).toBe('the file is empty');
  });

  it('reads a file of only a header without a final line break', async () => {
    // Act
    const items = await readAll('Namn;Ort');

    // Assess
    expect(cellsOf(items)).toEqual([['Namn', 'Ort']]);
  });
});

describe('detectDelimiter', () => {
  it('takes the most frequent of comma, semicolon and tab outside quotes', () => {
    expect(detectDelimiter('Namn;Ort;"Telefon, mobil"')).toBe(';');
    expect(detectDelimiter('Namn\tOrt\tTelefon')).toBe('\t');
    expect(detectDelimiter('"a;b;c",d,e')).toBe(',');
  });

  it('falls back to a comma for a single column', () => {
    expect(detectDelimiter('Namn')).toBe(',');
  });
});
