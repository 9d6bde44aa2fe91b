import * as z from 'zod';
import { type EventName, eventCatalogue, eventModules, eventNames } from '#domain/event-catalogue';
import { entityRegistry } from '#domain/event-definition';
import { eventSchema } from '#domain/event-reading';
import { type EventProducer, eventProducers } from './event-producers';
import { formattedJson } from './formatted-json';
import type { Topology } from './topology-types';

/** Where the catalogue is written, relative to the project root. */
export const eventsDocFile = 'docs/events.md';
export const eventSchemasDir = 'docs/events';
export const eventNamesFile = 'shared/domain/event-names.ts';

type JsonSchema = { readonly [key: string]: unknown };

const isSchema = (value: unknown): value is JsonSchema =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The JSON Schema of an event: its envelope, subject and payload. A whole
 * entity in the payload names its domain type (`x-entity`) and the API's
 * schema that shows it (`x-api-schema`, a component of `GET /openapi.json`).
 */
export function eventJsonSchema(name: EventName): JsonSchema {
  const { $schema, ...schema } = z.toJSONSchema(eventSchema(name), {
    io: 'input',
    unrepresentable: 'any',
    override: ({ zodSchema, jsonSchema }) => {
      // A list is read-only in the code; on the bus it is just a list.
      Reflect.deleteProperty(jsonSchema, 'readOnly');
      const entity = entityRegistry.get(zodSchema);
      if (!entity) return;
      Object.assign(jsonSchema, {
        type: 'object',
        required: [entity.key],
        description: entity.apiSchema
          ? `The ${entity.entity}, as the API's schema ${entity.apiSchema} shows it (components.schemas.${entity.apiSchema} of GET /openapi.json).`
          : `The ${entity.entity}, as the domain module keeps it (the API has no single schema of it).`,
        'x-entity': entity.entity,
        ...(entity.apiSchema ? { 'x-api-schema': entity.apiSchema } : {}),
      });
    },
  });
  return { $schema, title: name, description: `${capitalised(eventCatalogue[name].when)}.`, ...schema };
}

const capitalised = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
const code = (text: string) => `\`${text}\``;

/** A field's type in a line: an entity by name, a choice of values, a list, an object by its fields. */
function typeOf(schema: JsonSchema): string {
  if (typeof schema['x-entity'] === 'string') {
    const api = schema['x-api-schema'];
    return typeof api === 'string'
      ? `${schema['x-entity']} (API schema ${code(api)})`
      : `${schema['x-entity']}`;
  }
  if (schema.const !== undefined) return code(JSON.stringify(schema.const));
  if (Array.isArray(schema.enum))
    return `one of ${schema.enum.map((value) => code(JSON.stringify(value))).join(', ')}`;
  if (schema.type === 'array' && isSchema(schema.items)) return `list of ${typeOf(schema.items)}`;
  if (schema.type === 'object' && isSchema(schema.properties)) {
    const required = new Set(Array.isArray(schema.required) ? schema.required : []);
    const fields = Object.keys(schema.properties).map((field) => (required.has(field) ? field : `${field}?`));
    return `object (${fields.join(', ')})`;
  }
  if (schema.format === 'date-time') return 'date-time';
  return typeof schema.type === 'string' ? schema.type : 'any value';
}

/** The payload's fields, one line each. */
function payloadLines(schema: JsonSchema): string[] {
  const data = isSchema(schema.properties) ? schema.properties.data : undefined;
  if (!isSchema(data) || !isSchema(data.properties)) return [];
  const required = new Set(Array.isArray(data.required) ? data.required : []);
  return Object.entries(data.properties).map(
    ([field, type]) =>
      `  - ${code(field)}${required.has(field) ? '' : ' (optional)'}: ${isSchema(type) ? typeOf(type) : 'any value'}`,
  );
}

/** The functions that receive an event: rule → queue → function. */
function consumerLines(name: EventName, topology: Topology): string[] {
  const { source } = eventCatalogue[name];
  return topology.rules
    .filter((rule) => rule.sources.includes(source) && (!rule.detailTypes || rule.detailTypes.includes(name)))
    .map((rule) => {
      const functions = topology.functions.filter(
        (fn) => fn.trigger.kind === 'queue' && fn.trigger.queue === rule.targetQueue,
      );
      return `  - ${functions.map((fn) => code(fn.name)).join(', ')}: rule ${code(rule.name)} → queue ${code(rule.targetQueue)}`;
    });
}

const producerLine = (p: EventProducer) => `  - ${code(p.fn)} in ${code(`shared/domain/${p.file}`)}`;

function moduleOf(name: EventName): string {
  const found = Object.entries(eventModules).find(([, events]) => Object.hasOwn(events, name));
  return found ? found[0] : '(none)';
}

function eventSection(name: EventName, producers: readonly EventProducer[], topology: Topology): string[] {
  const definition = eventCatalogue[name];
  const consumers = consumerLines(name, topology);
  return [
    `### ${name}`,
    '',
    `${capitalised(definition.when)}.`,
    '',
    `- source: ${code(definition.source)}; module: ${code(moduleOf(name))}; subject: ${definition.subjects.map(code).join(' or ')}`,
    `- payload ([JSON Schema](events/${name}.json)):`,
    ...payloadLines(eventJsonSchema(name)),
    '- emitted by:',
    ...(producers.length > 0 ? producers.map(producerLine) : ['  - nothing yet']),
    '- received by:',
    ...(consumers.length > 0 ? consumers : ['  - no consumer']),
    '',
  ];
}

const envelope = `Every domain event is written to the outbox in the same transaction as the change it describes, relayed from the table stream to the EventBridge bus, and delivered by the topology's rules to the queues of its consumers, at least once. On the bus, \`source\` is the module's source and \`detail-type\` the event's name; \`detail\` is the event: \`id\` (a ULID; consumers de-duplicate on it), \`type\`, \`source\`, \`tenantId\`, \`occurredAt\`, \`actor.userId\`, \`subject\` (\`type\`, \`id\`, and \`accountId\` for what belongs to an account, \`previousAccountId\` when a contact left one, \`caseId\` for a work order made from a case), \`changes\` (\`field\`, \`from\`, \`to\`) on updates, \`data\`, the payload below, and \`correlationId\`, the id of the request or job whose change it is (the caller's \`X-Correlation-Id\`, or API Gateway's request id), which the events its consumers write carry on. A consumer checks each event of a type it handles against this catalogue and refuses one that does not match it; it skips an event of another type of the catalogue, and refuses a message that is no event of it.`;

/** `docs/events.md`: every event with its source, subject, payload, producers and consumers. */
function eventsDoc(root: string, topology: Topology): string {
  const producers = eventProducers(root);
  const byModule = Object.entries(eventModules).map(([module, events]) => ({
    module,
    names: eventNames.filter((name) => Object.hasOwn(events, name)),
  }));
  return [
    '# Domain events',
    '',
    '<!-- Written by `npm run docs:events` from the events catalogue (`shared/domain/event-catalogue.ts`) and the topology; a test fails when it is out of date. -->',
    '',
    envelope,
    '',
    ...byModule.flatMap(({ module, names }) => [
      `## ${module}`,
      '',
      ...names.flatMap((name) => eventSection(name, producers.get(name) ?? [], topology)),
    ]),
  ].join('\n');
}

/** The names of the catalogue's events alone, for the queue consumers (ADR 0036). */
function eventNamesSource(): string {
  return [
    '// Written by `npm run docs:events` from the events catalogue; a test fails when it is out of date.',
    "import type { EventName } from './event-catalogue';",
    '',
    '/**',
    ' * The name of every event type of the catalogue, without the definitions: a',
    ' * queue consumer loads the definitions of the events it handles only, and',
    ' * tells an event of another type from a message of no known type with this.',
    ' */',
    'export const catalogueEventNames: ReadonlySet<string> = new Set<EventName>([',
    ...eventNames.map((name) => `  '${name}',`),
    ']);',
    '',
  ].join('\n');
}

/** Every file of the catalogue, by its path from the project root, with the content `npm run docs:events` writes. */
export function eventsCatalogueFiles(root: string, topology: Topology): Map<string, string> {
  const files = new Map<string, string>([
    [eventsDocFile, eventsDoc(root, topology)],
    [eventNamesFile, eventNamesSource()],
  ]);
  for (const name of eventNames) {
    files.set(`${eventSchemasDir}/${name}.json`, `${formattedJson(eventJsonSchema(name))}\n`);
  }
  return files;
}
