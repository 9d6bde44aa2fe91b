import { describe, expect, it } from 'vitest';
import type { FilledDocument } from '#domain/contracts/contract-document';
import { contractRulesProblems, defaultContractSettings, rulesOf } from '#domain/contracts/contract-settings';
import { type ContractTemplate, fillWith } from '#domain/contracts/contract-template';
import { defaultTemplates, templateFor } from '#domain/contracts/default-templates';
import { formatBasisPoints } from '#domain/contracts/template-format';
import { calculateSavings } from '#domain/energy/savings';
import { UnprocessableError } from '#domain/errors';
import { defaultOfferTemplates, offerTemplateFor } from '#domain/sales/offers/default-offer-templates';
import { type OfferLine, type OfferVersion, offerTotals } from '#domain/sales/offers/offer';
import {
  type OfferDocumentData,
  offerDocumentLines,
  offerLineValue,
  offerValue,
} from '#domain/sales/offers/offer-document-values';

/** A supply point priced as the offers price it: the product's tariff against its current one. */
function line(
  supplyPointId: string,
  kwh: number,
  current: [number, number],
  offered: [number, number],
): OfferLine {
  const tariff = ([unitPricePerMwh, monthlyFee]: [number, number]) => ({
    unitPricePerMwh,
    monthlyFee,
    currency: 'EUR',
  });
  return {
    supplyPointId,
    territoryCode: 'ZSD',
    bandCode: 'C2',
    annualConsumptionKwh: kwh,
    unitPricePerMwhMinor: offered[0],
    monthlyFeeMinor: offered[1],
    priceListVersion: 1,
    ...calculateSavings(tariff(current), tariff(offered), kwh),
  };
}

// 40 000 kWh: current 169,00 €/MWh + 15,00 €/month = 6 940,00 €; offered 149,90 € + 12,50 € = 6 146,00 €.
// 50 333 kWh: current 8 506,28 € (8 506,277 rounded) + 180,00 €; offered 7 544,92 € (7 544,9167) + 150,00 €.
const lines = [
  line('sp-1', 40_000, [16_900, 1_500], [14_990, 1_250]),
  line('sp-2', 50_333, [16_900, 1_500], [14_990, 1_250]),
];

const version: OfferVersion = {
  tenantId: 'tenant-sk',
  offerId: '01JOFFER0000000000000000AA',
  number: 2,
  productId: 'product-1',
  productCode: 'FIX-24',
  productName: 'Fixná cena 24',
  pricingDate: '2027-01-01',
  lines,
  totals: offerTotals(lines),
  state: 'sent',
  createdAt: '2026-12-03T08:00:00.000Z',
  createdBy: 'seller-1',
  sentAt: '2026-12-03T23:30:00.000Z',
  sentBy: 'seller-1',
  validUntil: '2027-01-03',
};

const data: OfferDocumentData = {
  version,
  sentOn: '2026-12-04',
  customer: {
    name: 'Základná škola Hviezdoslavova',
    orgNumber: '00318655',
    address: 'Hviezdoslavova 9, 811 02 Bratislava',
  },
  contactName: 'Mária Kováčová',
  supplier: { name: 'Tatra Energia s.r.o.' },
  identifiers: new Map([
    ['sp-1', '24ZZS6134852000R'],
    ['sp-2', '24ZZS6134852001P'],
  ]),
};

const fill = (template: ContractTemplate, of: OfferDocumentData = data): FilledDocument =>
  fillWith(template, {
    subject: 'offer',
    value: (name) => offerValue(name, of, template.locale),
    lines: offerDocumentLines(of),
    lineValue: (name, row) => offerLineValue(name, row, template.locale),
  });

const tableOf = (document: FilledDocument) => {
  const table = document.sections.find((s) => s.kind === 'table');
  if (table?.kind !== 'table') throw new Error('the document has no table');
  return table;
};
const textOf = (document: FilledDocument) =>
  document.sections.flatMap((s) => (s.kind === 'text' ? s.paragraphs : [])).join('\n');

describe('the values of an offer document', () => {
  it('price each supply point with its annual cost, current cost and saving, in the tenant’s format', () => {
    // Act
    const document = fill(offerTemplateFor({ templates: [] }, 'sk'));

    // Assess
    const table = tableOf(document);
    expect(table.columns).toEqual([
      'Odberné miesto',
      'Cena za MWh',
      'Ročná spotreba',
      'Ročná cena',
      'Súčasná cena',
      'Úspora',
    ]);
    expect(table.rows).toEqual(
      [
        ['24ZZS6134852000R', '149,90 €/MWh', '40 MWh', '6 146,00 €', '6 940,00 €', '794,00 €'],
        ['24ZZS6134852001P', '149,90 €/MWh', '50,333 MWh', '7 694,92 €', '8 686,28 €', '991,36 €'],
      ].map((row) => row.map((cell) => cell.replace(/ /g, '\u00a0'))),
    );
    expect(document.title).toBe('Cenová ponuka Fixná cena 24 – verzia 2');
  });

  it('add the lines up exactly for the totals, the saving in percent of the current cost', () => {
    // Act
    const text = textOf(fill(offerTemplateFor({ templates: [] }, 'sk'))).replace(/\u00a0/g, ' ');

    // Assess: 6 940,00 + 8 686,28 = 15 626,28; 6 146,00 + 7 694,92 = 13 840,92; saving 1 785,36 = 11,43 %
    expect(version.totals).toMatchObject({
      currentAnnualCost: 1_562_628,
      offeredAnnualCost: 1_384_092,
      saving: 178_536,
    });
    expect(text).toContain('Súčasné ročné náklady: 15 626,28 €');
    expect(text).toContain('Ročná cena podľa ponuky: 13 840,92 €');
    expect(text).toContain('Ročná úspora: 1 785,36 € (11,43 %)');
  });

  it('name the customer, the contact, the day sent in the tenant’s calendar and the last valid day', () => {
    // Act
    const text = textOf(fill(offerTemplateFor({ templates: [] }, 'sk')));

    // Assess
    expect(text).toContain(
      'Pre: Základná škola Hviezdoslavova, IČO 00318655 Hviezdoslavova 9, 811 02 Bratislava',
    );
    expect(text).toContain('K rukám: Mária Kováčová');
    expect(text).toContain('dňa 4. 12. 2026. Ponuka platí do 3. 1. 2027');
  });

  it('read in English with a decimal point and a negative saving with a minus', () => {
    // Prepare: the offer costs more than the current tariff.
    const dearer = [line('sp-1', 12_345, [10_000, 0], [10_050, 100])];
    const of = { ...data, version: { ...version, lines: dearer, totals: offerTotals(dearer) } };

    // Act
    const document = fill(offerTemplateFor({ templates: [] }, 'en'), of);

    // Assess: current 1 234,50; offered 1 240,67 + 12,00 = 1 252,67; saving −18,17 = −1.47 %
    expect(tableOf(document).rows[0]?.slice(3)).toEqual([
      '1,252.67\u00a0€',
      '1,234.50\u00a0€',
      '−18.17\u00a0€',
    ]);
    expect(textOf(document)).toContain('Annual saving: −18.17\u00a0€ (−1.47\u00a0%)');
  });

  it('refuse a supply point that no longer has an identifier, naming the column (422)', () => {
    // Prepare
    const of = { ...data, identifiers: new Map([['sp-1', '24ZZS6134852000R']]) };

    // Act
    const act = () => fill(offerTemplateFor({ templates: [] }, 'sk'), of);

    // Assess
    expect(act).toThrow(UnprocessableError);
    expect(act).toThrow(/offer template cannot be filled for this offer/);
  });
});

describe('basis points as a percentage', () => {
  it('keep two exact decimals in each language', () => {
    expect(formatBasisPoints(1_143, 'sk')).toBe('11,43\u00a0%');
    expect(formatBasisPoints(5, 'sv')).toBe('0,05\u00a0%');
    expect(formatBasisPoints(-147, 'en')).toBe('−1.47\u00a0%');
    expect(formatBasisPoints(10_000, 'en')).toBe('100.00\u00a0%');
  });
});

describe('offer templates among the tenant’s document templates', () => {
  const settings = defaultContractSettings('tenant-sk', 'SK');
  const own: ContractTemplate = {
    id: 'own-offer-sk',
    kind: 'offer',
    locale: 'sk',
    title: 'Ponuka pre {{customer.name}}',
    sections: [{ kind: 'lines', columns: [{ header: 'EIC', value: '{{line.identifier}} {{line.saving}}' }] }],
  };

  it('are the tenant’s own for their language, else the starting ones; a contract template never serves', () => {
    // Prepare
    const templates = [defaultTemplates[0] as ContractTemplate, own];

    // Act / Assess
    expect(offerTemplateFor({ templates }, 'sk').id).toBe('own-offer-sk');
    expect(offerTemplateFor({ templates }, 'sv').id).toBe('default-offer-sv');
    expect(offerTemplateFor({ templates }, 'de').id).toBe('default-offer-en');
    expect(templateFor({ templates }, 'sk').id).toBe('default-sk');
  });

  it('are saved beside a contract template of the same language, one of each kind per language', () => {
    // Act
    const beside = contractRulesProblems({
      ...rulesOf(settings),
      templates: [defaultTemplates[0] as ContractTemplate, own],
    });
    const twice = contractRulesProblems({ ...rulesOf(settings), templates: [own, { ...own, id: 'again' }] });

    // Assess
    expect(beside).toEqual([]);
    expect(twice).toEqual([{ name: 'templates.1.locale', reason: 'one template per kind and language' }]);
  });

  it('take the offer vocabulary only: a contract’s placeholder is refused, and an offer’s in a contract', () => {
    // Prepare
    const offerWithParty: ContractTemplate = { ...own, title: 'Ponuka pre {{party.name}}' };
    const contractWithSaving: ContractTemplate = {
      ...(defaultTemplates[0] as ContractTemplate),
      title: 'Zmluva {{line.saving}}',
    };

    // Act
    const invalid = contractRulesProblems({
      ...rulesOf(settings),
      templates: [offerWithParty, contractWithSaving],
    });

    // Assess
    expect(invalid).toEqual([
      { name: 'templates.0.title', reason: '{{party.name}} is no placeholder' },
      { name: 'templates.1.title', reason: '{{line.saving}} is no placeholder' },
    ]);
  });

  it('start in Slovak, Swedish and English, each using the offer vocabulary only', () => {
    // Act
    const invalid = contractRulesProblems({ ...rulesOf(settings), templates: [...defaultOfferTemplates] });

    // Assess
    expect(defaultOfferTemplates.map((t) => t.locale)).toEqual(['sk', 'sv', 'en']);
    expect(invalid).toEqual([]);
  });
});
