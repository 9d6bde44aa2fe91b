import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { eventSchemasDir, eventsCatalogueFiles } from '../lib/events-catalogue';
import { topology } from '../lib/topology';

/**
 * Writes the events catalogue: `docs/events.md`, one JSON Schema per event in
 * `docs/events/`, and the list of the events' names the queue consumers read.
 */
const root = path.resolve(import.meta.dirname, '..');
const files = eventsCatalogueFiles(root, topology);
mkdirSync(path.join(root, eventSchemasDir), { recursive: true });
for (const stale of readdirSync(path.join(root, eventSchemasDir))) {
  if (!files.has(`${eventSchemasDir}/${stale}`)) rmSync(path.join(root, eventSchemasDir, stale));
}
for (const [file, content] of files) writeFileSync(path.join(root, file), content);
console.log(`wrote ${files.size} files of the events catalogue`);
