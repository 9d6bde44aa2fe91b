import type { DomainEvent } from '#domain/events';
import { keys } from './keys';
import type { Table } from './table';
import { putNew, type TransactItem } from './transact';

/** Outbox items only need to live until the stream has relayed them. */
const outboxRetentionSeconds = 7 * 24 * 3600;

export const outboxEntity = 'Outbox';

export function outboxPut(table: Table, event: DomainEvent): TransactItem {
  return putNew(table, {
    ...keys.outbox(event.tenantId, event.id),
    entity: outboxEntity,
    event,
    expiresAt: Math.floor(Date.parse(event.occurredAt) / 1000) + outboxRetentionSeconds,
  });
}
