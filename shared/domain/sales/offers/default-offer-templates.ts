import type { ContractSettings } from '#domain/contracts/contract-settings';
import type { ContractTemplate } from '#domain/contracts/contract-template';

/**
 * Starting offer templates, one per language the demo tenants use; a tenant
 * replaces them with its own `offer` templates in the contract settings,
 * beside its contract templates. The table names the saving of every
 * supply point; the totals follow it.
 */
const slovak: ContractTemplate = {
  id: 'default-offer-sk',
  kind: 'offer',
  locale: 'sk',
  title: 'Cenová ponuka {{offer.productName}} – verzia {{offer.version}}',
  sections: [
    {
      kind: 'text',
      body: `Pre: {{customer.name}}, IČO {{customer.orgNumber?}} {{customer.address?}}

K rukám: {{contact.name?}}

Od: {{supplier.name}}, dňa {{offer.date}}. Ponuka platí do {{offer.validUntil}}; ceny podľa cenníka k {{offer.pricingDate}}.`,
    },
    {
      kind: 'lines',
      heading: 'Odberné miesta a úspora',
      columns: [
        { header: 'Odberné miesto', value: '{{line.identifier}}' },
        { header: 'Cena za MWh', value: '{{line.unitPrice}}' },
        { header: 'Ročná spotreba', value: '{{line.annualConsumption}}' },
        { header: 'Ročná cena', value: '{{line.annualCost}}' },
        { header: 'Súčasná cena', value: '{{line.currentCost}}' },
        { header: 'Úspora', value: '{{line.saving}}' },
      ],
    },
    {
      kind: 'text',
      heading: 'Spolu',
      body: `Súčasné ročné náklady: {{offer.currentAnnualCost}}

Ročná cena podľa ponuky: {{offer.offeredAnnualCost}}

Ročná úspora: {{offer.saving}} ({{offer.savingPercent?}})

Ceny sú bez DPH. {{offer.note?}}`,
    },
  ],
};

const swedish: ContractTemplate = {
  id: 'default-offer-sv',
  kind: 'offer',
  locale: 'sv',
  title: 'Offert {{offer.productName}} – version {{offer.version}}',
  sections: [
    {
      kind: 'text',
      body: `Till: {{customer.name}} {{customer.orgNumber?}} {{customer.address?}}

Att: {{contact.name?}}

Från: {{supplier.name}}, {{offer.date}}. Offerten gäller till och med {{offer.validUntil}}; priser enligt prislistan per {{offer.pricingDate}}.`,
    },
    {
      kind: 'lines',
      heading: 'Anläggningar och besparing',
      columns: [
        { header: 'Anläggnings-id', value: '{{line.identifier}}' },
        { header: 'Pris per MWh', value: '{{line.unitPrice}}' },
        { header: 'Årsförbrukning', value: '{{line.annualConsumption}}' },
        { header: 'Årskostnad', value: '{{line.annualCost}}' },
        { header: 'Nuvarande kostnad', value: '{{line.currentCost}}' },
        { header: 'Besparing', value: '{{line.saving}}' },
      ],
    },
    {
      kind: 'text',
      heading: 'Totalt',
      body: `Nuvarande årskostnad: {{offer.currentAnnualCost}}

Årskostnad enligt offerten: {{offer.offeredAnnualCost}}

Besparing per år: {{offer.saving}} ({{offer.savingPercent?}})

Priserna är exklusive moms. {{offer.note?}}`,
    },
  ],
};

const english: ContractTemplate = {
  id: 'default-offer-en',
  kind: 'offer',
  locale: 'en',
  title: 'Offer {{offer.productName}}, version {{offer.version}}',
  sections: [
    {
      kind: 'text',
      body: `To: {{customer.name}} {{customer.orgNumber?}} {{customer.address?}}

Attention: {{contact.name?}}

From: {{supplier.name}}, {{offer.date}}. Valid until {{offer.validUntil}}; prices of the price list on {{offer.pricingDate}}.`,
    },
    {
      kind: 'lines',
      heading: 'Supply points and savings',
      columns: [
        { header: 'Supply point', value: '{{line.identifier}}' },
        { header: 'Price per MWh', value: '{{line.unitPrice}}' },
        { header: 'Annual consumption', value: '{{line.annualConsumption}}' },
        { header: 'Annual cost', value: '{{line.annualCost}}' },
        { header: 'Current cost', value: '{{line.currentCost}}' },
        { header: 'Saving', value: '{{line.saving}}' },
      ],
    },
    {
      kind: 'text',
      heading: 'Totals',
      body: `Current annual cost: {{offer.currentAnnualCost}}

Annual cost with this offer: {{offer.offeredAnnualCost}}

Annual saving: {{offer.saving}} ({{offer.savingPercent?}})

Prices before VAT. {{offer.note?}}`,
    },
  ],
};

export const defaultOfferTemplates: readonly ContractTemplate[] = [slovak, swedish, english];

/** The tenant's offer template for a language, else the starting one for it, else the English one. */
export function offerTemplateFor(
  settings: Pick<ContractSettings, 'templates'>,
  locale: string,
): ContractTemplate {
  return (
    settings.templates.find((t) => t.kind === 'offer' && t.locale === locale) ??
    defaultOfferTemplates.find((t) => t.locale === locale) ??
    english
  );
}
