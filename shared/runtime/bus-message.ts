import * as z from 'zod';
import type { DomainEventOf, EventName } from '#domain/event-catalogue';
import { type EventChecker, readEventHead } from '#domain/event-check';
import { catalogueEventNames } from '#domain/event-names';

/** The envelope EventBridge puts on a queue; `detail` is the domain event. */
const busEnvelope = z.object({
  id: z.string().min(1),
  'detail-type': z.string().min(1),
  source: z.string().min(1),
  detail: z.unknown(),
});

/** A queue message from the bus: an event the reader handles, checked; one of another type; or neither. */
export type BusMessage<N extends EventName> =
  | { readonly kind: 'event'; readonly event: DomainEventOf<N> }
  | { readonly kind: 'other'; readonly id: string; readonly type: string }
  | { readonly kind: 'unreadable'; readonly reason: string };

const unreadable = (reason: string) => ({ kind: 'unreadable', reason }) as const;

function parseJson(body: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch {
    return { ok: false };
  }
}

/**
 * The domain event in an SQS message from the bus. An event of a type the
 * checker reads is checked whole (its payload by its schema, the envelope's
 * detail-type and source its own); one of another type of the catalogue is
 * only named, as the reader skips it without its definition. Anything else,
 * a type the catalogue does not know included, is unreadable, with the reason.
 */
export function readBusMessage<N extends EventName>(body: string, checker: EventChecker<N>): BusMessage<N> {
  const json = parseJson(body);
  if (!json.ok) return unreadable('the body is not JSON');
  const envelope = busEnvelope.safeParse(json.value);
  if (!envelope.success) {
    const fields = envelope.error.issues.map((issue) => issue.path.join('.') || '(body)');
    return unreadable(`not an EventBridge envelope: ${[...new Set(fields)].join(', ')} missing or invalid`);
  }
  const head = readEventHead(envelope.data.detail);
  if (!head.ok) return unreadable(head.reason);
  const { id, type } = head.event;
  if (!checker.reads(type)) {
    return catalogueEventNames.has(type)
      ? { kind: 'other', id, type }
      : unreadable(`unknown event type ${JSON.stringify(type)}`);
  }
  const read = checker.read(envelope.data.detail);
  if (!read.ok) return unreadable(read.reason);
  const { event } = read;
  if (envelope.data['detail-type'] !== event.type || envelope.data.source !== event.source) {
    return unreadable(
      `the envelope says ${envelope.data.source} ${envelope.data['detail-type']}, its event is ${event.source} ${event.type}`,
    );
  }
  return { kind: 'event', event };
}
