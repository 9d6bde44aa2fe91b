import { currentCorrelation, noteTenant } from '#adapters/observability/correlation';
import type { DomainEvent } from '#domain/events';
import { outboxEventEntity } from './entities';
import type { Table } from './table';
import { putNew, type TransactItem } from './transact';

/** Outbox items only need to live until the stream has relayed them. */
const outboxRetentionSeconds = 7 * 24 * 3600;

export const outboxEntity = outboxEventEntity.stored;

/**
 * The event's outbox item, written in its change's transaction. The event
 * gets the correlation of the work writing it (the request, or the event a
 * consumer is handling), so the story can be followed across the bus.
 */
export function outboxPut(table: Table, event: DomainEvent): TransactItem {
  const correlationId = event.correlationId ?? currentCorrelation()?.correlationId;
  // Work that learnt its tenant only as it went (a webhook, stored mail) logs it from here on.
  noteTenant(event.tenantId);
  return putNew(
    table,
    outboxEventEntity.item(
      {
        event: correlationId === undefined ? event : { ...event, correlationId },
        expiresAt: Math.floor(Date.parse(event.occurredAt) / 1000) + outboxRetentionSeconds,
      },
      { key: { tenantId: event.tenantId, eventId: event.id } },
    ),
  );
}
