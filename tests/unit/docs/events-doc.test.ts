import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { allRoutes } from '#api/docs/all-routes';
import { openApiDocument } from '#api/docs/openapi';
import { eventNames } from '#domain/event-catalogue';
import { eventJsonSchema, eventSchemasDir, eventsCatalogueFiles } from '../../../lib/events-catalogue';
import { topology } from '../../../lib/topology';

const root = path.resolve(import.meta.dirname, '../../..');

/** Every value of `key` anywhere in a JSON value. */
function valuesOf(key: string, value: unknown): unknown[] {
  if (Array.isArray(value)) return value.flatMap((item) => valuesOf(key, item));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([k, v]) => (k === key ? [v] : valuesOf(key, v)));
}

describe('the events catalogue in docs/', () => {
  // Finding the producers reads the domain's code with the compiler: seconds, more on a busy machine.
  it('is what `npm run docs:events` writes now', () => {
    // Act
    const files = eventsCatalogueFiles(root, topology);

    // Assess
    const written = readdirSync(path.join(root, eventSchemasDir)).map((file) => `${eventSchemasDir}/${file}`);
    expect(written.toSorted()).toEqual(
      [...files.keys()].filter((file) => file.startsWith(`${eventSchemasDir}/`)).toSorted(),
    );
    for (const [file, content] of files) {
      expect(
        readFileSync(path.join(root, file), 'utf8'),
        `${file} is out of date: run npm run docs:events`,
      ).toBe(content);
    }
  });

  it('refers only to schemas the API document has', () => {
    // Prepare
    const document = JSON.parse(JSON.stringify(openApiDocument(allRoutes)));
    const components = new Set(Object.keys(document.components?.schemas ?? {}));

    // Act
    const named = new Set(eventNames.flatMap((name) => valuesOf('x-api-schema', eventJsonSchema(name))));

    // Assess
    expect(named.size).toBeGreaterThan(10);
    expect([...named].filter((schema) => typeof schema !== 'string' || !components.has(schema))).toEqual([]);
  });
});
