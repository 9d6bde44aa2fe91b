import * as z from 'zod';
import type { AnyDomainEvent } from '#domain/event-catalogue';
import { readDomainEvent } from '#domain/event-reading';

/** The envelope EventBridge puts on a queue; `detail` is the domain event. */
const busEnvelope = z.object({
  id: z.string().min(1),
  'detail-type': z.string().min(1),
  source: z.string().min(1),
  detail: z.unknown(),
});

export type BusMessage =
  | { readonly ok: true; readonly event: AnyDomainEvent }
  | { readonly ok: false; readonly reason: string };

function parseJson(body: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch {
    return { ok: false };
  }
}

/**
 * The domain event in an SQS message from the bus: the envelope, the event
 * in it (an event type of the catalogue, its payload checked by its schema),
 * and the envelope's detail-type and source the event's own. Anything else
 * is unreadable, with the reason.
 */
export function readBusMessage(body: string): BusMessage {
  const json = parseJson(body);
  if (!json.ok) return { ok: false, reason: 'the body is not JSON' };
  const envelope = busEnvelope.safeParse(json.value);
  if (!envelope.success) {
    const fields = envelope.error.issues.map((issue) => issue.path.join('.') || '(body)');
    return {
      ok: false,
      reason: `not an EventBridge envelope: ${[...new Set(fields)].join(', ')} missing or invalid`,
    };
  }
  const read = readDomainEvent(envelope.data.detail);
  if (!read.ok) return read;
  const { event } = read;
  if (envelope.data['detail-type'] !== event.type || envelope.data.source !== event.source) {
    return {
      ok: false,
      reason: `the envelope says ${envelope.data.source} ${envelope.data['detail-type']}, its event is ${event.source} ${event.type}`,
    };
  }
  return read;
}
