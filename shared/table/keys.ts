/**
 * Every key of the table, in one place. Each partition key starts with the
 * tenant (`T#<tenantId>#`), which always comes from the verified token. The
 * access-pattern table in docs/architecture.md lists how each is read.
 */
export interface ItemKey {
  readonly pk: string;
  readonly sk: string;
}

export type LookupKind = 'phone' | 'email' | 'customerId';
export type UniqueKind = 'orgNumber' | 'customerId' | 'supplyPointId';

const t = (tenantId: string) => `T#${tenantId}`;

export const keys = {
  tenant: (tenantId: string): ItemKey => ({ pk: `${t(tenantId)}#TENANT`, sk: 'TENANT' }),

  account: (tenantId: string, accountId: string): ItemKey => ({
    pk: `${t(tenantId)}#ACCOUNT#${accountId}`,
    sk: 'ACCOUNT',
  }),
  contact: (tenantId: string, contactId: string): ItemKey => ({
    pk: `${t(tenantId)}#CONTACT#${contactId}`,
    sk: 'CONTACT',
  }),

  /** Notes and history live in their subject's partition, sorted by a ULID. */
  notePrefix: 'NOTE#',
  note: (subjectPk: string, noteId: string): ItemKey => ({ pk: subjectPk, sk: `NOTE#${noteId}` }),
  historyPrefix: 'HISTORY#',
  history: (subjectPk: string, eventId: string): ItemKey => ({ pk: subjectPk, sk: `HISTORY#${eventId}` }),

  /** gsi1: an account's collection (the account and its contacts). */
  accountCollection: (tenantId: string, accountId: string) => `${t(tenantId)}#ACCOUNT#${accountId}`,
  collectionSk: { account: '#ACCOUNT', contactPrefix: 'CONTACT#' },

  /** gsi2: tenant-wide lists, sorted by a folded display name. */
  accountList: (tenantId: string, deleted = false) => `${t(tenantId)}#ACCOUNTS${deleted ? '#DELETED' : ''}`,
  contactList: (tenantId: string, deleted = false) => `${t(tenantId)}#CONTACTS${deleted ? '#DELETED' : ''}`,

  /** Caller identification: many contacts/accounts may share one value. */
  lookup: (tenantId: string, kind: LookupKind, value: string) => `${t(tenantId)}#LOOKUP#${kind}#${value}`,
  lookupSk: (subject: 'ACCOUNT' | 'CONTACT', id: string) => `${subject}#${id}`,

  /** Guard items: at most one owner per value and tenant. */
  unique: (tenantId: string, kind: UniqueKind, value: string): ItemKey => ({
    pk: `${t(tenantId)}#UNIQUE#${kind}#${value}`,
    sk: 'UNIQUE',
  }),

  idempotency: (tenantId: string, operationId: string, key: string): ItemKey => ({
    pk: `${t(tenantId)}#IDEMPOTENCY#${operationId}#${key}`,
    sk: 'IDEMPOTENCY',
  }),

  outbox: (tenantId: string, eventId: string): ItemKey => ({
    pk: `${t(tenantId)}#OUTBOX#${eventId}`,
    sk: 'OUTBOX',
  }),
} as const;

/** Folds case and diacritics so `Ödegård` sorts and prefix-matches as `odegard`. */
export function foldForSort(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}
