import * as z from 'zod';
import type { EventSubject, FieldChange, SubjectType, TypedDomainEvent } from './events';
import type { IdGenerator } from './ports';
import type { EventSource } from './service-context';
import type { ChangeContext } from './stamps';

/** One event type: its module's bus source, what it may be about, when it is emitted and what it carries. */
export interface EventDefinition<
  S extends EventSource = EventSource,
  T extends SubjectType = SubjectType,
  D extends z.ZodType = z.ZodType,
> {
  readonly source: S;
  readonly subjects: readonly T[];
  /** When it is emitted, in a line: the events catalogue shows it. */
  readonly when: string;
  /** The payload (`data`). */
  readonly data: D;
}

/** The definitions of some events, by event name. */
export type EventDefinitions<D> = { readonly [N in keyof D]: EventDefinition };

/**
 * Defines the events of one bus source:
 * `const accounts = eventsOf(eventSources.accounts)`, then
 * `accounts({ when, subjects: ['account'], data: z.object({ … }) })` per event.
 */
export function eventsOf<S extends EventSource>(source: S) {
  return <const T extends SubjectType, D extends z.ZodType>(spec: {
    readonly when: string;
    readonly subjects: readonly T[];
    readonly data: D;
  }): EventDefinition<S, T, D> => ({ source, ...spec });
}

/** What the events catalogue knows of an entity carried whole in a payload. */
export interface EntityMeta {
  /** The domain type's name. */
  readonly entity: string;
  /** The field that identifies it, which a reader checks. */
  readonly key: string;
  /** The component of the API's OpenAPI document that shows it, when there is one. */
  readonly apiSchema?: string;
}

/** The entities of payloads, for the events catalogue. */
export const entityRegistry = z.registry<EntityMeta>();

const isRecord = (value: unknown): value is Readonly<Record<string, unknown>> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A whole entity in a payload (an account, a lead, a deal …), typed as its
 * domain type. A reader checks that it is an object with its identifying
 * field (`key`, `id` by default); its shape is the one the emitting module
 * wrote, and the API's schema of the same name (`apiSchema`, the entity's
 * name by default; `false` when the API has none) documents it.
 */
export function entity<T extends object>(
  name: string,
  options: { readonly key?: string; readonly apiSchema?: string | false } = {},
) {
  const key = options.key ?? 'id';
  const apiSchema = options.apiSchema ?? name;
  return z
    .custom<T>((value) => isRecord(value) && value[key] !== undefined, {
      error: `expected ${name} (an object with its ${key})`,
    })
    .register(entityRegistry, { entity: name, key, ...(apiSchema ? { apiSchema } : {}) });
}

/** The event of name `N` among the definitions `D`. */
export type EventOf<D extends EventDefinitions<D>, N extends keyof D & string> = TypedDomainEvent<
  N,
  D[N]['source'],
  D[N]['subjects'][number],
  z.output<D[N]['data']>
>;

/** What the emitting code gives of an event: its subject, its payload and, for an update, the changes. */
export interface EventParts<T extends SubjectType, P> {
  readonly subject: EventSubject<T>;
  readonly data: P;
  readonly changes?: readonly FieldChange[];
}

/**
 * The factory of a module's events: `newAccountEvent(deps, ctx, 'AccountCreated',
 * { subject, data })`, the subject and payload typed by the event's name. The
 * event gets a new id, the definition's source, and the tenant, actor and time
 * of the change.
 */
export function eventFactory<D extends EventDefinitions<D>>(definitions: D) {
  return <N extends keyof D & string>(
    deps: { readonly ids: IdGenerator },
    ctx: ChangeContext,
    name: N,
    parts: EventParts<D[N]['subjects'][number], z.output<D[N]['data']>>,
  ): EventOf<D, N> => ({
    id: deps.ids.next(),
    type: name,
    source: definitions[name].source,
    tenantId: ctx.tenant.id,
    occurredAt: ctx.now.toISOString(),
    actor: { userId: ctx.userId },
    subject: parts.subject,
    ...(parts.changes ? { changes: parts.changes } : {}),
    data: parts.data,
  });
}

/**
 * The definitions of `names` out of one module's events: what a queue
 * consumer reads those events with, without loading the whole catalogue.
 */
export function pickEvents<
  D extends Readonly<Record<string, EventDefinition>>,
  const N extends keyof D & string,
>(definitions: D, names: readonly N[]): Pick<D, N> {
  return Object.fromEntries(names.map((name) => [name, definitions[name]])) as Pick<D, N>;
}

/** The names of some events' definitions, typed as those names. */
export function eventNamesIn<D extends Readonly<Record<string, EventDefinition>>>(
  definitions: D,
): (keyof D & string)[] {
  return Object.keys(definitions) as (keyof D & string)[];
}
