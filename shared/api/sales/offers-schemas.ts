import * as z from 'zod';
import { auditFields, idSchema, multilineText, pageOf } from '#api/common/common-schemas';
import { maxVersions, noteMaxLength, offerStates, shownVersionStates } from '#domain/sales/offers/offer';

const minor = (description: string) => z.int().meta({ description });

export const offerParams = z.object({ offerId: idSchema });
export const offerVersionParams = z.object({
  offerId: idSchema,
  version: z.coerce
    .number()
    .int()
    .min(1)
    .max(maxVersions)
    .meta({ description: 'The version number, 1, 2, …' }),
});

export const offerVersionBody = z
  .strictObject({
    productId: idSchema.meta({ description: 'The product offered; priced from its price lists.' }),
    pricingDate: z.iso.date().optional().meta({
      description: 'The day the prices are taken for, YYYY-MM-DD; today in the tenant’s calendar by default.',
      example: '2025-04-01',
    }),
    note: multilineText.max(noteMaxLength).optional(),
  })
  .meta({
    id: 'OfferVersionRequest',
    description:
      'One line is made for each supply point of the deal: its band and consumption, the product’s price for its territory and band, and the saving against its current tariff. A deal without supply points is refused (400 naming `supplyPointIds`); a supply point that cannot be priced (no band, consumption, current tariff or price) is named in a 409.',
  });

const savingsFields = {
  currency: z.string().meta({ example: 'SEK' }),
  currentAnnualCost: minor('What the customer pays a year now, in minor units.'),
  offeredAnnualCost: minor('What the customer would pay a year, in minor units.'),
  saving: minor('current − offered, in minor units; negative when the offer costs more.'),
  savingBasisPoints: z.int().nullable().meta({
    description: 'The saving in basis points of the current cost (100 % = 10000); null when that is 0.',
  }),
};

export const offerLineSchema = z
  .object({
    supplyPointId: z.string(),
    territoryCode: z.string(),
    bandCode: z.string(),
    annualConsumptionKwh: z.int(),
    unitPricePerMwhMinor: minor('The offered energy price per MWh, in minor units.'),
    monthlyFeeMinor: minor('The offered fixed fee per month, in minor units.'),
    priceListVersion: z.int().meta({ description: 'The product’s price list the price comes from.' }),
    ...savingsFields,
  })
  .meta({ id: 'OfferLine' });

const versionSummaryFields = {
  number: z.int(),
  state: z.enum(shownVersionStates).meta({
    description:
      'draft →send→ sent →accept→ accepted; a draft is superseded by a newer version, a sent version when a newer one is sent. A sent version past `validUntil` shows as expired.',
  }),
  productId: z.string(),
  productCode: z.string(),
  productName: z.string(),
  pricingDate: z.string(),
  totals: z.object(savingsFields).meta({ id: 'OfferTotals' }),
  note: z.string().optional(),
  createdAt: z.iso.datetime(),
  createdBy: z.string(),
  sentAt: z.iso.datetime().optional(),
  sentBy: z.string().optional(),
  validUntil: z.string().optional().meta({
    description:
      'The last day it may be accepted, in the tenant’s calendar: the day it was sent plus the tenant’s validity days.',
  }),
  acceptedAt: z.iso.datetime().optional(),
  acceptedBy: z.string().optional(),
  supersededAt: z.iso.datetime().optional(),
  supersededBy: z.int().optional().meta({ description: 'The version that replaced it.' }),
};

export const offerVersionSummarySchema = z.object(versionSummaryFields).meta({ id: 'OfferVersionSummary' });

export const offerVersionSchema = z
  .object({ offerId: z.string(), ...versionSummaryFields, lines: z.array(offerLineSchema) })
  .meta({
    id: 'OfferVersion',
    description: 'The ETag is the offer’s version: send it in If-Match to send or accept.',
  });

const offerFields = {
  ...auditFields,
  dealId: z.string(),
  accountId: z.string(),
  state: z.enum(offerStates).meta({
    description:
      'accepted once a version is; otherwise the state of the version sent last (sent or expired), or draft.',
  }),
  latestVersion: z.int(),
  sentVersion: z.int().optional(),
  validUntil: z.string().optional().meta({ description: 'The sent version’s last valid day.' }),
  acceptedVersion: z.int().optional(),
};

export const offerSchema = z.object(offerFields).meta({ id: 'Offer' });

export const offerDetailSchema = z
  .object({ ...offerFields, versions: z.array(offerVersionSummarySchema) })
  .meta({ id: 'OfferWithVersions' });

export const offerPage = pageOf(offerSchema, 'OfferPage');
