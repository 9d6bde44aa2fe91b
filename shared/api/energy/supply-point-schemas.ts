import * as z from 'zod';
import { idSchema, lineText, pageOf, systemWrittenAuditFields } from '#api/common/common-schemas';
import { customerTypes } from '#domain/accounts/account';
import { paymentMethods, supplyPointStatuses } from '#domain/energy/supply-point';
import { commodities } from '#domain/energy/supply-point-identifier';

/*
 * A supply point as the API takes and shows it. A file of its own: the
 * account view and leads show supply points, and zod schemas built at module
 * level stay in a bundle whether used or not, so the functions showing them
 * carry none of the energy module's other schemas.
 */

/** An ISO 3166-1 alpha-2 country code, as supply points, territories and billing addresses take it. */
export const country = z.string().regex(/^[A-Za-z]{2}$/, 'an ISO 3166-1 alpha-2 country code');
const wholeNumber = (description: string) => z.int().min(0).max(1e12).meta({ description });
/** How a derived gas figure is rounded: exactly computed, rounded once (see gas-conversion.ts). */
const gasRounding = (unit: string, formula: string) =>
  `Yearly consumption in whole ${unit}; when only the other unit is given, ${formula}, computed exactly from the decimal strings and rounded once, half up (x.5 goes up, x.4999 down).`;
export const territoryCode = z.string().regex(/^[A-Za-z0-9_-]{2,20}$/, '2–20 letters, digits, - or _');

const address = z
  .object({
    street: lineText.min(1).max(200),
    houseNumber: lineText.min(1).max(20).optional(),
    postcode: lineText.min(1).max(20),
    city: lineText.min(1).max(100),
    country,
  })
  .meta({ id: 'SupplyPointAddress' });

const meter = z
  .object({
    number: lineText.max(40).optional(),
    tariff: lineText.max(60).optional().meta({ description: 'Distribution tariff or rate, e.g. D2.' }),
    reservedCapacityKw: wholeNumber('Reserved capacity in kW').optional(),
    mainBreakerAmps: wholeNumber('Main breaker in A').optional(),
  })
  .meta({ id: 'Meter' });

const currentTariff = z
  .object({
    unitPricePerMwhMinor: wholeNumber('Energy price in minor units (cents, öre) per MWh'),
    monthlyFeeMinor: wholeNumber('Fixed fee in minor units per month'),
    currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code'),
  })
  .meta({ id: 'CurrentTariff' });

const supplyPointFields = {
  identifier: lineText.min(2).max(40).meta({
    description:
      'EIC (SK/CZ gas, SK electricity), GSRN/EAN-18 (SE, CZ electricity), or a local id for other commodities.',
    example: '24ZSS6134852000H',
  }),
  commodity: z.enum(commodities),
  country,
  accountId: idSchema,
  territoryCode,
  customerType: z.enum(customerTypes),
  services: z.array(lineText.min(1).max(60)).max(20).optional(),
  meter: meter.optional(),
  annualConsumptionKwh: wholeNumber('Yearly consumption in kWh').nullish(),
  annualConsumptionM3: wholeNumber('Gas only: yearly consumption in m³').nullish(),
  altitudeMeters: z.int().min(-500).max(9000).nullish().meta({
    description:
      'Gas only: altitude of the place in m; sets the volume coefficient when the tenant lists none for the municipality.',
  }),
  payment: z
    .object({ method: z.enum(paymentMethods), iban: z.string().min(5).max(42).optional() })
    .optional(),
  status: z.enum(supplyPointStatuses).optional(),
  address,
  currentTariff: currentTariff.nullish(),
};

export const createSupplyPointBody = z.strictObject(supplyPointFields).meta({ id: 'CreateSupplyPoint' });
export const updateSupplyPointBody = z
  .strictObject({
    ...supplyPointFields,
    identifier: supplyPointFields.identifier.optional(),
    commodity: supplyPointFields.commodity.optional(),
    country: country.optional(),
    accountId: idSchema.optional(),
    territoryCode: territoryCode.optional(),
    customerType: supplyPointFields.customerType.optional(),
    address: address.optional(),
  })
  .meta({
    id: 'UpdateSupplyPoint',
    description: 'Only the fields sent change; `null` clears an optional field.',
  });

const verifiedAddress = z.object({
  label: z.string(),
  street: z.string().optional(),
  houseNumber: z.string().optional(),
  postcode: z.string().optional(),
  municipality: z.string(),
  country: z.string(),
  latitude: z.string(),
  longitude: z.string(),
});

export const supplyPointSchema = z
  .object({
    ...systemWrittenAuditFields,
    identifier: z.string(),
    identifierStandard: z.string(),
    commodity: z.enum(commodities),
    country: z.string(),
    accountId: z.string(),
    territoryCode: z.string(),
    customerType: z.enum(customerTypes),
    services: z.array(z.string()),
    meter,
    annualConsumptionKwh: z.int().optional(),
    annualConsumptionM3: z.int().optional(),
    altitudeMeters: z.int().optional(),
    payment: z.object({ method: z.enum(paymentMethods), iban: z.string().optional() }),
    status: z.enum(supplyPointStatuses),
    address,
    currentTariff: currentTariff.optional(),
    derived: z.object({
      band: z.object({ code: z.string(), label: z.string() }).optional(),
      gas: z
        .object({
          coefficient: z.string().meta({
            description:
              'Volume conversion coefficient used: the municipality’s own when the tenant lists it, else the altitude’s.',
          }),
          calorificValueKwhPerM3: z.string().meta({ description: 'Gross calorific value in kWh per m³.' }),
          annualKwh: z
            .int()
            .optional()
            .meta({ description: gasRounding('kWh', 'm³ × coefficient × calorific value') }),
          annualM3: z
            .int()
            .optional()
            .meta({ description: gasRounding('m³', 'kWh ÷ (coefficient × calorific value)') }),
        })
        .optional()
        .meta({
          description:
            'Gas conversion (R-SP-2): kWh = m³ × coefficient × calorific value. The given figure is kept; the other is derived from it.',
        }),
    }),
    addressVerification: z.object({
      status: z.enum(['pending', 'verified', 'ambiguous', 'not-found']),
      address: verifiedAddress.optional(),
      candidates: z.array(verifiedAddress).optional(),
      requestedAt: z.string().optional(),
      checkedAt: z.string().optional(),
    }),
    billing: z.object({
      accountName: z.string(),
      email: z.string().optional(),
      billingAddress: z
        .object({ street: z.string(), postcode: z.string(), city: z.string(), country: z.string() })
        .optional(),
    }),
  })
  .meta({ id: 'SupplyPoint' });

export const supplyPointPage = pageOf(supplyPointSchema, 'SupplyPointPage');
