import { type Commodity, commodities } from '#domain/energy/supply-point-identifier';
import { ConflictError, type InvalidField, ValidationError } from '#domain/errors';
import type { FieldChange } from '#domain/events';
import { mergePatch, type Nullable, type Patch, withoutNulls } from '#domain/patch';
import { type ChangeContext, createdStamps, type Stamps, touched } from '#domain/stamps';

/** What a client may set on a product (R-SP-5). */
export interface ProductFields {
  readonly name: string;
  /** The tenant's short commercial code, e.g. `FIX-24`; stored in upper case. */
  readonly code: string;
  readonly commodity: Commodity;
  readonly description?: string;
  /** ISO 4217; every price of the product is in this currency. */
  readonly currency: string;
  /** An inactive product is no longer offered; its prices still answer lookups. */
  readonly active: boolean;
}

export interface Product extends ProductFields, Stamps {
  /** Price lists published so far; the next one gets version `priceListCount + 1`. */
  readonly priceListCount: number;
}

export type ProductDraft = Omit<ProductFields, 'currency' | 'active'> &
  Partial<Pick<ProductFields, 'currency' | 'active'>>;

/** `null` clears an optional field; an absent field is left as it is. */
export type ProductPatch = Patch<ProductFields>;

const trackedFields = [
  'name',
  'code',
  'commodity',
  'description',
  'currency',
  'active',
] as const satisfies readonly (keyof ProductFields)[];

/** Fields that the published prices depend on: fixed once a price list exists. */
const pricedFields = ['commodity', 'currency'] as const satisfies readonly (keyof ProductFields)[];

const knownCurrencies = new Set(Intl.supportedValuesOf('currency'));

export function isCurrencyCode(value: string): boolean {
  return /^[A-Z]{3}$/.test(value) && knownCurrencies.has(value);
}

function normalised(fields: ProductFields): ProductFields {
  const invalid: InvalidField[] = [];
  // `?? ''`: a patch may try to clear a required field; that is refused below, not a crash.
  const name = fields.name?.trim() ?? '';
  const code = fields.code?.trim().toUpperCase() ?? '';
  const currency = fields.currency?.trim().toUpperCase() ?? '';
  const description = fields.description?.trim() || undefined;
  if (name.length === 0) invalid.push({ name: 'name', reason: 'must not be blank' });
  else if (name.length > 200) invalid.push({ name: 'name', reason: 'must be at most 200 characters' });
  if (!/^[A-Z0-9][A-Z0-9_-]{0,31}$/.test(code)) {
    invalid.push({
      name: 'code',
      reason: 'use 1–32 letters, digits, "-" or "_", starting with a letter or digit',
    });
  }
  if (!commodities.includes(fields.commodity)) {
    invalid.push({ name: 'commodity', reason: `must be one of ${commodities.join(', ')}` });
  }
  if (!isCurrencyCode(currency))
    invalid.push({ name: 'currency', reason: 'must be an ISO 4217 currency code' });
  if (typeof fields.active !== 'boolean') invalid.push({ name: 'active', reason: 'is required' });
  if (invalid.length > 0) throw new ValidationError(invalid);
  const { description: _given, ...rest } = fields;
  return { ...rest, name, code, currency, ...(description !== undefined ? { description } : {}) };
}

export function createProduct(id: string, given: Nullable<ProductDraft>, ctx: ChangeContext): Product {
  const draft = withoutNulls(given);
  const fields = normalised({
    ...draft,
    currency: draft.currency ?? ctx.tenant.currency,
    active: draft.active ?? true,
  });
  return { ...fields, ...createdStamps(id, ctx), priceListCount: 0 };
}

export function updateProduct(
  current: Product,
  patch: ProductPatch,
  ctx: ChangeContext,
): { product: Product; changes: FieldChange[] } {
  const { fields, changes } = mergePatch<ProductFields>(current, patch, trackedFields, normalised);
  if (current.priceListCount > 0) {
    const fixed = changes.filter((c) => (pricedFields as readonly string[]).includes(c.field));
    if (fixed.length > 0) {
      throw new ConflictError(
        'invalid-state',
        'the commodity and currency of a product are fixed once a price list is published',
        fixed.map((c) => ({ name: c.field, reason: 'is fixed once a price list is published' })),
      );
    }
  }
  return { product: touched({ ...current, ...fields }, ctx), changes };
}

/** The product as it is after publishing its next price list. */
export function withPublishedPriceList(current: Product, ctx: ChangeContext): Product {
  return { ...touched(current, ctx), priceListCount: current.priceListCount + 1 };
}
