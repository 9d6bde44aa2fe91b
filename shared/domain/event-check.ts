import * as z from 'zod';
import type { DomainEventOf, EventName, eventCatalogue } from './event-catalogue';
import type { EventDefinition } from './event-definition';

/**
 * The definitions a reader checks events with, by event name, each the
 * catalogue's own for its name: the whole catalogue, or the few types a
 * consumer handles. A reader given only its own types does not load every
 * module's event definitions.
 */
export type EventsRead<N extends EventName> = { readonly [K in N]: (typeof eventCatalogue)[K] };

export type EventReading<E> =
  | { readonly ok: true; readonly event: E }
  | { readonly ok: false; readonly reason: string };

const fieldChange = z.object({ field: z.string().min(1), from: z.unknown(), to: z.unknown() });

/** The schema of a whole event of one type: the envelope with the type's source, subjects and payload. */
function schemaOf(name: string, definition: EventDefinition) {
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

/** Zod's issues on one line, for a log. */
function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

/** What every event has, read before its type is known. */
const head = z.object({ id: z.string().min(1), type: z.string() });

/** The fields `schema` reads of `value`, or why `value` is not a domain event at all. */
export function readEventFields<S extends z.ZodType>(schema: S, value: unknown): EventReading<z.output<S>> {
  const read = schema.safeParse(value);
  return read.success
    ? { ok: true, event: read.data }
    : { ok: false, reason: `not a domain event: ${describeIssues(read.error)}` };
}

/** The id and type of `value`, or why it is not an event at all. */
export function readEventHead(value: unknown): EventReading<z.infer<typeof head>> {
  return readEventFields(head, value);
}

/**
 * Reads events of the types `definitions` names, each checked whole against
 * its type's schema (built when the first event of the type is read).
 */
export class EventChecker<N extends EventName> {
  private readonly schemas = new Map<string, z.ZodType>();

  constructor(private readonly definitions: EventsRead<N>) {}

  /** Whether `type` is one of the types this checker reads. */
  reads(type: string): type is N {
    return Object.hasOwn(this.definitions, type);
  }

  /** The zod schema of an event of type `name`. */
  schema(name: N): z.ZodType {
    const known = this.schemas.get(name);
    if (known) return known;
    const schema = schemaOf(name, this.definitions[name]);
    this.schemas.set(name, schema);
    return schema;
  }

  /** `value` as an event of one of the types, or why it is not one. */
  read(value: unknown): EventReading<DomainEventOf<N>> {
    const headRead = readEventHead(value);
    if (!headRead.ok) return headRead;
    const { type } = headRead.event;
    if (!this.reads(type)) return { ok: false, reason: `unknown event type ${JSON.stringify(type)}` };
    return this.check(type, value);
  }

  /** `value`, whose type its head says is `type`, checked whole against that type's schema. */
  check(type: N, value: unknown): EventReading<DomainEventOf<N>> {
    const event = this.schema(type).safeParse(value);
    // The event as it came, not zod's copy of it: a field a newer writer added is kept.
    return event.success
      ? { ok: true, event: value as DomainEventOf<N> }
      : { ok: false, reason: `not a valid ${type} event: ${describeIssues(event.error)}` };
  }
}
