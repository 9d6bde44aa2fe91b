import { formatBasisPoints, formatDay, formatMoney, formatMwh } from '#domain/contracts/template-format';
import type { OfferLine, OfferVersion } from './offer';

/** What fills an offer template: the sent version, the customer it goes to and the tenant. */
export interface OfferDocumentData {
  readonly version: OfferVersion;
  /** YYYY-MM-DD: the day the version was sent, in the tenant's calendar. */
  readonly sentOn: string;
  readonly customer: { readonly name: string; readonly orgNumber?: string; readonly address?: string };
  /** The contact the offer is addressed to: the deal's contact. */
  readonly contactName?: string;
  readonly supplier: { readonly name: string };
  /** Each supply point's identifier (EIC, EAN) by its id. */
  readonly identifiers: ReadonlyMap<string, string>;
}

/** A row of the lines table: the priced supply point and its identifier. */
export interface OfferDocumentLine {
  readonly line: OfferLine;
  readonly identifier: string | undefined;
}

type Value<T> = (subject: T, locale: string) => string | undefined;

const money = (amount: number, currency: string, l: string) => formatMoney(amount, currency, l);
const percent = (basisPoints: number | null, l: string) =>
  basisPoints === null ? undefined : formatBasisPoints(basisPoints, l);

/**
 * The placeholders an offer template may use, and where each value comes
 * from: the version's totals are its lines added up exactly (`offerTotals`),
 * formatted from minor units as the contract documents are.
 */
const offerValues: Readonly<Record<string, Value<OfferDocumentData>>> = {
  'offer.id': ({ version }) => version.offerId,
  'offer.version': ({ version }) => String(version.number),
  'offer.date': ({ sentOn }, l) => formatDay(sentOn, l),
  'offer.validUntil': ({ version }, l) => (version.validUntil ? formatDay(version.validUntil, l) : undefined),
  'offer.productName': ({ version }) => version.productName,
  'offer.pricingDate': ({ version }, l) => formatDay(version.pricingDate, l),
  'offer.currentAnnualCost': ({ version: { totals } }, l) =>
    money(totals.currentAnnualCost, totals.currency, l),
  'offer.offeredAnnualCost': ({ version: { totals } }, l) =>
    money(totals.offeredAnnualCost, totals.currency, l),
  'offer.saving': ({ version: { totals } }, l) => money(totals.saving, totals.currency, l),
  'offer.savingPercent': ({ version: { totals } }, l) => percent(totals.savingBasisPoints, l),
  'offer.note': ({ version }) => version.note,
  'customer.name': ({ customer }) => customer.name,
  'customer.orgNumber': ({ customer }) => customer.orgNumber,
  'customer.address': ({ customer }) => customer.address,
  'contact.name': ({ contactName }) => contactName,
  'supplier.name': ({ supplier }) => supplier.name,
};

const offerLineValues: Readonly<Record<string, Value<OfferDocumentLine>>> = {
  'line.identifier': ({ identifier }) => identifier,
  'line.territory': ({ line }) => line.territoryCode,
  'line.band': ({ line }) => line.bandCode,
  'line.unitPrice': ({ line }, l) => `${money(line.unitPricePerMwhMinor, line.currency, l)}/MWh`,
  'line.monthlyFee': ({ line }, l) => money(line.monthlyFeeMinor, line.currency, l),
  'line.annualConsumption': ({ line }, l) => formatMwh(line.annualConsumptionKwh, l),
  'line.annualCost': ({ line }, l) => money(line.offeredAnnualCost, line.currency, l),
  'line.currentCost': ({ line }, l) => money(line.currentAnnualCost, line.currency, l),
  'line.saving': ({ line }, l) => money(line.saving, line.currency, l),
  'line.savingPercent': ({ line }, l) => percent(line.savingBasisPoints, l),
};

export const offerPlaceholderNames: readonly string[] = Object.keys(offerValues);
export const offerLineValueNames: readonly string[] = Object.keys(offerLineValues);

export const offerValue = (name: string, data: OfferDocumentData, locale: string) =>
  offerValues[name]?.(data, locale);
export const offerLineValue = (name: string, row: OfferDocumentLine, locale: string) =>
  offerLineValues[name]?.(row, locale);

/** The rows of the lines table, in the version's order. */
export const offerDocumentLines = (data: OfferDocumentData): OfferDocumentLine[] =>
  data.version.lines.map((line) => ({ line, identifier: data.identifiers.get(line.supplyPointId) }));
