import * as z from 'zod';
import { auditFields, lineText, multilineText, pageOf, pageQuery } from '#api/common/common-schemas';
import { maxPricesPerList } from '#domain/energy/pricing/price-list';
import { commodities } from '#domain/energy/supply-point-identifier';

const currency = z
  .string()
  .regex(/^[A-Za-z]{3}$/, 'an ISO 4217 currency code')
  .meta({
    description: 'ISO 4217 currency code; every amount of the product is in its minor unit.',
    example: 'EUR',
  });
const calendarDate = (description: string) => z.iso.date().meta({ description, example: '2025-01-01' });
const code = lineText.regex(/^[^#]{1,40}$/, '1–40 characters, without "#"');
const minorAmount = (description: string) =>
  z.int().min(0).max(Number.MAX_SAFE_INTEGER).meta({ description });

const productFields = {
  name: lineText.min(1).max(200),
  code: lineText.min(1).max(32).meta({
    description: 'The tenant’s short commercial code: letters, digits, "-" or "_"; stored in upper case.',
    example: 'FIX-24',
  }),
  commodity: z.enum(commodities),
  description: multilineText.max(2000).nullish(),
  currency: currency.optional().meta({ description: "ISO 4217; defaults to the tenant's currency." }),
  active: z.boolean().optional().meta({ description: 'Offered to customers; defaults to true.' }),
};

export const createProductBody = z.strictObject(productFields).meta({ id: 'CreateProduct' });
export const updateProductBody = z
  .strictObject({
    ...productFields,
    name: productFields.name.optional(),
    code: productFields.code.optional(),
    commodity: productFields.commodity.optional(),
  })
  .meta({
    id: 'UpdateProduct',
    description:
      'Only the fields sent change; `null` clears a field. Commodity and currency are fixed once a price list is published.',
  });

export const productSchema = z
  .object({
    ...auditFields,
    name: z.string(),
    code: z.string(),
    commodity: z.enum(commodities),
    description: z.string().optional(),
    currency,
    active: z.boolean(),
    priceListCount: z
      .int()
      .meta({ description: 'Price lists published so far; the newest has this version.' }),
  })
  .meta({ id: 'Product' });

export const productListQuery = z.strictObject({
  ...pageQuery,
  q: lineText.min(1).max(100).optional().meta({ description: 'Name prefix; case and accents are ignored.' }),
  commodity: z.enum(commodities).optional(),
});

const unitPrice = minorAmount(
  'Energy price per MWh, in minor units of the currency (e.g. cents for EUR, öre for SEK): 8990 EUR = 89.90 €/MWh.',
);
const monthlyFee = minorAmount(
  'Fixed fee per month, in minor units of the currency: 250 EUR = 2.50 €/month.',
);
const margin = minorAmount(
  'The supplier’s margin per MWh within the unit price, in minor units of the currency (at most the unit price); commission rules paid as a share of the first-year margin use it.',
).optional();

const price = z
  .strictObject({
    territoryCode: code.meta({
      description: 'A distribution territory of the tenant, for the product’s commodity.',
    }),
    bandCode: code.meta({ description: 'A consumption band, e.g. `D2`.' }),
    unitPricePerMwhMinor: unitPrice,
    monthlyFeeMinor: monthlyFee,
    marginPerMwhMinor: margin,
  })
  .meta({ id: 'Price' });

const validity = {
  validFrom: calendarDate('First day the prices apply.'),
  validTo: calendarDate('First day the prices no longer apply (exclusive); absent means open-ended.'),
};

export const publishPriceListBody = z
  .strictObject({
    validFrom: validity.validFrom,
    validTo: validity.validTo.nullish(),
    prices: z
      .array(price)
      .min(1)
      .max(maxPricesPerList)
      .meta({ description: `1–${maxPricesPerList} prices, at most one per territory and band.` }),
  })
  .meta({
    id: 'PublishPriceList',
    description:
      'Refused with 409 (naming `validFrom`) when the period overlaps an existing price of the product for any territory and band it prices.',
  });

export const priceListSchema = z
  .object({
    productId: z.string(),
    version: z.int().meta({ description: 'Publication number of the list: 1, 2, 3…' }),
    validFrom: validity.validFrom,
    validTo: validity.validTo.optional(),
    currency,
    prices: z.array(price),
    publishedAt: z.iso.datetime(),
    publishedBy: z.string(),
  })
  .meta({ id: 'PriceList' });

export const priceEntrySchema = z
  .object({
    productId: z.string(),
    territoryCode: z.string(),
    bandCode: z.string(),
    validFrom: validity.validFrom,
    validTo: validity.validTo.optional(),
    unitPricePerMwhMinor: unitPrice,
    monthlyFeeMinor: monthlyFee,
    marginPerMwhMinor: margin,
    currency,
    priceListVersion: z.int().meta({ description: 'The price list this price was published in.' }),
  })
  .meta({ id: 'PriceEntry' });

export const priceListPage = pageOf(priceListSchema, 'PriceListPage');
export const productPage = pageOf(productSchema, 'ProductPage');
export const priceListsQuery = z.strictObject(pageQuery);

export const priceQuery = z.strictObject({
  territory: code.meta({ description: 'Territory code.' }),
  band: code.meta({ description: 'Consumption band code.' }),
  date: calendarDate('The day to price.'),
});
