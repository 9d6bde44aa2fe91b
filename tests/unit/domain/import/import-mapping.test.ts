import { describe, expect, it } from 'vitest';
import {
  checkMapping,
  describeColumnProblems,
  type ImportMapping,
  planColumns,
} from '#domain/import/import-mapping';

const options = { delimiter: 'auto', encoding: 'utf-8' } as const;
const mapping = (columns: ImportMapping['columns']): ImportMapping => ({ columns, options });

describe('checkMapping', () => {
  it('accepts an account name with a contact that has both names', () => {
    expect(
      checkMapping(
        mapping({
          Företag: 'account.name',
          Förnamn: 'contact.firstName',
          Efternamn: 'contact.lastName',
          Telefon: 'contact.phones',
          Mobil: 'contact.phones',
        }),
      ),
    ).toEqual([]);
  });

  it('needs a column for the account name', () => {
    expect(checkMapping(mapping({ 'Org.nr': 'account.orgNumber' }))).toEqual([
      { name: 'columns', reason: 'map a column to account.name' },
    ]);
  });

  it('needs both names of a contact once any contact field is mapped', () => {
    expect(checkMapping(mapping({ Namn: 'account.name', 'E-post': 'contact.email' }))).toEqual([
      { name: 'columns', reason: 'a contact needs contact.firstName: map a column to it' },
      { name: 'columns', reason: 'a contact needs contact.lastName: map a column to it' },
    ]);
  });

  it('refuses two columns for a field that holds one value', () => {
    expect(checkMapping(mapping({ Namn: 'account.name', Firma: 'account.name' }))).toEqual([
      {
        name: 'columns.Firma',
        reason: 'account.name is already fed by the column "Namn"; it holds one value',
      },
    ]);
  });

  it('refuses two spellings of the same column', () => {
    expect(checkMapping(mapping({ Namn: 'account.name', ' namn ': 'account.email' }))).toEqual([
      { name: 'columns. namn ', reason: 'names the same column as "Namn"' },
    ]);
  });
});

describe('planColumns', () => {
  it('finds mapped columns by header, trimmed and in any case', () => {
    // Act
    const result = planColumns(
      ['Kundnr', ' FÖRETAG ', 'Telefon', 'Mobil'],
      mapping({ företag: 'account.name', Mobil: 'account.phones', Telefon: 'account.phones' }),
    );

    // Assess
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(Object.fromEntries(result.plan.columns)).toEqual({
      'account.name': [1],
      'account.phones': [2, 3],
    });
    expect(result.plan.hasContact).toBe(false);
  });

  it('names every mapped column the file lacks', () => {
    // Act
    const result = planColumns(
      ['Namn', 'Ort'],
      mapping({ Namn: 'account.name', 'E-post': 'account.email', Mobil: 'account.phones' }),
    );

    // Assess
    expect(result).toEqual({
      ok: false,
      fields: [
        { name: 'columns.E-post', reason: 'the file has no such column' },
        { name: 'columns.Mobil', reason: 'the file has no such column' },
      ],
    });
    if (!result.ok) {
      expect(describeColumnProblems(result.fields)).toBe('the file has no column "E-post", "Mobil"');
    }
  });

  it('refuses a mapped column the file has twice', () => {
    // Act
    const result = planColumns(['Namn', 'Namn'], mapping({ Namn: 'account.name' }));

    // Assess
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(describeColumnProblems(result.fields)).toBe('the file has more than one column named "Namn"');
    }
  });
});
