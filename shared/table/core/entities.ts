import type { HistoryEntry } from '#domain/accounts/records';
import type { TenantProfile } from '#domain/tenant';
import { defineEntity } from './entity';
import { oneOf, tenant, text, ulid } from './facets';
import { key, sharedKey } from './key-template';

/**
 * The partition of a subject's own item (an account, a contact, a lead …):
 * its notes, history and attachments live beside it (`subjectPartition`).
 */
export const subjectPartitionKey = /* @__PURE__ */ sharedKey(() => key`${text('subjectPk')}`);

export const tenantEntity = /* @__PURE__ */ defineEntity<TenantProfile>()(() => ({
  name: 'Tenant',
  description: 'A tenant’s profile: country, currency, time zone, senders.',
  key: { pk: key`T#${tenant}#TENANT`, sk: key`TENANT` },
  patterns: {
    profile: { index: 'table', sortKey: 'equals', operation: 'GetItem, cached 5 min in each container' },
  },
}));

export const uniqueKinds = ['orgNumber', 'customerId', 'supplyPointId', 'userEmail'] as const;
export type UniqueKind = (typeof uniqueKinds)[number];

export const uniqueEntity = /* @__PURE__ */ defineEntity<{ readonly ownerId: string }>()(() => ({
  name: 'Unique',
  description: 'A uniqueness guard: the one owner of a value in a tenant.',
  key: { pk: key`T#${tenant}#UNIQUE#${oneOf('kind', uniqueKinds)}#${text('value')}`, sk: key`UNIQUE` },
  patterns: {
    ownerOfValue: {
      index: 'table',
      sortKey: 'equals',
      operation:
        'conditional Put/Delete in the owner’s transaction; consistent GetItem (user e-mail); BatchGetItem, 100 a request (import duplicates)',
    },
  },
}));

export const idempotencyEntity = /* @__PURE__ */ defineEntity()(() => ({
  name: 'IdempotencyRecord',
  description: 'The record of a create or send: the request’s hash and its response, kept 24 h (TTL).',
  key: {
    pk: key`T#${tenant}#IDEMPOTENCY#${text('operationId')}#${text('idempotencyKey')}`,
    sk: key`IDEMPOTENCY`,
  },
  patterns: {
    byKey: {
      index: 'table',
      sortKey: 'equals',
      operation: 'conditional Put in the change’s transaction; consistent GetItem on a replay',
    },
  },
}));

export const outboxEventEntity = /* @__PURE__ */ defineEntity()(() => ({
  name: 'Outbox',
  description: 'A domain event waiting for the stream to relay it to the bus (TTL 7 days).',
  key: { pk: key`T#${tenant}#OUTBOX#${text('eventId')}`, sk: key`OUTBOX` },
  patterns: {
    byEvent: {
      index: 'table',
      sortKey: 'equals',
      operation: 'Put in the change’s transaction; read from the stream',
    },
  },
}));

export const historyEntity = /* @__PURE__ */ defineEntity<HistoryEntry>()(() => ({
  name: 'History',
  description: 'One event in the history of a subject, keyed by the event id.',
  key: { pk: subjectPartitionKey, sk: key`HISTORY#${ulid('eventId')}` },
  patterns: {
    ofSubject: {
      index: 'table',
      sortKey: 'beginsWith',
      order: 'descending',
      operation: 'Query; conditional Put per subject (a redelivered event finds its entry)',
    },
  },
}));
