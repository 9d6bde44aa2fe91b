import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import type { Context, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { relayOutboxRecord } from '#runtime/outbox-relay';

const bus = new EventBridgeClient({});
const busName = process.env.EVENT_BUS_NAME ?? 'default';
const processor = new BatchProcessor(EventType.DynamoDBStreams);

const relay = (record: DynamoDBRecord) => relayOutboxRecord(bus, busName, record);

/** Table stream (outbox inserts only, by the mapping's filter) → the domain event bus. */
export const handler = (event: DynamoDBStreamEvent, context: Context) =>
  processPartialResponse(event, relay, processor, { context });
