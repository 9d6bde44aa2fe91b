import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import * as z from 'zod';
import { withCorrelation } from '#adapters/observability/correlation';
import { EventChecker } from '#domain/event-check';
import { pickEvents } from '#domain/event-definition';
import { newsletterEvents } from '#domain/newsletters/newsletter-events';
import type { NewsletterSending } from '#domain/newsletters/newsletter-sending';
import { readBusMessage } from './bus-message';
import { messageJson } from './message-json';
import { eventCorrelation } from './queue-consumer';

const id = z.string().min(1).max(64);
/** The sender's own messages: a page of recipients, or a scheduled start its schedule put there. */
const senderMessage = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('page'),
    tenantId: id,
    newsletterId: id,
    reviewId: id,
    first: id,
    retries: z.int().min(0).optional(),
    correlationId: z.string().min(1).max(128).optional(),
  }),
  z.strictObject({
    kind: z.literal('start'),
    tenantId: id,
    newsletterId: id,
    at: z.iso.datetime(),
    correlationId: z.string().min(1).max(128).optional(),
  }),
]);

/** The bus's events the sender fans out: a send started, or resumed after a pause. */
const sendEvents = new EventChecker(
  pickEvents(newsletterEvents, ['NewsletterSendStarted', 'NewsletterResumed']),
);

/** Without a Lambda context (a direct call), the time of the function's timeout. */
const defaultInvocationMs = 300_000;

/**
 * The newsletter-sends queue's consumer. A message is a send started or
 * resumed (the domain event, from the bus: the pages are fanned out), a
 * scheduled start (from the schedule), or a page to send. Anything else is
 * refused and ends in the dead-letter queue; each is idempotent, so a
 * redelivery sends nobody twice.
 */
export function newsletterSenderConsumer(deps: {
  readonly sending: Pick<NewsletterSending, 'fanOut' | 'startScheduled' | 'sendPage'>;
  readonly logger: Pick<Logger, 'info' | 'error'>;
}) {
  const processor = new BatchProcessor(EventType.SQS);
  return (batch: SQSEvent, context?: Context) => {
    const started = Date.now();
    const budget = {
      // A direct call (a test, a script) gets middy's empty context: no clock of Lambda's to read.
      remaining: () =>
        typeof context?.getRemainingTimeInMillis === 'function'
          ? context.getRemainingTimeInMillis()
          : defaultInvocationMs - (Date.now() - started),
    };
    const handleRecord = async (record: SQSRecord) => {
      const own = senderMessage.safeParse(messageJson(record.body));
      if (own.success) {
        const message = own.data;
        const correlation = {
          // The id of the request that started the send, carried by every page; the message's own before there was one.
          correlationId: message.correlationId ?? record.messageId,
          tenantId: message.tenantId,
          messageId: record.messageId,
        };
        if (message.kind === 'start')
          return withCorrelation(correlation, () => deps.sending.startScheduled(message));
        return withCorrelation(correlation, () => deps.sending.sendPage(message, budget));
      }
      const bus = readBusMessage(record.body, sendEvents);
      if (bus.kind === 'event') {
        const { event } = bus;
        return withCorrelation(eventCorrelation(event, record.messageId), () =>
          deps.sending.fanOut(event.tenantId, event.subject.id),
        );
      }
      const reason = bus.kind === 'other' ? `the event ${bus.event.type} is not the sender's` : bus.reason;
      deps.logger.error('not a newsletter send message', { messageId: record.messageId, reason });
      throw new Error(`message ${record.messageId} is not a newsletter send message: ${reason}`);
    };
    return processPartialResponse(batch, handleRecord, processor, { context });
  };
}
