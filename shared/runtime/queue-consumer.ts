import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { withCorrelation } from '#adapters/observability/correlation';
import type { AnyDomainEvent, DomainEventOf, EventName } from '#domain/event-catalogue';
import { EventChecker, type EventsRead } from '#domain/event-check';
import { type BusMessage, readBusMessage } from './bus-message';
import { type Observability, observability, observedHandler } from './observability/observed-handler';

/** The time the invocation has left: a long step stops and hands over before Lambda's timeout. */
export interface InvocationTime {
  remainingMs(): number;
}

/** The ids of events handled by earlier deliveries, for a consumer that keeps them. */
export interface SeenEvents {
  has(eventId: string): Promise<boolean>;
  add(eventId: string): Promise<void>;
}

/** Where the shell says what it skipped and what it refused (a Powertools `Logger`). */
export interface ConsumerLog {
  info(message: string, details: Readonly<Record<string, unknown>>): void;
  warn(message: string, details: Readonly<Record<string, unknown>>): void;
  error(message: string, details: Readonly<Record<string, unknown>>): void;
}

export interface DomainEventConsumer<N extends EventName> {
  readonly serviceName: string;
  /**
   * The definitions of the event types it handles (`pickEvents(accountEvents, [...])`): each
   * is checked against its own; an event of another type of the catalogue is logged and
   * skipped without its payload checked, so the consumer needs no other definition (ADR 0036).
   */
  readonly handles: EventsRead<N>;
  /** Hands the event to the domain. Must be idempotent: a message may come again. */
  readonly handle: (event: DomainEventOf<N>, time: InvocationTime) => Promise<void>;
  /** Without it, only a second delivery within one batch is skipped; the domain handles the rest. */
  readonly seen?: SeenEvents;
  /** The function's logger and metrics, when it uses them itself too; its own otherwise. */
  readonly observability?: Observability;
  /** Where the shell logs (a test's recorder); the observability's logger when absent. */
  readonly logger?: ConsumerLog;
}

/** A message that is not a domain event: no retry can help, so it ends in the dead-letter queue. */
export class UnreadableMessageError extends Error {
  constructor(messageId: string, reason: string, options?: ErrorOptions) {
    super(`message ${messageId} is not a domain event: ${reason}`, options);
    this.name = 'UnreadableMessageError';
  }
}

/** Without a Lambda context (a direct call), an invocation may take as long as Lambda's longest. */
const defaultInvocationMs = 15 * 60 * 1000;

interface Reading<N extends EventName> {
  readonly message: BusMessage<N>;
  /** The message of the same batch that carries the same event and handles it. */
  readonly duplicateOf?: string;
}

/** Every message of the batch read, and each event's first message in the batch found. */
function readBatch<N extends EventName>(
  records: readonly SQSRecord[],
  checker: EventChecker<N>,
): Map<string, Reading<N>> {
  const firstOfEvent = new Map<string, string>();
  const readings = new Map<string, Reading<N>>();
  for (const record of records) {
    const message = readBusMessage(record.body, checker);
    const handled = message.kind === 'event';
    const first = handled ? firstOfEvent.get(message.event.id) : undefined;
    if (handled && first === undefined) firstOfEvent.set(message.event.id, record.messageId);
    readings.set(record.messageId, first === undefined ? { message } : { message, duplicateOf: first });
  }
  return readings;
}

/**
 * The shell of every queue consumer of domain events. Each message is read
 * as the EventBridge envelope of an event of the catalogue; a message that
 * cannot be read (an event of a type it handles that does not match its
 * definition included) is logged with the reason and reported failed, so it
 * ends in the queue's dead-letter queue after its max receives. An event that
 * comes twice in a batch is handled once; one of a type the consumer does not
 * handle is skipped. Failures are reported per message, so only those are
 * delivered again.
 */
export function domainEventConsumer<N extends EventName>(consumer: DomainEventConsumer<N>) {
  const observed = consumer.observability ?? observability(consumer.serviceName);
  // The logger the Lambda context is put on, so the shell's lines carry the function's request id.
  const logger = consumer.logger ?? observed.logger;
  const processor = new BatchProcessor(EventType.SQS);
  const checker = new EventChecker(consumer.handles);

  const handleBatch = async (batch: SQSEvent, context?: Context) => {
    const started = Date.now();
    const time: InvocationTime = {
      // A direct call (a test, a script) gets middy's empty context: no clock of Lambda's to read.
      remainingMs: () =>
        typeof context?.getRemainingTimeInMillis === 'function'
          ? context.getRemainingTimeInMillis()
          : defaultInvocationMs - (Date.now() - started),
    };
    const readings = readBatch(batch.Records, checker);

    const handleRecord = async (record: SQSRecord) => {
      const { message, duplicateOf } = readings.get(record.messageId) ?? {
        message: readBusMessage(record.body, checker),
      };
      if (message.kind === 'unreadable') {
        logger.error('unreadable message refused', { messageId: record.messageId, reason: message.reason });
        throw new UnreadableMessageError(record.messageId, message.reason);
      }
      if (message.kind === 'other') {
        const about = { messageId: record.messageId, eventId: message.event.id, type: message.event.type };
        logger.info('event not handled by this consumer: skipped', about);
        return;
      }
      const { event } = message;
      const about = { messageId: record.messageId, eventId: event.id, type: event.type };
      if (duplicateOf !== undefined) {
        logger.warn('event delivered twice in the batch: handled once', { ...about, handledBy: duplicateOf });
        return;
      }
      if (await consumer.seen?.has(event.id)) {
        logger.info('event handled before: skipped', about);
        return;
      }
      await consumer.handle(event, time);
      await consumer.seen?.add(event.id);
    };

    // Each record's log lines and the events its handling writes carry the record's own correlation.
    const recordHandler = (record: SQSRecord) => {
      const reading = readings.get(record.messageId);
      const event = reading?.message.kind === 'unreadable' ? undefined : reading?.message.event;
      return withCorrelation(eventCorrelation(event, record.messageId), () => handleRecord(record));
    };

    return processPartialResponse(batch, recordHandler, processor, { context }).catch((error: unknown) => {
      logger.error('batch failed', { error, size: batch.Records.length });
      throw error;
    });
  };
  return observedHandler(consumer.serviceName, handleBatch, { observability: observed });
}

/** The correlation of a message: its event's (the event's own id for one written without any), or the message's id. */
export function eventCorrelation(
  event: Pick<AnyDomainEvent, 'id' | 'tenantId' | 'correlationId'> | undefined,
  messageId: string,
) {
  return event === undefined
    ? { correlationId: messageId, messageId }
    : {
        correlationId: event.correlationId ?? event.id,
        tenantId: event.tenantId,
        eventId: event.id,
        messageId,
      };
}
