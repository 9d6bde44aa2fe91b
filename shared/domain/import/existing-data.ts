import type { IdentifierKind } from './duplicates';

/** What a batch of rows asks about the tenant's data before anything is written. */
export interface ExistingDataQuery {
  /** The ids the rows' accounts and contacts would get: found ones were imported before. */
  readonly accountIds: readonly string[];
  readonly contactIds: readonly string[];
  readonly identifiers: readonly { readonly kind: IdentifierKind; readonly value: string }[];
}

export interface IdentifierOwner {
  readonly type: 'account' | 'contact';
  readonly id: string;
}

export interface ExistingData {
  /** Accounts that exist with one of the asked ids, with when they were created. */
  readonly accounts: ReadonlyMap<string, { readonly createdAt: string }>;
  readonly contacts: ReadonlySet<string>;
  /** Identifiers a live account or contact already has, by `kind#value`. */
  readonly taken: ReadonlyMap<string, IdentifierOwner>;
}

export const identifierKey = (kind: IdentifierKind, value: string) => `${kind}#${value}`;

/**
 * Reads, without a Scan, what of a batch already exists: the rows' own ids,
 * the uniqueness guards of organisation numbers and customer ids, and the
 * owners of e-mails and phone numbers, each read by its key.
 */
export interface ExistingDataReader {
  find(tenantId: string, query: ExistingDataQuery): Promise<ExistingData>;
}
