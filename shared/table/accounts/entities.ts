import type { Account } from '#domain/accounts/account';
import type { Contact } from '#domain/accounts/contact';
import type { Note } from '#domain/accounts/records';
import { subjectPartitionKey } from '#table/core/entities';
import { defineEntity } from '#table/core/entity';
import { flag, folded, oneOf, tenant, text, ulid } from '#table/core/facets';
import { key, sharedKey } from '#table/core/key-template';

/**
 * An account's partition, and its collection's on gsi1: the account, its
 * contacts, supply points, journeys, deals and contracts, read in one Query.
 */
export const accountPartition = /* @__PURE__ */ sharedKey(
  () => key`T#${tenant}#ACCOUNT#${text('accountId')}`,
);
export const contactPartition = /* @__PURE__ */ sharedKey(
  () => key`T#${tenant}#CONTACT#${text('contactId')}`,
);

export const accountEntity = /* @__PURE__ */ defineEntity<Account>()(() => ({
  name: 'Account',
  description: 'A customer. A deleted one leaves its collection and moves to the deleted list.',
  key: { pk: accountPartition, sk: key`ACCOUNT` },
  indexes: {
    gsi1: { pk: accountPartition, sk: key`#ACCOUNT` },
    gsi2: {
      pk: key`T#${tenant}#ACCOUNTS${flag('deleted', '#DELETED')}`,
      sk: key`${folded('name')}#${text('accountId')}`,
    },
  },
  patterns: {
    byId: {
      index: 'table',
      sortKey: 'equals',
      operation: 'consistent GetItem; BatchGetItem of a category page, of identified callers, of import rows',
    },
    collection: {
      index: 'gsi1',
      alsoReturns: ['Contact', 'SupplyPoint', 'Journey', 'Deal', 'Contract'],
      operation: 'Query of every page of the collection: the account view',
    },
    byName: {
      index: 'gsi2',
      fixed: { deleted: false },
      sortKey: 'beginsWith',
      sortKeyFacets: ['name'],
      operation: 'Query, read on until the page is full (filters: customerType, ownerId, statusTypeId)',
    },
    deletedByName: { index: 'gsi2', fixed: { deleted: true }, operation: 'Query (admins, for restore)' },
    ofIndustry: {
      index: 'gsi2',
      fixed: { deleted: false },
      operation:
        'paged Query filtered on industryId, in the move-customers job only, never on a request (interim)',
    },
  },
}));

export const contactEntity = /* @__PURE__ */ defineEntity<Contact>()(() => ({
  name: 'Contact',
  description: 'A person, in its account’s collection while both are live.',
  key: { pk: contactPartition, sk: key`CONTACT` },
  indexes: {
    gsi1: { pk: accountPartition, sk: key`CONTACT#${ulid('contactId')}` },
    gsi2: {
      pk: key`T#${tenant}#CONTACTS${flag('deleted', '#DELETED')}`,
      // The name is `<lastName> <firstName>`.
      sk: key`${folded('name')}#${text('contactId')}`,
    },
  },
  patterns: {
    byId: {
      index: 'table',
      sortKey: 'equals',
      operation: 'consistent GetItem; BatchGetItem of a category page, of identified callers, of import rows',
    },
    ofAccount: { index: 'gsi1', sortKey: 'beginsWith', operation: 'Query' },
    byName: {
      index: 'gsi2',
      fixed: { deleted: false },
      sortKey: 'beginsWith',
      sortKeyFacets: ['name'],
      operation: 'Query',
    },
  },
}));

export const noteEntity = /* @__PURE__ */ defineEntity<Note>()(() => ({
  name: 'Note',
  description: 'A note on a subject, in the subject’s partition; note ids are ULIDs.',
  key: { pk: subjectPartitionKey, sk: key`NOTE#${ulid('noteId')}` },
  patterns: {
    ofSubject: {
      index: 'table',
      sortKey: 'beginsWith',
      order: 'descending',
      operation: 'Query; Put in the transaction of its event',
    },
  },
}));

export const lookupKinds = ['phone', 'email', 'customerId'] as const;
export type LookupKind = (typeof lookupKinds)[number];
export const lookupSubjects = ['ACCOUNT', 'CONTACT'] as const;

/** What a lookup item holds besides its key. */
export interface LookupItem {
  readonly subject: (typeof lookupSubjects)[number];
  readonly id: string;
  /** The contact's account, so identification can fetch both in one batch. */
  readonly accountId?: string;
}

export const lookupEntity = /* @__PURE__ */ defineEntity<LookupItem>()(() => ({
  name: 'Lookup',
  description:
    'Caller identification: one item per phone, e-mail or customer id of a live account or contact.',
  key: {
    pk: key`T#${tenant}#LOOKUP#${oneOf('kind', lookupKinds)}#${text('value')}`,
    sk: key`${oneOf('subject', lookupSubjects)}#${text('id')}`,
  },
  patterns: {
    ownersOfValue: {
      index: 'table',
      operation: 'Query (limit 25), then BatchGetItem of the matches; Put/Delete in the owner’s transaction',
    },
  },
}));

/** The lookup kinds whose owners are also kept in one item per value: what the import reads in batches. */
export const ownedLookupKinds = ['phone', 'email'] as const;
export type OwnedLookupKind = (typeof ownedLookupKinds)[number];

/** What a value's owners item holds besides its key. */
export interface LookupOwnersItem {
  /** The lookup items' sort keys (`<subject>#<id>`); absent once the last owner is gone. */
  readonly owners?: ReadonlySet<string>;
}

export const lookupOwnersEntity = /* @__PURE__ */ defineEntity<LookupOwnersItem>()(() => ({
  name: 'LookupOwners',
  description:
    'The owners of one phone or e-mail, as its lookup items name them: a value’s owners by key, so a batch of values is one read.',
  key: {
    pk: key`T#${tenant}#LOOKUPOWNERS#${oneOf('kind', ownedLookupKinds)}#${text('value')}`,
    sk: key`OWNERS`,
  },
  patterns: {
    ownersOfValue: {
      index: 'table',
      sortKey: 'equals',
      operation:
        'BatchGetItem, 100 a request (import duplicates); ADD/DELETE of the owner in its transaction, with its lookup item',
    },
  },
}));

export const categoryMemberKinds = ['ACCOUNT', 'CONTACT'] as const;
/** Who can be a member of a category. */
export type CategoryMemberKind = (typeof categoryMemberKinds)[number];

/** What a membership item holds besides its key. */
export interface CategoryMember {
  readonly kind: CategoryMemberKind;
  readonly id: string;
  readonly categoryId: string;
  readonly accountId?: string;
}

export const categoryMemberEntity = /* @__PURE__ */ defineEntity<CategoryMember>()(() => ({
  name: 'CategoryMember',
  description:
    'A live account or contact in a category (R-ST-1); member ids are ULIDs, so in creation order.',
  key: {
    pk: key`T#${tenant}#CATEGORY#${text('categoryId')}`,
    sk: key`${oneOf('kind', categoryMemberKinds)}#${ulid('memberId')}`,
  },
  patterns: {
    membersOfCategory: {
      index: 'table',
      sortKey: 'beginsWith',
      sortKeyFacets: ['kind'],
      operation: 'Query, then BatchGetItem of the page; Put/Delete in the member’s transaction',
    },
  },
}));
