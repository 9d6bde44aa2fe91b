import * as z from 'zod';
import { idSchema, lineText, pageOf } from '#api/common/common-schemas';
import { customerTypes } from '#domain/accounts/account';
import { consumptionUnits } from '#domain/energy/consumption-bands';
import { commodities } from '#domain/energy/supply-point-identifier';
import { priceEntrySchema } from './pricing-schemas';
import { country, territoryCode } from './supply-point-schemas';

const decimalString = z
  .string()
  .regex(/^\d+(\.\d+)?$/, 'a decimal number written as a string, e.g. "0.9962"');

export const billingBody = z
  .strictObject({
    email: z.string().max(254).nullish(),
    billingAddress: z
      .object({
        street: lineText.min(1).max(200),
        postcode: lineText.min(1).max(20),
        city: lineText.min(1).max(100),
        country,
      })
      .nullish(),
  })
  .meta({
    id: 'UpdateBilling',
    description:
      'Billing data is the account’s: this changes the account and every one of its supply points.',
  });

const territoryFields = {
  name: lineText.min(1).max(200),
  country,
  commodity: z.enum(commodities),
  exportFormatRef: lineText
    .min(1)
    .max(100)
    .optional()
    .meta({ description: 'The distributor’s data-sentence format.' }),
};
export const createTerritoryBody = z
  .strictObject({ code: territoryCode, ...territoryFields })
  .meta({ id: 'CreateTerritory' });
export const updateTerritoryBody = z
  .strictObject({
    name: territoryFields.name.optional(),
    exportFormatRef: territoryFields.exportFormatRef,
  })
  .meta({ id: 'UpdateTerritory' });
export const territorySchema = z
  .object({ code: z.string(), ...territoryFields, exportFormatRef: z.string().optional(), version: z.int() })
  .meta({ id: 'Territory' });
export const territoryPage = pageOf(territorySchema, 'TerritoryPage');

export const bandTableBody = z
  .strictObject({
    unit: z.enum(consumptionUnits),
    bands: z
      .array(
        z.object({
          code: lineText.min(1).max(20),
          label: lineText.min(1).max(100),
          fromInclusive: z.int().min(0),
          toExclusive: z.int().min(1).optional(),
        }),
      )
      .min(1)
      .max(50),
  })
  .meta({ id: 'BandTableBody' });
export const bandTableSchema = bandTableBody
  .extend({ commodity: z.enum(commodities), customerType: z.enum(customerTypes) })
  .meta({ id: 'BandTable' });
export const bandTableParams = z.object({
  commodity: z.enum(commodities),
  customerType: z.enum(customerTypes),
});

export const gasConversionSchema = z
  .strictObject({
    grossCalorificValue: decimalString.meta({ description: 'kWh per m³, e.g. "10.555".' }),
    coefficients: z.strictObject({
      byAltitude: z
        .array(z.strictObject({ maxAltitudeMeters: z.int(), coefficient: decimalString }))
        .min(1)
        .max(100),
      byMunicipality: z.record(lineText.min(1).max(100), decimalString).optional().meta({
        description:
          'Municipality as addresses name it (e.g. "Košice", compared without case and diacritics) → its own coefficient, which wins over the altitude. A supply point is looked up by its verified address’s municipality, then by the city of its address.',
      }),
    }),
  })
  .meta({ id: 'GasConversion' });

export const supplyPointPriceQuery = z.strictObject({
  productId: idSchema,
  date: z.iso.date().meta({ description: 'The day to price, YYYY-MM-DD.' }),
});

export const supplyPointPriceSchema = z
  .object({
    supplyPointId: z.string(),
    date: z.string(),
    bandCode: z.string(),
    price: priceEntrySchema,
  })
  .meta({ id: 'SupplyPointPrice' });

export const supplyPointSavingsSchema = supplyPointPriceSchema
  .extend({
    annualConsumptionKwh: z.int(),
    savings: z.object({
      currency: z.string(),
      currentAnnualCost: z.int().meta({ description: 'Minor units per year at the current tariff.' }),
      offeredAnnualCost: z.int().meta({ description: 'Minor units per year at the product’s price.' }),
      saving: z.int().meta({ description: 'current − offered; negative when the offer costs more.' }),
      savingBasisPoints: z
        .int()
        .nullable()
        .meta({ description: 'The saving in basis points of the current cost.' }),
    }),
  })
  .meta({
    id: 'SupplyPointSavings',
    description:
      'annual cost = round(unit price per MWh × kWh / 1000) + monthly fee × 12, in minor units, rounded half up.',
  });
