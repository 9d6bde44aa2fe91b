import * as z from 'zod';
import { type AnyDomainEvent, type EventName, eventCatalogue, isEventName } from './event-catalogue';
import type { EventDefinition } from './event-definition';

const fieldChange = z.object({ field: z.string().min(1), from: z.unknown(), to: z.unknown() });

/** The schema of a whole event of one type: the envelope with the type's source, subjects and payload. */
function schemaOf(name: EventName, definition: EventDefinition) {
  return z.object({
    /** A ULID: consumers de-duplicate on it. */
    id: z.string().min(1),
    type: z.literal(name),
    source: z.literal(definition.source),
    tenantId: z.string().min(1),
    occurredAt: z.iso.datetime({ offset: true }),
    actor: z.object({ userId: z.string().min(1) }),
    subject: z.object({
      type: z.enum(definition.subjects),
      id: z.string().min(1),
      accountId: z.string().min(1).optional(),
      previousAccountId: z.string().min(1).optional(),
    }),
    changes: z.array(fieldChange).readonly().optional(),
    data: definition.data,
    correlationId: z.string().min(1).max(128).optional(),
  });
}

const schemas = new Map<EventName, z.ZodType>();

/** The zod schema of an event of type `name`; the events catalogue's JSON Schema comes from it. */
export function eventSchema(name: EventName): z.ZodType {
  const known = schemas.get(name);
  if (known) return known;
  const schema = schemaOf(name, eventCatalogue[name]);
  schemas.set(name, schema);
  return schema;
}

const head = z.object({ type: z.string() });

/** Zod's issues on one line, for a log. */
function describe(error: z.ZodError): string {
  return error.issues
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

/** Why `value` is not an event of the catalogue, or undefined when it is one. */
export function eventProblem(value: unknown): string | undefined {
  const typed = head.safeParse(value);
  if (!typed.success) return `not a domain event: ${describe(typed.error)}`;
  const { type } = typed.data;
  if (!isEventName(type)) return `unknown event type ${JSON.stringify(type)}`;
  const event = eventSchema(type).safeParse(value);
  return event.success ? undefined : `not a valid ${type} event: ${describe(event.error)}`;
}

/** An event of the catalogue: the envelope, the type's source and subject, and its payload, checked. */
export function isDomainEvent(value: unknown): value is AnyDomainEvent {
  return eventProblem(value) === undefined;
}

export type EventReading =
  | { readonly ok: true; readonly event: AnyDomainEvent }
  | { readonly ok: false; readonly reason: string };

/** `value` as an event of the catalogue, or the reason it is not one. */
export function readDomainEvent(value: unknown): EventReading {
  if (isDomainEvent(value)) return { ok: true, event: value };
  return { ok: false, reason: eventProblem(value) ?? 'not a domain event' };
}
