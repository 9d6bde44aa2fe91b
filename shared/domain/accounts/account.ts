import type { CountryCode } from 'libphonenumber-js';
import { ValidationError } from '#domain/errors';
import { diffFields, type FieldChange } from '#domain/events';
import { mergePatch, type Nullable, type Patch, withoutNulls } from '#domain/patch';
import type { SettingRef } from '#domain/settings/settings-lookup';
import { type ChangeContext, createdStamps, touched } from '#domain/stamps';
import type { SystemWritten } from '#domain/system-writes';
import type { communicationChannels } from './contact';
import { FieldCollector } from './normalise';

export const customerTypes = ['B2B', 'B2C'] as const;
export type CustomerType = (typeof customerTypes)[number];

export const addressKinds = ['visiting', 'postal', 'billing', 'delivery'] as const;

/**
 * How the customer gets documents (R-CO-3), in the contacts' channel words:
 * `electronic`, contracts by e-signature and e-mail and no paper-only
 * mailings; `paper`, printed documents by post and no e-signature.
 */
export type CommunicationPreference = (typeof communicationChannels)[number];
/** What a new account gets, and what an account stored before the field existed reads as. */
export const defaultCommunicationPreference: CommunicationPreference = 'electronic';

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
  /** The legal form as the company register words it (`Aktiebolag`, `Spoločnosť s ručením obmedzeným`). */
  readonly legalForm?: string;
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
  readonly communicationPreference: CommunicationPreference;
}

/** The account's "additional information" section (R-AC-10). */
export interface AdditionalInfo {
  /** How the customer came to us: tenant-defined text or the id of a tenant-defined origin. */
  readonly contactOrigin?: string;
  readonly productsOfInterest: readonly string[];
  readonly sources: readonly string[];
}

/**
 * The company register says the company of the account's organisation
 * number is struck off (R-AC-11). Written by the register lookup as a system
 * write (ADR 0011); cleared when a later lookup finds the number active or
 * unknown.
 */
export interface StruckOff {
  /** The date the register gives for the end, when it gives one. */
  readonly on?: string;
  /** When the lookup that found it ran. */
  readonly reportedAt: string;
}

export interface Account extends AccountFields, SystemWritten {
  /** Absent until first set. */
  readonly additionalInfo?: AdditionalInfo;
  readonly struckOff?: StruckOff;
}

type Defaulted = 'country' | 'addresses' | 'phones' | 'categoryIds' | 'communicationPreference';
export type AccountDraft = Omit<AccountFields, Defaulted> & Partial<Pick<AccountFields, Defaulted>>;

/** `null` clears an optional field; an absent field is left as it is. */
export type AccountPatch = Patch<AccountFields>;

const trackedFields = [
  'name',
  'country',
  'orgNumber',
  'legalForm',
  'customerType',
  'addresses',
  'phones',
  'email',
  'website',
  'industryId',
  'categoryIds',
  'statusTypeId',
  'ownerId',
  'communicationPreference',
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
    legalForm: fields.legalForm?.trim() || undefined,
    // National numbers are read in the account's own country.
    phones: collect.phones(fields.phones, country as CountryCode),
    email: collect.email(fields.email),
    categoryIds: [...new Set(fields.categoryIds)],
  };
  if (result.name.length === 0) collect.invalid.push({ name: 'name', reason: 'must not be blank' });
  if (!result.customerType) collect.invalid.push({ name: 'customerType', reason: 'is required' });
  if (!result.communicationPreference)
    collect.invalid.push({ name: 'communicationPreference', reason: 'is required' });
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
    communicationPreference: draft.communicationPreference ?? defaultCommunicationPreference,
  });
  return { ...fields, ...createdStamps(id, ctx) };
}

export function updateAccount(
  current: Account,
  patch: AccountPatch,
  ctx: ChangeContext,
): { account: Account; changes: FieldChange[] } {
  const { fields, changes } = mergePatch<AccountFields>(current, patch, trackedFields, normalised);
  return { account: touched({ ...current, ...fields }, ctx), changes };
}

/** A whole new additional-information section; `null` or absent clears a part. */
export interface AdditionalInfoInput {
  readonly contactOrigin?: string | null;
  readonly productsOfInterest?: readonly string[] | null;
  readonly sources?: readonly string[] | null;
}

/** Trimmed entries without blanks or repeats (in any case); blanks are named by their position. */
function textList(values: readonly string[], field: string, collect: FieldCollector): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  values.forEach((value, i) => {
    const trimmed = value.trim().replace(/\s+/g, ' ');
    const folded = trimmed.toLocaleLowerCase();
    if (trimmed.length === 0) collect.invalid.push({ name: `${field}.${i}`, reason: 'must not be blank' });
    else if (!seen.has(folded)) {
      seen.add(folded);
      out.push(trimmed);
    }
  });
  return out;
}

/**
 * Replaces the account's additional information (R-AC-10). The change shows
 * in the history as one change of `additionalInfo`.
 */
export function setAdditionalInfo(
  current: Account,
  given: AdditionalInfoInput,
  ctx: ChangeContext,
): { account: Account; changes: FieldChange[] } {
  const collect = new FieldCollector();
  const origin = given.contactOrigin?.trim();
  if (origin === '')
    collect.invalid.push({ name: 'contactOrigin', reason: 'must not be blank; send null to clear it' });
  const info: AdditionalInfo = {
    ...(origin ? { contactOrigin: origin } : {}),
    productsOfInterest: textList(given.productsOfInterest ?? [], 'productsOfInterest', collect),
    sources: textList(given.sources ?? [], 'sources', collect),
  };
  if (collect.invalid.length > 0) throw new ValidationError(collect.invalid);
  const changes = diffFields({ additionalInfo: current.additionalInfo }, { additionalInfo: info }, [
    'additionalInfo',
  ]);
  return { account: touched({ ...current, additionalInfo: info }, ctx), changes };
}

/**
 * A deleted account as it comes back (R-AC-9), without references to
 * settings deleted since (`gone`), so a restore never brings back a dangling
 * reference. The dropped references are the changes of the restore.
 */
export function restoreAccount(
  current: Account,
  gone: readonly SettingRef[],
  ctx: ChangeContext,
): { account: Account; changes: FieldChange[] } {
  const { deletedAt: _deletedAt, ...live } = current;
  const isGone = (kind: SettingRef['kind'], id: string | undefined) =>
    id !== undefined && gone.some((g) => g.kind === kind && g.id === id);
  const restored: Account = {
    ...live,
    categoryIds: live.categoryIds.filter((id) => !isGone('category', id)),
  };
  const { industryId, statusTypeId, ...rest } = restored;
  const account: Account = {
    ...rest,
    ...(isGone('industry', industryId) ? {} : { industryId }),
    ...(isGone('status-type', statusTypeId) ? {} : { statusTypeId }),
  };
  const changes = diffFields(current as AccountFields, account as AccountFields, [
    'industryId',
    'categoryIds',
    'statusTypeId',
  ]);
  return { account: touched(account, ctx), changes };
}
