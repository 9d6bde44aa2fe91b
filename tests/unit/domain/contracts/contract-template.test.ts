import { describe, expect, it } from 'vitest';
import { type ContractTemplate, fillTemplate, templateProblems } from '#domain/contracts/contract-template';
import { defaultTemplates } from '#domain/contracts/default-templates';
import { formatDay, formatMoney, formatMwh } from '#domain/contracts/template-format';
import { UnprocessableError } from '#domain/errors';
import { sampleContract } from '../../../support/contract-fixture';

const nb = (text: string) => text.replaceAll(' ', '\u00a0');
const supplier = { name: 'Tatra Energia s.r.o.' };

const template = (
  sections: ContractTemplate['sections'],
  title = 'Zmluva {{contract.number}}',
): ContractTemplate => ({
  id: 't',
  locale: 'sk',
  title,
  sections,
});

describe('contract templates', () => {
  it('fill placeholders from the contract and a row per supply point', () => {
    const filled = fillTemplate(
      template([
        {
          kind: 'text',
          heading: 'Strany',
          body: 'Odberateľ {{party.name}}, IČO {{party.orgNumber}}\n\nPodpisuje {{signers}}',
        },
        {
          kind: 'lines',
          columns: [
            { header: 'EIC', value: '{{line.identifier}}' },
            { header: 'Cena', value: '{{line.unitPrice}}' },
          ],
        },
      ]),
      { contract: sampleContract(), supplier },
    );

    expect(filled).toEqual({
      title: 'Zmluva 2026-000042',
      locale: 'sk',
      sections: [
        {
          kind: 'text',
          heading: 'Strany',
          paragraphs: ['Odberateľ Základná škola Hviezdoslavova, IČO 00318655', 'Podpisuje Mária Kováčová'],
        },
        {
          kind: 'table',
          columns: ['EIC', 'Cena'],
          rows: [
            ['24ZZS6134852000R', nb('149,90 €/MWh')],
            ['24ZZS6134852001P', nb('154,50 €/MWh')],
          ],
        },
      ],
    });
  });

  it('leave an optional placeholder empty and refuse a required one without a value, naming every one', () => {
    const consumer = sampleContract({
      party: { ...sampleContract().party, orgNumber: undefined, addresses: [] },
    });
    const optional = fillTemplate(template([{ kind: 'text', body: 'IČO {{party.orgNumber?}}.' }]), {
      contract: consumer,
      supplier,
    });

    expect(optional.sections[0]).toEqual({ kind: 'text', paragraphs: ['IČO .'] });
    try {
      fillTemplate(template([{ kind: 'text', body: 'IČO {{party.orgNumber}}, {{party.address}}' }]), {
        contract: consumer,
        supplier,
      });
      expect.unreachable('a required placeholder without a value must be refused');
    } catch (error) {
      expect(error).toBeInstanceOf(UnprocessableError);
      expect((error as UnprocessableError).fields).toEqual([
        { name: 'template.sections.0.body', reason: '{{party.orgNumber}} has no value for this contract' },
        { name: 'template.sections.0.body', reason: '{{party.address}} has no value for this contract' },
      ]);
    }
  });

  it('name an unknown placeholder, a line placeholder outside a table and an unclosed one when saved', () => {
    const problems = templateProblems(
      template([
        { kind: 'text', body: '{{party.nickname}} {{line.identifier}}' },
        { kind: 'lines', columns: [{ header: 'EIC', value: '{{line.identifier' }] },
      ]),
    );

    expect(problems).toEqual([
      { name: 'template.sections.0.body', reason: '{{party.nickname}} is no placeholder' },
      { name: 'template.sections.0.body', reason: '{{line.identifier}} is no placeholder' },
      { name: 'template.sections.1.columns.0.value', reason: 'has a `{{` without its `}}`' },
    ]);
  });

  it('ship starting templates that are valid', () => {
    for (const starting of defaultTemplates) expect(templateProblems(starting), starting.id).toEqual([]);
  });

  it('ship starting templates that fill for a household, which has no org number', () => {
    const household = sampleContract({
      party: { ...sampleContract().party, name: 'Novákovci', customerType: 'B2C', orgNumber: undefined },
    });

    for (const starting of defaultTemplates) {
      const filled = fillTemplate(starting, { contract: household, supplier });
      expect(JSON.stringify(filled.sections), starting.id).toContain('Novákovci');
    }
  });
});

describe('document formatting', () => {
  it('write money from minor units exactly, grouped, with the language’s decimal sign', () => {
    expect(formatMoney(123_456, 'EUR', 'sk')).toBe(nb('1 234,56 €'));
    expect(formatMoney(5, 'SEK', 'sv')).toBe(nb('0,05 kr'));
    expect(formatMoney(900_719_925_474_099, 'EUR', 'en')).toBe(nb('9,007,199,254,740.99 €'));
    expect(formatMoney(-1_050, 'CZK', 'cs')).toBe(nb('−10,50 Kč'));
  });

  it('write consumption in MWh and dates as the language does', () => {
    expect(formatMwh(14_500, 'sv')).toBe(nb('14,5 MWh'));
    expect(formatMwh(1_234_000, 'sk')).toBe(nb('1 234 MWh'));
    expect(formatDay('2027-01-01', 'sk')).toBe('1. 1. 2027');
    expect(formatDay('2027-01-01', 'sv')).toBe('2027-01-01');
  });
});
