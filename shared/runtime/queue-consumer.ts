import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { Logger } from '@aws-lambda-powertools/logger';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import type { DomainEvent } from '#domain/events';

/** The envelope EventBridge puts on the queue; `detail` is our domain event. */
interface BusEnvelope {
  readonly id: string;
  readonly 'detail-type': string;
  readonly source: string;
  readonly detail: DomainEvent;
}

/**
 * An SQS consumer of domain events: one record at a time, failures reported
 * per record so only those are redelivered (and end in the DLQ after the
 * queue's max receives). `handle` must be idempotent.
 */
export function domainEventConsumer(serviceName: string, handle: (event: DomainEvent) => Promise<void>) {
  const logger = new Logger({ serviceName });
  const processor = new BatchProcessor(EventType.SQS);
  const recordHandler = async (record: SQSRecord) => {
    const envelope = JSON.parse(record.body) as BusEnvelope;
    await handle(envelope.detail);
  };
  return async (event: SQSEvent, context: Context) =>
    processPartialResponse(event, recordHandler, processor, {
      context,
      // Redelivered messages are logged so the DLQ's contents can be explained.
      processInParallel: true,
    }).catch((error: unknown) => {
      logger.error('batch failed', { error: error as Error, size: event.Records.length });
      throw error;
    });
}
