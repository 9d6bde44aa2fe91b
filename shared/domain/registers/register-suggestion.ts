import type { Account, AccountPatch, Address } from '#domain/accounts/account';
import { ConflictError, ValidationError } from '#domain/errors';
import type {
  RegisterAddress,
  RegisterAnswer,
  RegisterCountry,
  RegisterQuery,
  StatutoryBody,
} from './company-register';

/**
 * What the company register said about an account's organisation number,
 * kept beside the account until the user applies some of it (R-AC-11).
 * One per account: a later lookup replaces it.
 */
export interface RegisterSuggestion {
  readonly tenantId: string;
  readonly accountId: string;
  readonly country: RegisterCountry;
  /** The number that was looked up; a suggestion for another number than the account's is stale. */
  readonly orgNumber: string;
  readonly fetchedAt: string;
  readonly status: 'found' | 'not-found';
  readonly name?: string;
  readonly legalForm?: string;
  readonly address?: RegisterAddress;
  readonly registeredOn?: string;
  readonly struckOff: boolean;
  readonly struckOffOn?: string;
  readonly statutoryBodies: readonly StatutoryBody[];
}

/** The account fields a suggestion can fill. */
export const suggestedFields = ['name', 'address', 'legalForm'] as const;
export type SuggestedField = (typeof suggestedFields)[number];

/**
 * The kind of address the register's address becomes: Bolagsverket gives
 * the postal address, the RPO the registered seat (sídlo), where the
 * company is visited.
 */
const addressKindOf: Record<RegisterCountry, Address['kind']> = { SE: 'postal', SK: 'visiting' };

export function suggestionOf(
  account: Pick<Account, 'tenantId' | 'id'>,
  query: RegisterQuery,
  answer: RegisterAnswer,
  fetchedAt: string,
): RegisterSuggestion {
  const base = {
    tenantId: account.tenantId,
    accountId: account.id,
    country: query.country,
    orgNumber: query.orgNumber,
    fetchedAt,
  };
  if (answer.status === 'not-found')
    return { ...base, status: 'not-found', struckOff: false, statutoryBodies: [] };
  const { company } = answer;
  return {
    ...base,
    status: 'found',
    name: company.name,
    ...(company.legalForm === undefined ? {} : { legalForm: company.legalForm }),
    ...(company.address === undefined ? {} : { address: company.address }),
    ...(company.registeredOn === undefined ? {} : { registeredOn: company.registeredOn }),
    struckOff: company.struckOff,
    ...(company.struckOffOn === undefined ? {} : { struckOffOn: company.struckOffOn }),
    statutoryBodies: company.statutoryBodies,
  };
}

/**
 * The account's struck-off flag after a lookup: set when the register says
 * the company is struck off, cleared otherwise (a not-found number or an
 * active company says nothing against the account's current number). Kept
 * as it was, `reportedAt` included, when the register says the same again.
 */
export function struckOffFlag(
  current: Account['struckOff'],
  suggestion: RegisterSuggestion,
): Account['struckOff'] {
  if (suggestion.status !== 'found' || !suggestion.struckOff) return undefined;
  if (current && current.on === suggestion.struckOffOn) return current;
  return {
    ...(suggestion.struckOffOn === undefined ? {} : { on: suggestion.struckOffOn }),
    reportedAt: suggestion.fetchedAt,
  };
}

/**
 * The change of the account that applies the chosen fields of the
 * suggestion. Refused when the suggestion is not about the account's
 * current number (409) or lacks a chosen field (400 naming it).
 */
export function suggestionPatch(
  account: Account,
  suggestion: RegisterSuggestion,
  fields: readonly SuggestedField[],
): AccountPatch {
  if (suggestion.status !== 'found')
    throw new ConflictError('invalid-state', 'the register did not find this organisation number');
  if (suggestion.country !== account.country || suggestion.orgNumber !== account.orgNumber)
    throw new ConflictError(
      'invalid-state',
      'the suggestion is for another organisation number than the account has now; wait for the new lookup',
    );
  const missing = fields.flatMap((field, i) =>
    suggested(suggestion, field) ? [] : [{ name: `fields.${i}`, reason: `the register gave no ${field}` }],
  );
  if (missing.length > 0) throw new ValidationError(missing);
  const chosen = new Set(fields);
  return {
    ...(chosen.has('name') && suggestion.name ? { name: suggestion.name } : {}),
    ...(chosen.has('legalForm') && suggestion.legalForm ? { legalForm: suggestion.legalForm } : {}),
    ...(chosen.has('address') && suggestion.address
      ? { addresses: withAddress(account.addresses, addressKindOf[suggestion.country], suggestion.address) }
      : {}),
  };
}

function suggested(suggestion: RegisterSuggestion, field: SuggestedField): boolean {
  if (field === 'name') return suggestion.name !== undefined;
  if (field === 'legalForm') return suggestion.legalForm !== undefined;
  return suggestion.address !== undefined;
}

/** The account's addresses with the one of `kind` replaced by the register's, or added. */
function withAddress(
  addresses: readonly Address[],
  kind: Address['kind'],
  address: RegisterAddress,
): Address[] {
  const replacement: Address = { kind, ...address };
  const at = addresses.findIndex((a) => a.kind === kind);
  return at < 0 ? [...addresses, replacement] : addresses.map((a, i) => (i === at ? replacement : a));
}
