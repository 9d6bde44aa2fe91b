import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { openApiFilePath } from '#api/docs/openapi-file';
import { openApiFileContent } from '../lib/openapi-file';

/**
 * `npm run docs:openapi`: writes the OpenAPI document the docs function
 * serves, from the routes' zod schemas. A unit test fails while the file and
 * the routes differ.
 */
const root = path.resolve(import.meta.dirname, '..');
writeFileSync(path.join(root, openApiFilePath), openApiFileContent());
console.log(`Wrote ${openApiFilePath}.`);
