import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { type EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { Context, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import * as z from 'zod';
import { withCorrelation } from '#adapters/observability/correlation';
import { outboxEntity } from '#table/core/outbox';
import { businessMetricsOf, eventsRelayedMetric } from './business-metrics';
import { observability, observedHandler } from './observability/observed-handler';

/** What the relay reads of an outbox item's event; the whole event is the bus entry's detail. */
const relayedEvent = z.object({
  id: z.string().min(1),
  type: z.string().min(1),
  source: z.string().min(1),
  tenantId: z.string().min(1),
  occurredAt: z.iso.datetime({ offset: true }),
  correlationId: z.string().min(1).optional(),
});

/** An event as the relay put it on the bus. */
export type RelayedEvent = z.output<typeof relayedEvent> & { readonly data?: unknown };

/** The event of an outbox insert, or nothing for any other record of the stream. */
export function outboxEventOf(record: DynamoDBRecord): RelayedEvent | undefined {
  const image = record.dynamodb?.NewImage;
  if (record.eventName !== 'INSERT' || !image) return undefined;
  const item = unmarshall(image as Record<string, AttributeValue>);
  if (item.entity !== outboxEntity) return undefined;
  return { ...(item.event as object), ...relayedEvent.parse(item.event) };
}

/** Puts the event on the bus; an entry the bus refuses is thrown, so the batch reports the record for a retry. */
async function putOnBus(bus: EventBridgeClient, busName: string, event: RelayedEvent): Promise<void> {
  const result = await bus.send(
    new PutEventsCommand({
      Entries: [
        {
          EventBusName: busName,
          Source: event.source,
          DetailType: event.type,
          Detail: JSON.stringify(event),
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

/**
 * The relay's Lambda handler: each outbox insert of the batch put on the bus
 * with its event's correlation on the log lines. Failures are reported per
 * record, and the stream retries from the first failed one, the records after
 * it included: so only the events before the first failure are counted
 * (events relayed and the business metrics they add to), and a retry counts
 * the rest once.
 */
export function outboxRelayHandler(bus: EventBridgeClient, busName: string) {
  const observed = observability('outbox-relay');
  const processor = new BatchProcessor(EventType.DynamoDBStreams);
  const count = (event: RelayedEvent) => {
    observed.metrics.addMetric(eventsRelayedMetric, MetricUnit.Count, 1);
    for (const metric of businessMetricsOf(event)) {
      observed.metrics.addMetric(metric.name, MetricUnit.Count, metric.value);
    }
  };
  const handleBatch = async (batch: DynamoDBStreamEvent, context: Context) => {
    const relayed = new Map<string, RelayedEvent>();
    const relay = async (record: DynamoDBRecord) => {
      const event = outboxEventOf(record);
      if (event === undefined) return;
      const correlation = {
        correlationId: event.correlationId ?? event.id,
        tenantId: event.tenantId,
        eventId: event.id,
      };
      await withCorrelation(correlation, () => putOnBus(bus, busName, event));
      relayed.set(record.dynamodb?.SequenceNumber ?? '', event);
    };
    const response = await processPartialResponse(batch, relay, processor, { context });
    const failed = new Set(response.batchItemFailures.map((f) => f.itemIdentifier));
    for (const record of batch.Records) {
      const sequenceNumber = record.dynamodb?.SequenceNumber ?? '';
      if (failed.has(sequenceNumber)) break;
      const event = relayed.get(sequenceNumber);
      if (event) count(event);
    }
    return response;
  };
  return observedHandler('outbox-relay', handleBatch, { observability: observed });
}
