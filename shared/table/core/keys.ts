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

  // Energy domain.
  supplyPoint: (tenantId: string, supplyPointId: string): ItemKey => ({
    pk: `${t(tenantId)}#SUPPLYPOINT#${supplyPointId}`,
    sk: 'SUPPLYPOINT',
  }),
  /** gsi1 sort key of a supply point in its account's collection. */
  supplyPointInCollection: (supplyPointId: string) => `SUPPLYPOINT#${supplyPointId}`,
  supplyPointPrefix: 'SUPPLYPOINT#',
  supplyPointList: (tenantId: string) => `${t(tenantId)}#SUPPLYPOINTS`,
  /** Meter readings live in their supply point's partition, per register, by date. */
  reading: (supplyPointPk: string, register: string, date: string, readingId: string): ItemKey => ({
    pk: supplyPointPk,
    sk: `READING#${register}#${date}#${readingId}`,
  }),
  readingPrefix: (register?: string) => (register ? `READING#${register}#` : 'READING#'),
  /** The latest reading of a register: its version serialises concurrent readings. */
  readingMarker: (supplyPointPk: string, register: string): ItemKey => ({
    pk: supplyPointPk,
    sk: `READING-LATEST#${register}`,
  }),

  territory: (tenantId: string, code: string): ItemKey => ({
    pk: `${t(tenantId)}#TERRITORY#${code}`,
    sk: 'TERRITORY',
  }),
  territoryList: (tenantId: string) => `${t(tenantId)}#TERRITORIES`,
  /** Tenant tables that derive a supply point's parameters. */
  bandTable: (tenantId: string, commodity: string, customerType: string): ItemKey => ({
    pk: `${t(tenantId)}#BANDTABLE#${commodity}#${customerType}`,
    sk: 'BANDTABLE',
  }),
  gasConversion: (tenantId: string): ItemKey => ({ pk: `${t(tenantId)}#GASCONVERSION`, sk: 'GASCONVERSION' }),

  product: (tenantId: string, productId: string): ItemKey => ({
    pk: `${t(tenantId)}#PRODUCT#${productId}`,
    sk: 'PRODUCT',
  }),
  productList: (tenantId: string) => `${t(tenantId)}#PRODUCTS`,
  /** A price list version, in its product's partition. */
  priceList: (tenantId: string, productId: string, version: number): ItemKey => ({
    pk: `${t(tenantId)}#PRODUCT#${productId}`,
    sk: `PRICELIST#${String(version).padStart(6, '0')}`,
  }),
  /**
   * One price series per product, territory and band; entries sorted by the
   * first day they apply, so "the price on day D" is one Query.
   */
  priceSeries: (tenantId: string, productId: string, territoryCode: string, bandCode: string) =>
    `${t(tenantId)}#PRICE#${productId}#${territoryCode}#${bandCode}`,
  priceEntrySk: (validFrom: string) => `FROM#${validFrom}`,

  journey: (tenantId: string, journeyId: string): ItemKey => ({
    pk: `${t(tenantId)}#JOURNEY#${journeyId}`,
    sk: 'JOURNEY',
  }),
  /** gsi1 sort key of a journey in its account's collection; open ones share a prefix. */
  journeyInCollection: (open: boolean, journeyId: string) =>
    `JOURNEY#${open ? 'OPEN' : 'CLOSED'}#${journeyId}`,
} as const;

/** Folds case and diacritics so `Ödegård` sorts and prefix-matches as `odegard`. */
export function foldForSort(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}
