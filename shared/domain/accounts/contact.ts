import { ValidationError } from '#domain/errors';
import type { FieldChange } from '#domain/events';
import { mergePatch, type Nullable, type Patch, withoutNulls } from '#domain/patch';
import { type ChangeContext, createdStamps, type Stamps, touched } from '#domain/stamps';
import { FieldCollector } from './normalise';

export const communicationChannels = ['electronic', 'paper'] as const;
export type CommunicationChannel = (typeof communicationChannels)[number];

/** What a client may set on a contact (R-AC-2). */
export interface ContactFields {
  readonly firstName: string;
  readonly lastName: string;
  readonly email?: string;
  /** E.164, read in the tenant's country when written nationally. */
  readonly phones: readonly string[];
  /** The customer number in the tenant's billing system; unique per tenant. */
  readonly externalCustomerId?: string;
  readonly contactTypeId?: string;
  /** Ids of the tenant's keywords (R-ST-5). */
  readonly keywords: readonly string[];
  /** Tenant categories with the scope `contact` or `both` (R-ST-1). */
  readonly categoryIds: readonly string[];
  readonly newsletterConsent: boolean;
  readonly greeting?: string;
  readonly information?: string;
  readonly accountId?: string;
  readonly isSigningPerson: boolean;
  readonly preferredChannel: (typeof communicationChannels)[number];
}

export interface Contact extends ContactFields, Stamps {
  /** On a tombstone: the contact this one was merged into (ADR 0032). */
  readonly mergedInto?: string;
}

type Defaulted =
  | 'phones'
  | 'keywords'
  | 'categoryIds'
  | 'newsletterConsent'
  | 'isSigningPerson'
  | 'preferredChannel';
export type ContactDraft = Omit<ContactFields, Defaulted> & Partial<Pick<ContactFields, Defaulted>>;
export type ContactPatch = Patch<ContactFields>;

export const contactTrackedFields = [
  'firstName',
  'lastName',
  'email',
  'phones',
  'externalCustomerId',
  'contactTypeId',
  'keywords',
  'categoryIds',
  'newsletterConsent',
  'greeting',
  'information',
  'accountId',
  'isSigningPerson',
  'preferredChannel',
] as const satisfies readonly (keyof ContactFields)[];

function normalised(fields: ContactFields, ctx: ChangeContext): ContactFields {
  const collect = new FieldCollector();
  const result: ContactFields = {
    ...fields,
    // `?? ''`: a patch may try to clear a required field; that is refused below, not a crash.
    firstName: fields.firstName?.trim() ?? '',
    lastName: fields.lastName?.trim() ?? '',
    email: collect.email(fields.email),
    phones: collect.phones(fields.phones, ctx.tenant.country),
    externalCustomerId: fields.externalCustomerId?.trim(),
    keywords: [...new Set(fields.keywords.map((k) => k.trim()).filter(Boolean))],
    categoryIds: [...new Set(fields.categoryIds)],
  };
  if (result.firstName.length === 0) collect.invalid.push({ name: 'firstName', reason: 'must not be blank' });
  if (result.lastName.length === 0) collect.invalid.push({ name: 'lastName', reason: 'must not be blank' });
  if (result.externalCustomerId === '')
    collect.invalid.push({ name: 'externalCustomerId', reason: 'must not be blank' });
  if (collect.invalid.length > 0) throw new ValidationError(collect.invalid);
  return result;
}

export function createContact(id: string, given: Nullable<ContactDraft>, ctx: ChangeContext): Contact {
  const draft = withoutNulls(given);
  const fields = normalised(
    {
      ...draft,
      phones: draft.phones ?? [],
      keywords: draft.keywords ?? [],
      categoryIds: draft.categoryIds ?? [],
      newsletterConsent: draft.newsletterConsent ?? false,
      isSigningPerson: draft.isSigningPerson ?? false,
      preferredChannel: draft.preferredChannel ?? 'electronic',
    },
    ctx,
  );
  return { ...fields, ...createdStamps(id, ctx) };
}

export function updateContact(
  current: Contact,
  patch: ContactPatch,
  ctx: ChangeContext,
): { contact: Contact; changes: FieldChange[] } {
  // Contacts stored before categories existed have none.
  const base: Contact = { ...current, categoryIds: current.categoryIds ?? [] };
  const { fields, changes } = mergePatch<ContactFields>(base, patch, contactTrackedFields, (f) =>
    normalised(f, ctx),
  );
  return { contact: touched({ ...base, ...fields }, ctx), changes };
}

export const displayName = (c: Pick<ContactFields, 'firstName' | 'lastName'>) =>
  `${c.firstName} ${c.lastName}`;
