import { describe, expect, it } from 'vitest';
import type { ExportColumn, ExportSpecContent } from '#domain/exports/export-spec';
import { validateSpecContent } from '#domain/exports/export-spec-validation';
import { invalidFieldsOf, validationErrorOf } from '../../../support/validation-error';

const column = (header: string, extra: Partial<ExportColumn> = {}): ExportColumn => ({
  header,
  source: { kind: 'field', field: 'supplyPoint.identifier' },
  required: true,
  ...extra,
});

const spec = (extra: Partial<ExportSpecContent> = {}): ExportSpecContent => ({
  distributor: 'ZSDIS',
  territoryCodes: ['ZSD'],
  name: 'Dátová veta ZSDIS',
  sheetName: 'Dátová veta',
  fileNamePattern: 'dv-{distributor}-{date}-{exportId}',
  csvSeparator: ';',
  columns: [
    column('EIC'),
    column('Dátum', {
      source: { kind: 'field', field: 'contract.requestedStartDate' },
      format: { datePattern: 'dd.MM.yyyy' },
    }),
    column('Dodávateľ', { source: { kind: 'constant', value: 'Tatra Energia' } }),
  ],
  ...extra,
});

describe('validateSpecContent', () => {
  it('returns a valid specification as it is', () => {
    // Arrange
    const content = spec();

    // Act
    const valid = validateSpecContent(content);

    // Assess
    expect(valid).toBe(content);
  });

  it('names every bad field at once', () => {
    // Act
    const error = validationErrorOf(() =>
      validateSpecContent(
        spec({
          distributor: 'zsdis',
          sheetName: 'Veta: 1',
          columns: [column('EIC', { source: { kind: 'field', field: 'customer.shoeSize' } }), column('EIC')],
        }),
      ),
    );

    // Assess
    expect(error.fields).toEqual([
      { name: 'distributor', reason: 'must be 2–20 capital letters, digits or "-"' },
      { name: 'sheetName', reason: 'must not contain [ ] : * ? / \\' },
      { name: 'columns.0.source.field', reason: '"customer.shoeSize" is not a name of the vocabulary' },
      { name: 'columns.1.header', reason: '"EIC" is already a column' },
    ]);
  });

  it('refuses an inherited property as a vocabulary name', () => {
    // Act
    const fields = invalidFieldsOf(() =>
      validateSpecContent(spec({ columns: [column('X', { source: { kind: 'field', field: 'toString' } })] })),
    );

    // Assess
    expect(fields).toEqual(['columns.0.source.field']);
  });

  it.each([
    [[], 'columns'],
    [Array.from({ length: 201 }, (_, i) => column(`C${i}`)), 'columns'],
  ])('refuses %# columns lists that are empty or too long', (columns, name) => {
    // Act
    const fields = invalidFieldsOf(() => validateSpecContent(spec({ columns })));

    // Assess
    expect(fields).toEqual([name]);
  });

  it('accepts 200 columns', () => {
    // Arrange
    const columns = Array.from({ length: 200 }, (_, i) => column(`C${i}`));

    // Act
    const valid = validateSpecContent(spec({ columns }));

    // Assess
    expect(valid.columns).toHaveLength(200);
  });

  it.each(['dd.MM.yyyy hh:mm', 'Datum', '--', 'ddd.MM.yyyy', 'yyy', 'DD.MM.YYYY', ''])(
    'refuses the date pattern %j',
    (datePattern) => {
      // Act
      const fields = invalidFieldsOf(() =>
        validateSpecContent(spec({ columns: [column('D', { format: { datePattern } })] })),
      );

      // Assess
      expect(fields).toEqual(['columns.0.format.datePattern']);
    },
  );

  it.each(['d.M.yy', 'yyyyMMdd', 'dd/MM/yyyy', 'MM'])('accepts the date pattern %j', (datePattern) => {
    // Act
    const valid = validateSpecContent(spec({ columns: [column('D', { format: { datePattern } })] }));

    // Assess
    expect(valid.columns[0]?.format?.datePattern).toBe(datePattern);
  });

  it.each([
    [{ decimals: 7 }, 'columns.0.format.decimals'],
    [{ decimals: -1 }, 'columns.0.format.decimals'],
    [{ decimals: 1.5 }, 'columns.0.format.decimals'],
    [{ maxLength: 0 }, 'columns.0.format.maxLength'],
    [{ maxLength: 10_001 }, 'columns.0.format.maxLength'],
    [{ pad: { length: 0, char: '0', side: 'left' } }, 'columns.0.format.pad.length'],
    [{ pad: { length: 101, char: '0', side: 'left' } }, 'columns.0.format.pad.length'],
    [{ pad: { length: 5, char: '00', side: 'left' } }, 'columns.0.format.pad.char'],
    [{ pad: { length: 5, char: '', side: 'left' } }, 'columns.0.format.pad.char'],
    [{ thousandsSeparator: '  ' }, 'columns.0.format.thousandsSeparator'],
    [{ thousandsSeparator: ',', decimalSeparator: ',' }, 'columns.0.format.thousandsSeparator'],
    [{ datePattern: 'dd.MM.yyyy', decimals: 2 }, 'columns.0.format'],
    [{ datePattern: 'dd.MM.yyyy', pad: { length: 12, char: ' ', side: 'right' } }, 'columns.0.format'],
  ] as const)('refuses the format %j, naming %s', (format, name) => {
    // Act
    const fields = invalidFieldsOf(() => validateSpecContent(spec({ columns: [column('N', { format })] })));

    // Assess
    expect(fields).toEqual([name]);
  });

  it.each([
    { decimals: 0 },
    { decimals: 6, decimalSeparator: ',', thousandsSeparator: '\u00a0' },
    { maxLength: 1 },
    { maxLength: 10_000 },
    { pad: { length: 100, char: '0', side: 'left' } },
    { pad: { length: 1, char: ' ', side: 'right' } },
  ] as const)('accepts the format %j', (format) => {
    // Act
    const valid = validateSpecContent(spec({ columns: [column('N', { format })] }));

    // Assess
    expect(valid.columns[0]?.format).toEqual(format);
  });

  it.each(['dv {date}', 'dv-{datum}', 'dv-{date', 'dv/{date}', 'dátová-veta', '', 'dv-}{'])(
    'refuses the file name pattern %j',
    (fileNamePattern) => {
      // Act
      const fields = invalidFieldsOf(() => validateSpecContent(spec({ fileNamePattern })));

      // Assess
      expect(fields).toEqual(['fileNamePattern']);
    },
  );

  it('names the unknown placeholder', () => {
    // Act
    const error = validationErrorOf(() => validateSpecContent(spec({ fileNamePattern: 'dv-{datum}' })));

    // Assess
    expect(error.fields).toEqual([
      {
        name: 'fileNamePattern',
        reason: '{datum} is not a placeholder ({distributor}, {date}, {exportId})',
      },
    ]);
  });

  it.each(['', 'A'.repeat(32), 'Veta[1]', 'a*b', 'a?b', 'a/b', 'a\\b', "'veta'"])(
    'refuses the sheet name %j',
    (sheetName) => {
      // Act
      const fields = invalidFieldsOf(() => validateSpecContent(spec({ sheetName })));

      // Assess
      expect(fields).toEqual(['sheetName']);
    },
  );

  it('accepts a sheet name of 31 characters', () => {
    // Act
    const valid = validateSpecContent(spec({ sheetName: 'Ž'.repeat(31) }));

    // Assess
    expect(valid.sheetName).toBe('Ž'.repeat(31));
  });

  it.each(['Z', 'ZSDIS_SK', 'A'.repeat(21), 'SSD ', 'ssd'])(
    'refuses the distributor code %j',
    (distributor) => {
      // Act
      const fields = invalidFieldsOf(() => validateSpecContent(spec({ distributor })));

      // Assess
      expect(fields).toEqual(['distributor']);
    },
  );

  it('refuses a blank header and one with surrounding spaces rather than trimming it', () => {
    // Act
    const fields = invalidFieldsOf(() =>
      validateSpecContent(spec({ columns: [column(' '), column('EIC ')] })),
    );

    // Assess
    expect(fields).toEqual(['columns.0.header', 'columns.1.header']);
  });
});
