import { describe, expect, it } from 'vitest';
import { csvLine, looksLikeFormula, neutraliseCell } from '#domain/import/spreadsheet-cells';

describe('looksLikeFormula', () => {
  it.each([
    "=cmd|' /C calc'!A0",
    '=HYPERLINK("http://evil.example","klicka")',
    '@SUM(A1:A9)',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    '\t=1+1',
    '\r@SUM(A1)',
    ' =1+1',
  ])('sees a formula in %j', (cell) => {
    expect(looksLikeFormula(cell)).toBe(true);
  });

  it.each([
    '+46 70 123 45 67',
    '+421 (2) 123 456 78',
    '-12,5',
    '-',
    'Anna-Karin',
    'info@example.se',
    '556036-0793',
    '',
  ])('lets %j through', (cell) => {
    expect(looksLikeFormula(cell)).toBe(false);
  });
});

describe('neutraliseCell', () => {
  it('prefixes cells that start like a formula with a quote', () => {
    expect(['=1+1', '+x', '-x', '@x', '\tx', '\rx'].map(neutraliseCell)).toEqual([
      "'=1+1",
      "'+x",
      "'-x",
      "'@x",
      "'\tx",
      "'\rx",
    ]);
  });

  it('leaves other cells as they are', () => {
    expect(neutraliseCell('Bageri AB')).toBe('Bageri AB');
  });
});

describe('csvLine', () => {
  it('quotes cells with delimiters, quotes or line breaks, after neutralising them', () => {
    expect(csvLine([2, 'error', 'Namn', 'a "quoted", text', undefined])).toBe(
      '2,error,Namn,"a ""quoted"", text",\r\n',
    );
    expect(csvLine(['=cmd;x'])).toBe(`"'=cmd;x"\r\n`);
  });
});
