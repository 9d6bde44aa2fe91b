import { describe, expect, it } from 'vitest';
import { cellOf } from '#domain/exports/export-format';
import type { ColumnFormat, ExportColumn } from '#domain/exports/export-spec';

const column = (format: ColumnFormat = {}, extra: Partial<ExportColumn> = {}): ExportColumn => ({
  header: 'Stĺpec',
  source: { kind: 'field', field: 'contract.number' },
  required: false,
  format,
  ...extra,
});

describe('cellOf', () => {
  it('leaves an empty cell for a missing value of an optional column', () => {
    // Act
    const cells = [cellOf(column(), undefined), cellOf(column(), '')];

    // Assess
    expect(cells).toEqual([undefined, undefined]);
  });

  it.each([undefined, ''])('refuses a required column without a value (%j)', (raw) => {
    // Act
    const cell = cellOf(column({}, { required: true }), raw);

    // Assess
    expect(cell).toEqual({ ok: false, reason: 'required, but the contract has no value' });
  });

  it('keeps a number a number when the column does not format numbers', () => {
    // Act
    const cell = cellOf(column({ upperCase: true, maxLength: 10 }), 86000);

    // Assess
    expect(cell).toEqual({ ok: true, value: 86000 });
  });

  it('keeps text that looks like a formula as text', () => {
    // Act
    const cell = cellOf(column(), '=SUM(A1:A2)');

    // Assess
    expect(cell).toEqual({ ok: true, value: '=SUM(A1:A2)' });
  });

  it.each([
    ['dd.MM.yyyy', '2027-01-01', '01.01.2027'],
    ['d.M.yy', '2027-03-05', '5.3.27'],
    ['yyyyMMdd', '2027-12-31', '20271231'],
    ['yyyy-MM-dd', '2028-02-29', '2028-02-29'],
    ['dd/MM/yyyy (zmena)', '2027-07-09', '09/07/2027 (zmena)'],
  ])('writes a day with %j', (datePattern, raw, expected) => {
    // Act
    const cell = cellOf(column({ datePattern }), raw);

    // Assess
    expect(cell).toEqual({ ok: true, value: expected });
  });

  it.each(['01.01.2027', '2027-1-1', '2027-02-29', '2027-13-01'])('refuses %j as a day', (raw) => {
    // Act
    const cell = cellOf(column({ datePattern: 'dd.MM.yyyy' }), raw);

    // Assess
    expect(cell).toEqual({ ok: false, reason: `"${raw}" is not a calendar day (YYYY-MM-DD)` });
  });

  it.each([
    [1234.5, { decimals: 2, decimalSeparator: ',', thousandsSeparator: '\u00a0' }, '1\u00a0234,50'],
    [1234.5, { decimals: 2, decimalSeparator: ',', thousandsSeparator: ' ' }, '1 234,50'],
    [2.005, { decimals: 2 }, '2.01'],
    [-2.005, { decimals: 2 }, '-2.01'],
    [2.004, { decimals: 2 }, '2.00'],
    [0.5, { decimals: 0 }, '1'],
    [1_234_567.891, { decimals: 1, thousandsSeparator: '.', decimalSeparator: ',' }, '1.234.567,9'],
    [86000, { decimalSeparator: ',' }, '86000'],
    [86000.25, { decimalSeparator: ',' }, '86000,25'],
    [1e21, { thousandsSeparator: ' ' }, '1 000 000 000 000 000 000 000'],
    [1.5e-7, { decimals: 7 }, '0.0000002'],
    [-0.001, { decimals: 2 }, '0.00'],
    ['14500.5', { decimals: 0 }, '14501'],
  ] as const)('writes %j with %j as %j', (raw, format, expected) => {
    // Act
    const cell = cellOf(column(format), raw);

    // Assess
    expect(cell).toEqual({ ok: true, value: expected });
  });

  it('refuses text that is not a number in a number column', () => {
    // Act
    const cell = cellOf(column({ decimals: 2 }), 'veľa');

    // Assess
    expect(cell).toEqual({ ok: false, reason: '"veľa" is not a number' });
  });

  it.each([
    [{ length: 8, char: '0', side: 'left' }, '4521', '00004521'],
    [{ length: 6, char: '_', side: 'right' }, 'D2', 'D2____'],
    [{ length: 2, char: '0', side: 'left' }, 'D2X', 'D2X'],
    [{ length: 5, char: '0', side: 'left' }, 42, '00042'],
  ] as const)('pads with %j: %j → %j', (pad, raw, expected) => {
    // Act
    const cell = cellOf(column({ pad }), raw);

    // Assess
    expect(cell).toEqual({ ok: true, value: expected });
  });

  it('writes upper case without regard to the locale', () => {
    // Act
    const cell = cellOf(column({ upperCase: true }), '24zzs6134852000r – žilina');

    // Assess
    expect(cell).toEqual({ ok: true, value: '24ZZS6134852000R – ŽILINA' });
  });

  it('refuses a value longer than the column allows, after formatting', () => {
    // Act
    const fits = cellOf(column({ maxLength: 5, pad: { length: 5, char: '0', side: 'left' } }), '42');
    const tooLong = cellOf(column({ maxLength: 5, pad: { length: 6, char: '0', side: 'left' } }), '42');

    // Assess
    expect(fits).toEqual({ ok: true, value: '00042' });
    expect(tooLong).toEqual({ ok: false, reason: 'longer than 5 characters' });
  });

  it('counts characters, not UTF-16 units, against the length limit', () => {
    // Act
    const cell = cellOf(column({ maxLength: 3 }), 'Ľ😀Ž');

    // Assess
    expect(cell).toEqual({ ok: true, value: 'Ľ😀Ž' });
  });

  it('maps a value through the code list before formatting it', () => {
    // Arrange
    const types = column(
      { pad: { length: 3, char: '-', side: 'right' } },
      { codes: { B2B: 'PO', B2C: 'FO' } },
    );

    // Act
    const cell = cellOf(types, 'B2B');

    // Assess
    expect(cell).toEqual({ ok: true, value: 'PO-' });
  });

  it('refuses a value the code list does not list', () => {
    // Act
    const cells = [
      cellOf(column({}, { codes: { B2B: 'PO' } }), 'B2C'),
      cellOf(column({}, { codes: { B2B: 'PO' } }), 'toString'),
    ];

    // Assess
    expect(cells).toEqual([
      { ok: false, reason: '"B2C" is not in the code list' },
      { ok: false, reason: '"toString" is not in the code list' },
    ]);
  });

  it('looks a number up in the code list as its text', () => {
    // Act
    const cell = cellOf(column({}, { codes: { '25': 'I25' } }), 25);

    // Assess
    expect(cell).toEqual({ ok: true, value: 'I25' });
  });
});
