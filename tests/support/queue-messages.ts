import type { SQSEvent, SQSRecord } from 'aws-lambda';
import type { DomainEventOf, EventName } from '#domain/event-catalogue';
import { isEventOf } from '#domain/event-narrowing';
import { readDomainEvent } from '#domain/event-reading';

/** An event read as a consumer receives it: of the catalogue and of one of `names`; throws otherwise. */
export function receivedEvent<N extends EventName>(value: unknown, names: readonly N[]): DomainEventOf<N> {
  const read = readDomainEvent(value);
  if (!read.ok) throw new Error(read.reason);
  if (!isEventOf(read.event, names)) throw new Error(`${read.event.type} is not one of ${names.join(', ')}`);
  return read.event;
}

/** What EventBridge puts on a queue for an event: its envelope, the event as its detail. */
export function busEnvelope(event: { readonly id: string; readonly type: string; readonly source: string }) {
  return {
    version: '0',
    id: `bus-${event.id}`,
    'detail-type': event.type,
    source: event.source,
    account: '000000000000',
    time: new Date().toISOString(),
    region: 'local',
    resources: [],
    detail: event,
  };
}

/** An SQS record with `body`; `messageId` names it in the batch's failures. */
export function sqsRecord(messageId: string, body: string): SQSRecord {
  return {
    messageId,
    receiptHandle: `receipt-${messageId}`,
    body,
    attributes: {
      ApproximateReceiveCount: '1',
      SentTimestamp: '0',
      SenderId: 'local',
      ApproximateFirstReceiveTimestamp: '0',
    },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:local:000000000000:queue',
    awsRegion: 'local',
  };
}

/** A batch of records as SQS hands it to a function. */
export const sqsEvent = (...records: SQSRecord[]): SQSEvent => ({ Records: records });
