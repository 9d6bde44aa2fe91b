import { describe, expect, it } from 'vitest';
import { apiDraftChecks } from '#api/import/import-draft-checks';
import { FileDuplicates, identifiersOf } from '#domain/import/duplicates';
import { type ImportMapping, planColumns } from '#domain/import/import-mapping';
import { readRow, type ValidRow } from '#domain/import/import-row';
import type { ChangeContext } from '#domain/stamps';

const ctx: ChangeContext = {
  tenant: {
    id: 'tenant-se',
    name: 'Nordel Energi',
    country: 'SE',
    currency: 'SEK',
    timeZone: 'Europe/Stockholm',
  },
  userId: 'importer',
  now: new Date('2025-05-01T08:00:00.000Z'),
};

const header = [
  'Företag',
  'Org.nr',
  'Kundtyp',
  'Växel',
  'Gata',
  'Postnr',
  'Ort',
  'Förnamn',
  'Efternamn',
  'E-post',
  'Mobil',
  'Kundnr',
];
const mapping: ImportMapping = {
  columns: {
    Företag: 'account.name',
    'Org.nr': 'account.orgNumber',
    Kundtyp: 'account.customerType',
    Växel: 'account.phones',
    Gata: 'account.street',
    Postnr: 'account.postcode',
    Ort: 'account.city',
    Förnamn: 'contact.firstName',
    Efternamn: 'contact.lastName',
    'E-post': 'contact.email',
    Mobil: 'contact.phones',
    Kundnr: 'contact.externalCustomerId',
  },
  options: { delimiter: 'auto', encoding: 'utf-8' },
};
const plan = (() => {
  const result = planColumns(header, mapping);
  if (!result.ok) throw new Error('the test mapping does not fit its header');
  return result.plan;
})();

const row = (cells: Partial<Record<(typeof header)[number], string>>) => header.map((h) => cells[h] ?? '');
const bakery = {
  Företag: 'Bageri Solrosen AB',
  'Org.nr': '5560360793',
  Kundtyp: 'b2b',
  Växel: '08-123 456 78',
  Gata: 'Storgatan 1',
  Postnr: '111 22',
  Ort: 'Stockholm',
  Förnamn: 'Anna',
  Efternamn: 'Ödegård',
  'E-post': ' Anna@Solrosen.SE ',
  Mobil: '070-123 45 67; +46 70 765 43 21',
  Kundnr: 'K-1001',
};
const ids = { account: '01JTESTACCOUNT0000000000000', contact: '01JTESTCONTACT0000000000000' };

function read(cells: string[], rowNumber = 2) {
  return readRow(rowNumber, cells, plan, mapping.options, ctx, ids, apiDraftChecks);
}

function valid(cells: string[], rowNumber = 2): ValidRow {
  const result = read(cells, rowNumber);
  if (!result.ok) throw new Error(`row ${rowNumber} is not valid: ${JSON.stringify(result.lines)}`);
  return result.value;
}

describe('readRow', () => {
  it('makes an account with its visiting address and a contact, normalised as the API does', () => {
    // Act
    const { account, contact } = valid(row(bakery));

    // Assess
    expect(account).toMatchObject({
      id: ids.account,
      name: 'Bageri Solrosen AB',
      orgNumber: '556036-0793',
      customerType: 'B2B',
      country: 'SE',
      phones: ['+46812345678'],
      addresses: [
        { kind: 'visiting', street: 'Storgatan 1', postcode: '111 22', city: 'Stockholm', country: 'SE' },
      ],
      createdBy: 'importer',
      version: 1,
    });
    expect(contact).toMatchObject({
      id: ids.contact,
      accountId: ids.account,
      firstName: 'Anna',
      lastName: 'Ödegård',
      email: 'anna@solrosen.se',
      phones: ['+46701234567', '+46707654321'],
      externalCustomerId: 'K-1001',
    });
  });

  it('makes no contact when the row has no contact cells', () => {
    // Act
    const result = valid(row({ Företag: 'Kiosken HB', Kundtyp: 'B2C' }));

    // Assess
    expect(result.contact).toBeUndefined();
  });

  it('names each invalid field by its column, with the domain’s reasons', () => {
    // Act
    const result = read(
      row({ ...bakery, 'Org.nr': '5560360794', Mobil: '070-123 45 67;12', 'E-post': 'anna@' }),
      7,
    );

    // Assess
    expect(result).toEqual({
      ok: false,
      lines: [
        { row: 7, outcome: 'error', field: 'Org.nr', message: 'the check digit does not match (Luhn)' },
        { row: 7, outcome: 'error', field: 'E-post', message: 'not a valid e-mail address' },
        {
          row: 7,
          outcome: 'error',
          field: 'Mobil',
          message: 'not a valid phone number (national numbers are read as SE): "12"',
        },
      ],
    });
  });

  it('holds rows to the API’s limits and enumerations', () => {
    // Act
    const result = read(row({ ...bakery, Kundtyp: 'Företag', Företag: 'x'.repeat(201) }));

    // Assess
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.lines.map((l) => l.field)).toEqual(['Företag', 'Kundtyp']);
  });

  it('holds cells to the API’s text rules: stored in NFC, a bidi override refused by its column', () => {
    // Act
    const composed = valid(row({ ...bakery, Efternamn: ' O\u0308dega\u030ard ' }));
    const refused = read(row({ ...bakery, Företag: 'Bageri\u202E BA', Kundnr: 'K\u00001' }));

    // Assess
    expect(composed.contact?.lastName).toBe('\u00d6deg\u00e5rd');
    expect(refused).toMatchObject({
      ok: false,
      lines: [
        { field: 'Företag', message: 'contains U+202E, a bidirectional control character' },
        { field: 'Kundnr', message: 'contains the control character U+0000' },
      ],
    });
  });

  it('names the column of a phone list longer than the API allows', () => {
    // Prepare
    const eleven = Array.from({ length: 11 }, (_, i) => `070-123 45 ${String(i).padStart(2, '0')}`).join(';');

    // Act
    const result = read(row({ ...bakery, Mobil: eleven }));

    // Assess
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.lines.map((l) => l.field)).toEqual(['Mobil']);
  });

  it('uses the default customer type where the row has none', () => {
    // Act
    const result = readRow(
      2,
      row({ Företag: 'Kiosken HB' }),
      plan,
      { ...mapping.options, defaultCustomerType: 'B2C' },
      ctx,
      ids,
      apiDraftChecks,
    );

    // Assess
    expect(result.ok && result.value.account.customerType).toBe('B2C');
  });

  it('refuses a contact without its names', () => {
    // Act
    const result = read(row({ Företag: 'Kiosken HB', Kundtyp: 'B2C', 'E-post': 'kiosk@example.se' }));

    // Assess
    expect(result).toMatchObject({
      ok: false,
      lines: [
        { field: 'Förnamn', message: 'must not be blank' },
        { field: 'Efternamn', message: 'must not be blank' },
      ],
    });
  });

  it('does not import a row with a formula cell, naming the cell', () => {
    // Act
    const result = read(row({ ...bakery, Förnamn: "=cmd|' /C calc'!A0", Gata: '@SUM(A1)' }));

    // Assess
    expect(result).toEqual({
      ok: false,
      lines: [
        {
          row: 2,
          outcome: 'error',
          field: 'Gata',
          message: 'looks like a spreadsheet formula; the row is not imported',
        },
        {
          row: 2,
          outcome: 'error',
          field: 'Förnamn',
          message: 'looks like a spreadsheet formula; the row is not imported',
        },
      ],
    });
  });

  it('lets phone numbers with a leading + through', () => {
    // Act
    const result = read(row({ ...bakery, Växel: '+46 8 123 456 78' }));

    // Assess
    expect(result.ok).toBe(true);
  });
});

describe('duplicates within a file', () => {
  it('finds a later row with the same org number, e-mail, phone or customer id', () => {
    // Prepare
    const duplicates = new FileDuplicates();
    const first = valid(row(bakery), 2);
    const sameOrg = valid(row({ Företag: 'Solrosen Två', 'Org.nr': '556036-0793', Kundtyp: 'B2B' }), 3);
    const sameEmail = valid(
      row({
        Företag: 'Annas firma',
        Kundtyp: 'B2C',
        Förnamn: 'A',
        Efternamn: 'B',
        'E-post': 'ANNA@solrosen.se',
      }),
      4,
    );
    const samePhone = valid(row({ Företag: 'Växeln', Kundtyp: 'B2B', Växel: '+46701234567' }), 5);
    const sameCustomer = valid(
      row({ Företag: 'Kund', Kundtyp: 'B2C', Förnamn: 'K', Efternamn: 'N', Kundnr: 'K-1001' }),
      6,
    );
    const other = valid(row({ Företag: 'Annan AB', Kundtyp: 'B2B', 'Org.nr': '556677-8899' }), 7);

    // Act
    const found = [first, sameOrg, sameEmail, samePhone, sameCustomer, other].map((r) =>
      duplicates.check(r.row, identifiersOf(r)),
    );

    // Assess
    expect(found).toEqual([
      [],
      [{ row: 3, field: 'account.orgNumber', kind: 'orgNumber', ofRow: 2 }],
      [{ row: 4, field: 'contact.email', kind: 'email', ofRow: 2 }],
      [{ row: 5, field: 'account.phones', kind: 'phone', ofRow: 2 }],
      [{ row: 6, field: 'contact.externalCustomerId', kind: 'customerId', ofRow: 2 }],
      [],
    ]);
  });

  it('does not remember a duplicate’s other identifiers', () => {
    // Prepare: row 3 repeats row 2's org number but brings a new e-mail; row 4 has that e-mail.
    const duplicates = new FileDuplicates();
    const first = valid(row({ Företag: 'Ett AB', Kundtyp: 'B2B', 'Org.nr': '556036-0793' }), 2);
    const second = valid(
      row({
        Företag: 'Två AB',
        Kundtyp: 'B2B',
        'Org.nr': '556036-0793',
        Förnamn: 'A',
        Efternamn: 'B',
        'E-post': 'ny@example.se',
      }),
      3,
    );
    const third = valid(
      row({ Företag: 'Tre AB', Kundtyp: 'B2B', Förnamn: 'C', Efternamn: 'D', 'E-post': 'ny@example.se' }),
      4,
    );

    // Act
    const found = [first, second, third].map((r) => duplicates.check(r.row, identifiersOf(r)));

    // Assess
    expect(found.map((f) => f.length)).toEqual([0, 1, 0]);
  });

  it('tells 300 000 identifiers apart and still finds a repeat of the first', () => {
    // Prepare
    const duplicates = new FileDuplicates();
    const email = (i: number) => [
      { kind: 'email' as const, value: `kund.${i}@example.se`, field: 'contact.email' as const },
    ];
    const found: number[] = [];

    // Act
    for (let i = 0; i < 300_000; i++) found.push(...duplicates.check(i + 2, email(i)).map((d) => d.row));
    const repeat = duplicates.check(300_002, email(0));

    // Assess
    expect(found).toEqual([]);
    expect(repeat).toEqual([{ row: 300_002, field: 'contact.email', kind: 'email', ofRow: 2 }]);
  });

  it('does not count an account and its own contact sharing a phone as duplicates', () => {
    // Prepare
    const duplicates = new FileDuplicates();
    const shared = valid(row({ ...bakery, Växel: '070-123 45 67' }));

    // Act
    const found = duplicates.check(shared.row, identifiersOf(shared));

    // Assess
    expect(found).toEqual([]);
  });
});
