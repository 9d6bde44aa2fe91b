import { readSheet } from 'read-excel-file/node';
import { describe, expect, it } from 'vitest';
import { StreamedSheetFiles } from '#adapters/spreadsheets/streamed-sheet-files';
import { localObjectStore } from '../../support/attachment-files';

const layout = {
  sheetName: 'Dátová veta',
  headers: ['EIC', 'Meno', 'Spotreba'],
  csvSeparator: ';',
} as const;

const rows = [
  ['24ZZS6134852000R', '=HYPERLINK("http://x","klik")', '86 000,00'],
  ['24ZZS6134852001P', 'Kováč; Pekáreň', 14_500],
  ['24ZZS6134852002N', undefined, '@SUM(A1)'],
] as const;

describe('export files streamed to the bucket', () => {
  it('fails a write as soon as the upload fails, instead of waiting for a drain that never comes', async () => {
    const failing = {
      writeStream: async () => {
        throw new Error('S3 answered 503 SlowDown');
      },
    };
    const writer = new StreamedSheetFiles(failing).open('test/never.xlsx', { ...layout, format: 'xlsx' });

    const writing = (async () => {
      for (let i = 0; i < 100_000; i++) await writer.addRow([`24ZZS${i}`, 'x'.repeat(200), i]);
      await writer.finish();
    })();

    await expect(writing).rejects.toThrow('S3 answered 503 SlowDown');
  });

  it('writes an xlsx whose formula-like text stays text, numbers stay numbers and empty cells stay empty', async () => {
    const objects = localObjectStore();
    const key = `test/${Date.now()}-sheet.xlsx`;
    const writer = new StreamedSheetFiles(objects).open(key, { ...layout, format: 'xlsx' });

    for (const row of rows) await writer.addRow(row);
    await writer.finish();

    const stored = Buffer.concat(await (await objects.read(key)).toArray());
    expect(stored.toString('utf8')).not.toContain('<f>');
    expect(await readSheet(stored)).toEqual([
      ['EIC', 'Meno', 'Spotreba'],
      ['24ZZS6134852000R', '=HYPERLINK("http://x","klik")', '86 000,00'],
      ['24ZZS6134852001P', 'Kováč; Pekáreň', 14_500],
      ['24ZZS6134852002N', null, '@SUM(A1)'],
    ]);
  });

  it('writes a CSV in UTF-8 with a byte order mark, the operator’s separator, and text a spreadsheet would run neutralised', async () => {
    const objects = localObjectStore();
    const key = `test/${Date.now()}-sheet.csv`;
    const writer = new StreamedSheetFiles(objects).open(key, { ...layout, format: 'csv' });

    for (const row of rows) await writer.addRow(row);
    await writer.finish();

    const bytes = Buffer.concat(await (await objects.read(key)).toArray());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString('utf8')).toBe(
      'EIC;Meno;Spotreba\r\n' +
        `24ZZS6134852000R;"'=HYPERLINK(""http://x"",""klik"")";86 000,00\r\n` +
        '24ZZS6134852001P;"Kováč; Pekáreň";14500\r\n' +
        "24ZZS6134852002N;;'@SUM(A1)\r\n",
    );
  });
});
