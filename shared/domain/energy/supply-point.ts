import { electronicFormatIBAN, validateIBAN } from 'ibantools';
import type { CustomerType } from '#domain/accounts/account';
import { ValidationError } from '#domain/errors';
import type { FieldChange } from '#domain/events';
import type { VerifiedAddress } from '#domain/geocoding/geocoder';
import { mergePatch, type Nullable, type Patch, withoutNulls } from '#domain/patch';
import { type ChangeContext, createdStamps, touched } from '#domain/stamps';
import type { SystemWritten } from '#domain/system-writes';
import {
  type Commodity,
  type IdentifierStandard,
  normaliseSupplyPointIdentifier,
} from './supply-point-identifier';

export const paymentMethods = ['direct-debit', 'bank-transfer', 'invoice', 'card'] as const;
export const supplyPointStatuses = ['active', 'inactive'] as const;

export interface SupplyPointAddress {
  readonly street: string;
  readonly houseNumber?: string;
  readonly postcode: string;
  readonly city: string;
  readonly country: string;
}

export interface Meter {
  readonly number?: string;
  /** The distribution tariff or rate, e.g. `D2` or `Säkring 20A enkeltariff`. */
  readonly tariff?: string;
  readonly reservedCapacityKw?: number;
  readonly mainBreakerAmps?: number;
}

/** The customer's current supplier tariff, for savings; money in minor units. */
export interface CurrentTariff {
  readonly unitPricePerMwhMinor: number;
  readonly monthlyFeeMinor: number;
  readonly currency: string;
}

/** What a client may set on a supply point (R-SP-1, R-SP-4). */
export interface SupplyPointFields {
  readonly identifier: string;
  readonly commodity: Commodity;
  /** ISO 3166-1 alpha-2; with the commodity it decides the identifier standard. */
  readonly country: string;
  readonly accountId: string;
  readonly territoryCode: string;
  readonly customerType: CustomerType;
  /** Services delivered here, e.g. `electricity-network`, `electricity-retail`. */
  readonly services: readonly string[];
  readonly meter: Meter;
  /** Yearly consumption in kWh (for gas, derived from m³ when only m³ is given). */
  readonly annualConsumptionKwh?: number;
  /** Gas only: yearly consumption in m³. */
  readonly annualConsumptionM3?: number;
  /** Gas only: altitude of the place, which sets the volume conversion coefficient. */
  readonly altitudeMeters?: number;
  readonly payment: { readonly method: (typeof paymentMethods)[number]; readonly iban?: string };
  readonly status: (typeof supplyPointStatuses)[number];
  readonly address: SupplyPointAddress;
  readonly currentTariff?: CurrentTariff;
}

/** Computed from the tenant's tables on every change (R-SP-2). */
export interface DerivedParameters {
  readonly band?: { readonly code: string; readonly label: string };
  readonly gas?: {
    readonly coefficient: string;
    readonly calorificValueKwhPerM3: string;
    readonly annualKwh?: number;
    readonly annualM3?: number;
  };
}

export type AddressVerification =
  | { readonly status: 'pending'; readonly requestedAt: string }
  | { readonly status: 'verified'; readonly address: VerifiedAddress; readonly checkedAt: string }
  | {
      readonly status: 'ambiguous';
      readonly candidates: readonly VerifiedAddress[];
      readonly checkedAt: string;
    }
  | { readonly status: 'not-found'; readonly checkedAt: string };

/** Billing data is owned by the account; this is the supply point's copy (R-AC-7). */
export interface BillingCopy {
  readonly accountName: string;
  readonly email?: string;
  readonly billingAddress?: { street: string; postcode: string; city: string; country: string };
}

/** Its address check and billing copy are written by the system too (ADR 0011). */
export interface SupplyPoint extends SupplyPointFields, SystemWritten {
  readonly identifierStandard: IdentifierStandard;
  readonly derived: DerivedParameters;
  readonly addressVerification: AddressVerification;
  readonly billing: BillingCopy;
}

type Defaulted = 'services' | 'meter' | 'status' | 'payment';
export type SupplyPointDraft = Omit<SupplyPointFields, Defaulted> &
  Partial<Pick<SupplyPointFields, Defaulted>>;
export type SupplyPointPatch = Patch<SupplyPointFields>;

export const trackedFields = [
  'identifier',
  'commodity',
  'country',
  'accountId',
  'territoryCode',
  'customerType',
  'services',
  'meter',
  'annualConsumptionKwh',
  'annualConsumptionM3',
  'altitudeMeters',
  'payment',
  'status',
  'address',
  'currentTariff',
] as const satisfies readonly (keyof SupplyPointFields)[];

function normalised(
  fields: SupplyPointFields,
): SupplyPointFields & { identifierStandard: IdentifierStandard } {
  const invalid: { name: string; reason: string }[] = [];
  const country = fields.country?.toUpperCase() ?? '';
  const identifier = normaliseSupplyPointIdentifier(country, fields.commodity, fields.identifier ?? '');
  if (!identifier.ok) invalid.push({ name: 'identifier', reason: identifier.reason });
  let iban = fields.payment?.iban;
  if (iban !== undefined) {
    iban = electronicFormatIBAN(iban) ?? iban;
    if (!validateIBAN(iban).valid)
      invalid.push({ name: 'payment.iban', reason: 'not a valid IBAN (checksum or length)' });
  }
  if (
    fields.commodity !== 'gas' &&
    (fields.annualConsumptionM3 !== undefined || fields.altitudeMeters !== undefined)
  ) {
    const name = fields.annualConsumptionM3 !== undefined ? 'annualConsumptionM3' : 'altitudeMeters';
    invalid.push({ name, reason: 'only gas supply points have a volume or an altitude' });
  }
  if (fields.payment?.method === 'direct-debit' && iban === undefined) {
    invalid.push({ name: 'payment.iban', reason: 'direct debit needs an IBAN' });
  }
  if (invalid.length > 0) throw new ValidationError(invalid);
  return {
    ...fields,
    country,
    identifier: identifier.ok ? identifier.value : fields.identifier,
    identifierStandard: identifier.ok ? identifier.standard : 'local',
    territoryCode: fields.territoryCode.trim().toUpperCase(),
    services: [...new Set(fields.services)],
    payment: { ...fields.payment, ...(iban ? { iban } : {}) },
  };
}

export function addressFingerprint(address: SupplyPointAddress): string {
  return JSON.stringify([
    address.street,
    address.houseNumber ?? '',
    address.postcode,
    address.city,
    address.country,
  ]);
}

export function createSupplyPoint(
  id: string,
  given: Nullable<SupplyPointDraft>,
  billing: BillingCopy,
  ctx: ChangeContext,
): Omit<SupplyPoint, 'derived'> {
  const draft = withoutNulls(given);
  const { identifierStandard, ...fields } = normalised({
    ...draft,
    services: draft.services ?? [],
    meter: draft.meter ?? {},
    status: draft.status ?? 'active',
    payment: draft.payment ?? { method: 'invoice' },
  });
  return {
    ...fields,
    ...createdStamps(id, ctx),
    identifierStandard,
    billing,
    addressVerification: { status: 'pending', requestedAt: ctx.now.toISOString() },
  };
}

export function updateSupplyPoint(
  current: SupplyPoint,
  patch: SupplyPointPatch,
  ctx: ChangeContext,
): { supplyPoint: Omit<SupplyPoint, 'derived'> & { derived: DerivedParameters }; changes: FieldChange[] } {
  const {
    fields: { identifierStandard, ...fields },
    changes,
  } = mergePatch<SupplyPointFields, ReturnType<typeof normalised>>(current, patch, trackedFields, normalised);
  const addressChanged = changes.some((c) => c.field === 'address');
  return {
    supplyPoint: touched(
      {
        ...current,
        ...fields,
        identifierStandard,
        // A new address must be verified again.
        addressVerification: addressChanged
          ? { status: 'pending', requestedAt: ctx.now.toISOString() }
          : current.addressVerification,
      },
      ctx,
    ),
    changes,
  };
}
