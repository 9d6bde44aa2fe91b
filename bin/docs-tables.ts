import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { tableEntities } from '#table/catalogue';
import { withGeneratedTables } from '#table/core/entity-docs';

/**
 * `npm run docs:tables`: writes the item and access-pattern tables of
 * docs/architecture.md from the entity definitions. A unit test fails while
 * the document and the definitions differ.
 */

const doc = path.resolve(import.meta.dirname, '../docs/architecture.md');
writeFileSync(doc, withGeneratedTables(readFileSync(doc, 'utf8'), tableEntities));
console.log(`Wrote the item and access-pattern tables of ${path.relative(process.cwd(), doc)}.`);
