import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { type EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import * as z from 'zod';
import { outboxEntity } from '#table/core/outbox';

/** What the relay reads of an outbox item's event; the whole event is the bus entry's detail. */
const relayedEvent = z.object({
  id: z.string().min(1),
  type: z.string().min(1),
  source: z.string().min(1),
  occurredAt: z.iso.datetime({ offset: true }),
});

/**
 * Puts one outbox item's event on the bus. Entries the bus refuses, and
 * outbox items without an event, are thrown, so the batch reports the record
 * and the stream retries it.
 */
export async function relayOutboxRecord(bus: EventBridgeClient, busName: string, record: DynamoDBRecord) {
  const image = record.dynamodb?.NewImage;
  if (record.eventName !== 'INSERT' || !image) return;
  const item = unmarshall(image as Record<string, AttributeValue>);
  if (item.entity !== outboxEntity) return;
  const event = relayedEvent.parse(item.event);
  const result = await bus.send(
    new PutEventsCommand({
      Entries: [
        {
          EventBusName: busName,
          Source: event.source,
          DetailType: event.type,
          Detail: JSON.stringify(item.event),
          Time: new Date(event.occurredAt),
        },
      ],
    }),
  );
  if (result.FailedEntryCount) {
    const failed = result.Entries?.[0];
    throw new Error(`the bus refused event ${event.id}: ${failed?.ErrorCode} ${failed?.ErrorMessage}`);
  }
}
