import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import * as z from 'zod';
import { withCorrelation } from '#adapters/observability/correlation';
import type { MailFeedbackRecorder } from '#domain/newsletters/mail-feedback';
import { messageJson } from './message-json';

/** What EventBridge puts on the queue for an AWS service's event: SES's record is `detail`. */
const awsEnvelope = z.object({ id: z.string().min(1), source: z.literal('aws.ses'), detail: z.unknown() });

/**
 * The mail-feedback queue's consumer: SES's delivery events from the default
 * bus. Each is recorded once per event id; one that is not an SES event is
 * refused and ends in the dead-letter queue.
 */
export function mailFeedbackConsumer(deps: {
  readonly recorder: Pick<MailFeedbackRecorder, 'record'>;
  readonly logger: Pick<Logger, 'error'>;
  readonly now?: () => Date;
}) {
  const processor = new BatchProcessor(EventType.SQS);
  const handleRecord = async (record: SQSRecord) => {
    const envelope = awsEnvelope.safeParse(messageJson(record.body));
    if (!envelope.success) {
      deps.logger.error('not an SES event', { messageId: record.messageId });
      throw new Error(`message ${record.messageId} is not an SES event from EventBridge`);
    }
    // SES's event id is what its story is found by (the event's own id on the default bus).
    const correlation = {
      correlationId: envelope.data.id,
      eventId: envelope.data.id,
      messageId: record.messageId,
    };
    await withCorrelation(correlation, () =>
      deps.recorder.record(envelope.data.id, envelope.data.detail, deps.now?.() ?? new Date()),
    );
  };
  return (batch: SQSEvent, context?: Context) =>
    processPartialResponse(batch, handleRecord, processor, { context });
}
