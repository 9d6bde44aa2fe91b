import { extractText, getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { PdfkitRenderer } from '#adapters/documents/pdfkit-renderer';
import { fillTemplate } from '#domain/contracts/contract-template';
import { defaultTemplates, templateFor } from '#domain/contracts/default-templates';
import { sampleContract, swedishSampleContract } from '../../../support/contract-fixture';

const supplier = {
  name: 'Tatra Energia s.r.o.',
  orgNumber: '12345678',
  address: 'Mlynské nivy 1, Bratislava',
};

async function textOf(pdf: Uint8Array): Promise<string> {
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: true });
  return text;
}

describe('contract documents rendered with pdfkit', () => {
  it('carry the account, its org number, every EIC and the prices, with Slovak letters', async () => {
    const contract = sampleContract();
    const filled = fillTemplate(templateFor({ templates: [] }, 'sk'), { contract, supplier });

    const pdf = await new PdfkitRenderer().render(filled);
    const text = await textOf(pdf);

    expect(Buffer.from(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    for (const expected of [
      'Základná škola Hviezdoslavova',
      '00318655',
      '24ZZS6134852000R',
      '24ZZS6134852001P',
      '149,90 €/MWh',
      '154,50 €/MWh',
      '12,90 €',
      '15 441,25 €',
      'Odberateľ',
      'Mária Kováčová',
      '1. 1. 2027',
      'Zmluva o združenej dodávke elektriny č. 2026-000042',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('carry a GSRN, öre prices and Swedish letters', async () => {
    const contract = swedishSampleContract();
    const filled = fillTemplate(templateFor({ templates: [] }, 'sv'), {
      contract,
      supplier: { name: 'Norrsken Energi AB' },
    });

    const text = await textOf(await new PdfkitRenderer().render(filled));

    for (const expected of [
      'Bageri Solrosen AB',
      '556677-8899',
      '735999100000123450',
      '735999200000678902',
      '1 240,00 kr/MWh',
      '71 234,56 kr',
      'Leveransstart',
      'Årsförbrukning',
      '14,5 MWh',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('embed their fonts and use no standard font', async () => {
    const filled = fillTemplate(defaultTemplates[0] as never, { contract: sampleContract(), supplier });

    const pdf = Buffer.from(await new PdfkitRenderer().render(filled)).toString('latin1');

    expect(pdf).toContain('/FontFile2');
    expect(pdf).toContain('DejaVuSans');
    expect(pdf).not.toContain('/Helvetica');
  });

  it('break a long table over pages and number them', async () => {
    const base = sampleContract();
    const many = Array.from({ length: 60 }, (_, i) => ({
      ...(base.lines[0] as never as object),
      identifier: `24ZZS61348${String(i).padStart(5, '0')}X`,
    }));
    const contract = sampleContract({ lines: many as never });
    const filled = fillTemplate(templateFor({ templates: [] }, 'sk'), { contract, supplier });

    const document = await getDocumentProxy(new Uint8Array(await new PdfkitRenderer().render(filled)));
    const { text } = await extractText(document, { mergePages: true });

    expect(document.numPages).toBeGreaterThan(1);
    expect(text).toContain(`1 / ${document.numPages}`);
    expect(text).toContain('24ZZS6134800059X');
  });
});
