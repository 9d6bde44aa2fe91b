import { describe, expect, it } from 'vitest';
import { decimalOf, payrollCsv } from '#domain/commissions/payroll-csv';
import { csvField } from '#domain/csv-field';
import { instalment, sampleCommission } from '../../../support/commission-fixture';

describe('decimalOf', () => {
  it('writes minor units in the currency’s own decimals', () => {
    expect(decimalOf(123_456, 'EUR')).toBe('1234.56');
    expect(decimalOf(123_456, 'SEK')).toBe('1234.56');
    expect(decimalOf(123_456, 'JPY')).toBe('123456');
    expect(decimalOf(123_456, 'KWD')).toBe('123.456');
  });

  it('pads amounts below one unit and keeps the sign', () => {
    expect(decimalOf(5, 'EUR')).toBe('0.05');
    expect(decimalOf(0, 'EUR')).toBe('0.00');
    expect(decimalOf(-5, 'EUR')).toBe('-0.05');
    expect(decimalOf(-123_456, 'EUR')).toBe('-1234.56');
    expect(decimalOf(0, 'JPY')).toBe('0');
  });
});

describe('csvField', () => {
  it('leaves plain text as it is', () => {
    expect(csvField('Bageri Solrosen AB')).toBe('Bageri Solrosen AB');
    expect(csvField('')).toBe('');
  });

  it('quotes a field with a comma, a quote or a line break, doubling the quotes', () => {
    expect(csvField('Kováč, s.r.o.')).toBe('"Kováč, s.r.o."');
    expect(csvField('Škola "Hviezda"')).toBe('"Škola ""Hviezda"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
  });

  it('leaves a signed number or a phone as data', () => {
    expect(csvField('+421 900 123 456')).toBe('+421 900 123 456');
    expect(csvField('-1 234,50', ';')).toBe('-1 234,50');
  });

  it('quotes on the separator it is given, not on a comma then', () => {
    expect(csvField('Hlavná 41; Košice', ';')).toBe('"Hlavná 41; Košice"');
    expect(csvField('1 234,50', ';')).toBe('1 234,50');
  });

  it('neutralises text a spreadsheet would run as a formula with a leading apostrophe', () => {
    expect(csvField('=SUM(A1:A9)')).toBe("'=SUM(A1:A9)");
    expect(csvField('+SUM(A1)')).toBe("'+SUM(A1)");
    expect(csvField('-A1*2')).toBe("'-A1*2");
    expect(csvField('@cmd')).toBe("'@cmd");
    expect(csvField('=HYPERLINK("x","y")')).toBe(`"'=HYPERLINK(""x"",""y"")"`);
  });
});

describe('payrollCsv', () => {
  it('writes a header and one CRLF-ended row per instalment; a paid one with what it recovered and the net', () => {
    // Prepare
    const commission = sampleCommission({ accountName: 'Kováč, "Elektro" s.r.o.' });
    const formula = sampleCommission({ contractNumber: '2026-000043', accountName: '=1+1', currency: 'JPY' });
    const lines = [
      {
        commission,
        instalment: instalment({
          id: '1-0',
          amountMinor: 123_456,
          dueDate: '2027-01-01',
          status: 'approved',
        }),
      },
      {
        commission: formula,
        instalment: instalment({
          id: '2-1',
          userId: 'seller-2',
          step: 2,
          amountMinor: 5_000,
          dueDate: '2027-01-15',
          status: 'paid',
          recoveredMinor: 1_200,
          paymentReference: 'PAY-2027-01',
        }),
      },
    ];

    // Act
    const csv = payrollCsv(lines);

    // Assess
    expect(csv).toBe(
      'userId,contractNumber,accountName,instalmentId,step,dueDate,status,currency,amount,recovered,net,paymentReference\r\n' +
        'seller-1,2026-000042,"Kováč, ""Elektro"" s.r.o.",1-0,1,2027-01-01,approved,EUR,1234.56,,,\r\n' +
        "seller-2,2026-000043,'=1+1,2-1,2,2027-01-15,paid,JPY,5000,1200,3800,PAY-2027-01\r\n",
    );
  });

  it('writes only the header for no payouts', () => {
    expect(payrollCsv([])).toBe(
      'userId,contractNumber,accountName,instalmentId,step,dueDate,status,currency,amount,recovered,net,paymentReference\r\n',
    );
  });
});
