import type { DomainEvent } from '#domain/events';
import { outboxEventEntity } from './entities';
import type { Table } from './table';
import { putNew, type TransactItem } from './transact';

/** Outbox items only need to live until the stream has relayed them. */
const outboxRetentionSeconds = 7 * 24 * 3600;

export const outboxEntity = outboxEventEntity.stored;

export function outboxPut(table: Table, event: DomainEvent): TransactItem {
  return putNew(
    table,
    outboxEventEntity.item(
      { event, expiresAt: Math.floor(Date.parse(event.occurredAt) / 1000) + outboxRetentionSeconds },
      { key: { tenantId: event.tenantId, eventId: event.id } },
    ),
  );
}
