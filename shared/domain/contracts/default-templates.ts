import type { ContractSettings } from './contract-settings';
import type { ContractTemplate } from './contract-template';

/**
 * Starting templates, one per language the demo tenants use; a tenant
 * replaces them with its own in the contract settings. Wording is a
 * plausible starting point, not legal advice.
 */
const slovak: ContractTemplate = {
  id: 'default-sk',
  locale: 'sk',
  title: 'Zmluva o združenej dodávke elektriny č. {{contract.number}}',
  sections: [
    {
      kind: 'text',
      heading: 'Zmluvné strany',
      body: `Dodávateľ: {{supplier.name}}, IČO {{supplier.orgNumber?}} {{supplier.address?}}

Odberateľ: {{party.name}}, IČO {{party.orgNumber?}}, {{party.address}}

Za odberateľa podpisuje: {{signers}}`,
    },
    {
      kind: 'lines',
      heading: 'Odberné miesta a ceny',
      columns: [
        { header: 'EIC', value: '{{line.identifier}}' },
        { header: 'Komodita', value: '{{line.commodity}}' },
        { header: 'Produkt', value: '{{line.productName}}' },
        { header: 'Cena za MWh', value: '{{line.unitPrice}}' },
        { header: 'Mesačný poplatok', value: '{{line.monthlyFee}}' },
        { header: 'Ročná spotreba', value: '{{line.annualConsumption?}}' },
      ],
    },
    {
      kind: 'text',
      heading: 'Podmienky',
      body: `Začiatok dodávky: {{contract.requestedStartDate}}. Doba trvania zmluvy: {{contract.term}}.

Predpokladaná ročná cena dodávky: {{contract.offeredAnnualCost}} bez DPH.

Zmluvu a ďalšiu komunikáciu odberateľ dostáva {{contract.communication}}. Spotrebiteľ môže od zmluvy odstúpiť do 14 dní od jej uzavretia.`,
    },
    {
      kind: 'text',
      heading: 'Podpisy',
      body: `Dňa {{contract.date}}

Za dodávateľa: ______________________     Za odberateľa: ______________________`,
    },
  ],
};

const swedish: ContractTemplate = {
  id: 'default-sv',
  locale: 'sv',
  title: 'Avtal om leverans av el nr {{contract.number}}',
  sections: [
    {
      kind: 'text',
      heading: 'Parter',
      body: `Leverantör: {{supplier.name}} {{supplier.orgNumber?}} {{supplier.address?}}

Kund: {{party.name}}, org.nr {{party.orgNumber?}}, {{party.address}}

Undertecknas för kunden av: {{signers}}`,
    },
    {
      kind: 'lines',
      heading: 'Anläggningar och priser',
      columns: [
        { header: 'Anläggnings-id', value: '{{line.identifier}}' },
        { header: 'Produkt', value: '{{line.productName}}' },
        { header: 'Pris per MWh', value: '{{line.unitPrice}}' },
        { header: 'Fast avgift per månad', value: '{{line.monthlyFee}}' },
        { header: 'Årsförbrukning', value: '{{line.annualConsumption?}}' },
      ],
    },
    {
      kind: 'text',
      heading: 'Villkor',
      body: `Leveransstart: {{contract.requestedStartDate}}. Avtalstid: {{contract.term}}.

Beräknad årskostnad: {{contract.offeredAnnualCost}} exklusive moms.

Avtalet och övriga utskick når kunden {{contract.communication}}. En konsument har 14 dagars ångerrätt från avtalets ingående.`,
    },
    {
      kind: 'text',
      heading: 'Underskrifter',
      body: `Datum {{contract.date}}

För leverantören: ______________________     För kunden: ______________________`,
    },
  ],
};

const english: ContractTemplate = {
  id: 'default-en',
  locale: 'en',
  title: 'Energy supply contract no. {{contract.number}}',
  sections: [
    {
      kind: 'text',
      heading: 'Parties',
      body: `Supplier: {{supplier.name}} {{supplier.orgNumber?}} {{supplier.address?}}

Customer: {{party.name}} {{party.orgNumber?}}, {{party.address}}

Signing for the customer: {{signers}}`,
    },
    {
      kind: 'lines',
      heading: 'Supply points and prices',
      columns: [
        { header: 'Supply point', value: '{{line.identifier}}' },
        { header: 'Product', value: '{{line.productName}}' },
        { header: 'Price per MWh', value: '{{line.unitPrice}}' },
        { header: 'Monthly fee', value: '{{line.monthlyFee}}' },
        { header: 'Annual consumption', value: '{{line.annualConsumption?}}' },
      ],
    },
    {
      kind: 'text',
      heading: 'Terms',
      body: `Supply starts {{contract.requestedStartDate}}. Term: {{contract.term}}. Expected annual cost: {{contract.offeredAnnualCost}} before VAT. Documents reach the customer {{contract.communication}}.`,
    },
  ],
};

export const defaultTemplates: readonly ContractTemplate[] = [slovak, swedish, english];

/** The tenant's contract template for a language, else the starting one for it, else the English one. */
export function templateFor(settings: Pick<ContractSettings, 'templates'>, locale: string): ContractTemplate {
  return (
    settings.templates.find((t) => (t.kind ?? 'contract') === 'contract' && t.locale === locale) ??
    defaultTemplates.find((t) => t.locale === locale) ??
    english
  );
}
