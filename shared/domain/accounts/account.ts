import type { CountryCode } from 'libphonenumber-js';
import { ValidationError } from '../errors';
import { diffFields, type FieldChange } from '../events';
import { applyPatch, type Nullable, withoutNulls } from '../patch';
import { type ChangeContext, createdStamps, type Stamps, touched } from '../stamps';
import { FieldCollector } from './normalise';

export const customerTypes = ['B2B', 'B2C'] as const;
export type CustomerType = (typeof customerTypes)[number];

export const addressKinds = ['visiting', 'postal', 'billing', 'delivery'] as const;

export interface Address {
  readonly kind: (typeof addressKinds)[number];
  readonly street: string;
  readonly postcode: string;
  readonly city: string;
  readonly country: string;
}

/** What a client may set on an account (R-AC-1). */
export interface AccountFields {
  readonly name: string;
  /** ISO 3166-1 alpha-2; decides how the organisation number is checked. */
  readonly country: string;
  readonly orgNumber?: string;
  readonly customerType: CustomerType;
  readonly addresses: readonly Address[];
  /** E.164; the account's phone series, used for caller identification. */
  readonly phones: readonly string[];
  readonly email?: string;
  readonly website?: string;
  readonly industryId?: string;
  readonly categoryIds: readonly string[];
  readonly statusTypeId?: string;
  readonly ownerId?: string;
}

export interface Account extends AccountFields, Stamps {}

export type AccountDraft = Omit<AccountFields, 'country' | 'addresses' | 'phones' | 'categoryIds'> &
  Partial<Pick<AccountFields, 'country' | 'addresses' | 'phones' | 'categoryIds'>>;

/** `null` clears an optional field; an absent field is left as it is. */
export type AccountPatch = { readonly [K in keyof AccountFields]?: AccountFields[K] | null };

const trackedFields = [
  'name',
  'country',
  'orgNumber',
  'customerType',
  'addresses',
  'phones',
  'email',
  'website',
  'industryId',
  'categoryIds',
  'statusTypeId',
  'ownerId',
] as const satisfies readonly (keyof AccountFields)[];

function normalised(fields: AccountFields): AccountFields {
  const collect = new FieldCollector();
  const country = fields.country?.toUpperCase() ?? '';
  const result: AccountFields = {
    ...fields,
    // `?? ''`: a patch may try to clear a required field; that is refused below, not a crash.
    name: fields.name?.trim() ?? '',
    country,
    orgNumber: collect.orgNumber(fields.orgNumber, country),
    // National numbers are read in the account's own country.
    phones: collect.phones(fields.phones, country as CountryCode),
    email: collect.email(fields.email),
    categoryIds: [...new Set(fields.categoryIds)],
  };
  if (result.name.length === 0) collect.invalid.push({ name: 'name', reason: 'must not be blank' });
  if (!result.customerType) collect.invalid.push({ name: 'customerType', reason: 'is required' });
  if (collect.invalid.length > 0) throw new ValidationError(collect.invalid);
  return result;
}

export function createAccount(id: string, given: Nullable<AccountDraft>, ctx: ChangeContext): Account {
  const draft = withoutNulls(given);
  const fields = normalised({
    ...draft,
    country: draft.country ?? ctx.tenant.country,
    addresses: draft.addresses ?? [],
    phones: draft.phones ?? [],
    categoryIds: draft.categoryIds ?? [],
  });
  return { ...fields, ...createdStamps(id, ctx) };
}

export function updateAccount(
  current: Account,
  patch: AccountPatch,
  ctx: ChangeContext,
): { account: Account; changes: FieldChange[] } {
  const fields = normalised(applyPatch<AccountFields>(current, patch));
  const changes = diffFields(current as AccountFields, fields, trackedFields);
  return { account: touched({ ...current, ...fields }, ctx), changes };
}
