import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import {
  type EventBridgeClient,
  PutEventsCommand,
  type PutEventsCommandOutput,
  type PutEventsRequestEntry,
} from '@aws-sdk/client-eventbridge';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
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

/** EventBridge takes at most ten entries, and 256 KiB of them, in one PutEvents. */
const maxEntriesPerPut = 10;
const maxBytesPerPut = 256 * 1024;

/** An entry's size as EventBridge counts it: its strings in UTF-8, and 14 bytes for the time. */
function entrySize(entry: PutEventsRequestEntry): number {
  return (
    14 +
    Buffer.byteLength(entry.Source ?? '') +
    Buffer.byteLength(entry.DetailType ?? '') +
    Buffer.byteLength(entry.Detail ?? '') +
    Buffer.byteLength(entry.EventBusName ?? '')
  );
}

/** The records' entries in order, in runs of at most ten entries and 256 KiB each. */
function putRuns<T extends { readonly entry: PutEventsRequestEntry }>(items: readonly T[]): T[][] {
  const runs: T[][] = [];
  let run: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = entrySize(item.entry);
    if (run.length === maxEntriesPerPut || (run.length > 0 && bytes + size > maxBytesPerPut)) {
      runs.push(run);
      run = [];
      bytes = 0;
    }
    run.push(item);
    bytes += size;
  }
  if (run.length > 0) runs.push(run);
  return runs;
}

interface ReadRecord {
  readonly sequenceNumber: string;
  readonly event: RelayedEvent;
  readonly entry: PutEventsRequestEntry;
}

const correlationOf = (event: RelayedEvent) => ({
  correlationId: event.correlationId ?? event.id,
  tenantId: event.tenantId,
  eventId: event.id,
});

/**
 * The relay's Lambda handler: the batch's outbox inserts put on the bus in
 * order, up to ten to a PutEvents call, each entry refused or accepted on
 * its own. The first record that cannot be read or is larger than the bus
 * takes, the first entry the bus refuses, or the first of a call that failed
 * outright is reported, and the stream retries from it, the records after it
 * included; so only the events before it are counted (events relayed and the
 * business metrics they add to), and a retry counts the rest once. Entries
 * after a refused one in the same call may reach the bus twice; every
 * consumer is idempotent by event id.
 */
export function outboxRelayHandler(bus: EventBridgeClient, busName: string) {
  const observed = observability('outbox-relay');
  const { logger } = observed;
  const count = (event: RelayedEvent) => {
    observed.metrics.addMetric(eventsRelayedMetric, MetricUnit.Count, 1);
    for (const metric of businessMetricsOf(event)) {
      observed.metrics.addMetric(metric.name, MetricUnit.Count, metric.value);
    }
  };
  const failure = (sequenceNumber: string): DynamoDBBatchResponse => ({
    batchItemFailures: [{ itemIdentifier: sequenceNumber }],
  });
  const handleBatch = async (batch: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
    const read: ReadRecord[] = [];
    // The first record that cannot go on the bus at all: reported after the ones before it are put.
    let unsendable: string | undefined;
    for (const record of batch.Records) {
      const sequenceNumber = record.dynamodb?.SequenceNumber ?? '';
      try {
        const event = outboxEventOf(record);
        if (!event) continue;
        const entry = entryOf(busName, event);
        if (entrySize(entry) > maxBytesPerPut) {
          withCorrelation(correlationOf(event), () =>
            logger.error('an event is larger than the bus takes; the stream retries, then sets it aside', {
              sequenceNumber,
              bytes: entrySize(entry),
            }),
          );
          unsendable = sequenceNumber;
          break;
        }
        read.push({ sequenceNumber, event, entry });
      } catch (error) {
        logger.error('an outbox record cannot be read as an event', { sequenceNumber, error });
        unsendable = sequenceNumber;
        break;
      }
    }
    for (const run of putRuns(read)) {
      const first = run[0] as ReadRecord;
      let result: PutEventsCommandOutput;
      try {
        result = await bus.send(new PutEventsCommand({ Entries: run.map((r) => r.entry) }));
      } catch (error) {
        // Nothing of this run is known to be on the bus: the stream retries from its first record.
        withCorrelation(correlationOf(first.event), () =>
          logger.error('the bus could not be reached; the stream retries from this event', { error }),
        );
        return failure(first.sequenceNumber);
      }
      const refusedAt = result.FailedEntryCount
        ? run.findIndex(
            (_, i) => result.Entries?.[i]?.ErrorCode !== undefined || !result.Entries?.[i]?.EventId,
          )
        : -1;
      for (const relayed of refusedAt < 0 ? run : run.slice(0, refusedAt)) count(relayed.event);
      if (refusedAt >= 0) {
        const refused = run[refusedAt] as ReadRecord;
        const answer = result.Entries?.[refusedAt];
        withCorrelation(correlationOf(refused.event), () =>
          logger.error('the bus refused an event; the stream retries from it', {
            errorCode: answer?.ErrorCode,
            errorMessage: answer?.ErrorMessage,
          }),
        );
        return failure(refused.sequenceNumber);
      }
    }
    return unsendable === undefined ? { batchItemFailures: [] } : failure(unsendable);
  };
  return observedHandler('outbox-relay', handleBatch, { observability: observed });
}

function entryOf(busName: string, event: RelayedEvent): PutEventsRequestEntry {
  return {
    EventBusName: busName,
    Source: event.source,
    DetailType: event.type,
    Detail: JSON.stringify(event),
    Time: new Date(event.occurredAt),
  };
}
