import * as z from 'zod';
import type { DomainEventOf, EventName } from '#domain/event-catalogue';
import { type EventChecker, readEventFields, readEventHead } from '#domain/event-check';
import { catalogueEventNames } from '#domain/event-names';
import { messageJson } from './message-json';

/** The envelope EventBridge puts on a queue; `detail` is the domain event. */
const busEnvelope = z.object({
  id: z.string().min(1),
  'detail-type': z.string().min(1),
  source: z.string().min(1),
  detail: z.unknown(),
});

/**
 * What is read of an event of a type the reader does not handle, without its
 * definition: enough to skip it with its correlation, and to hold its
 * envelope to it.
 */
const otherEvent = z.object({
  id: z.string().min(1),
  type: z.string(),
  source: z.string(),
  tenantId: z.string().min(1),
  correlationId: z.string().min(1).max(128).optional(),
});
export type OtherEvent = z.infer<typeof otherEvent>;

/** A queue message from the bus: an event the reader handles, checked; one of another type; or neither. */
export type BusMessage<N extends EventName> =
  | { readonly kind: 'event'; readonly event: DomainEventOf<N> }
  | { readonly kind: 'other'; readonly event: OtherEvent }
  | { readonly kind: 'unreadable'; readonly reason: string };

const unreadable = (reason: string) => ({ kind: 'unreadable', reason }) as const;

/**
 * The domain event in an SQS message from the bus. An event of a type the
 * checker reads is checked whole (its payload by its schema); one of another
 * type of the catalogue only by its envelope fields, as the reader skips it
 * without its definition. Either way the envelope's detail-type and source
 * must be the event's own. Anything else, a type the catalogue does not know
 * included, is unreadable, with the reason.
 */
export function readBusMessage<N extends EventName>(body: string, checker: EventChecker<N>): BusMessage<N> {
  const json = messageJson(body);
  if (json === undefined) return unreadable('the body is not JSON');
  const envelope = busEnvelope.safeParse(json);
  if (!envelope.success) {
    const fields = envelope.error.issues.map((issue) => issue.path.join('.') || '(body)');
    return unreadable(`not an EventBridge envelope: ${[...new Set(fields)].join(', ')} missing or invalid`);
  }
  const { detail } = envelope.data;
  const head = readEventHead(detail);
  if (!head.ok) return unreadable(head.reason);
  const { type } = head.event;
  if (checker.reads(type)) {
    const read = checker.check(type, detail);
    if (!read.ok) return unreadable(read.reason);
    const mismatch = envelopeMismatch(envelope.data, read.event);
    return mismatch ? unreadable(mismatch) : { kind: 'event', event: read.event };
  }
  if (!catalogueEventNames.has(type)) return unreadable(`unknown event type ${JSON.stringify(type)}`);
  const other = readEventFields(otherEvent, detail);
  if (!other.ok) return unreadable(other.reason);
  const mismatch = envelopeMismatch(envelope.data, other.event);
  return mismatch ? unreadable(mismatch) : { kind: 'other', event: other.event };
}

/** Why the envelope does not carry its event (another detail-type or source), or undefined. */
function envelopeMismatch(
  envelope: { readonly source: string; readonly 'detail-type': string },
  event: { readonly source: string; readonly type: string },
): string | undefined {
  if (envelope['detail-type'] === event.type && envelope.source === event.source) return undefined;
  return `the envelope says ${envelope.source} ${envelope['detail-type']}, its event is ${event.source} ${event.type}`;
}
