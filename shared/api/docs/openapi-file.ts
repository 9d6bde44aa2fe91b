import { readFileSync } from 'node:fs';

/**
 * The OpenAPI document as `npm run docs:openapi` wrote it from the routes'
 * zod schemas (see `openapi.ts`). It lies beside this module here, and beside
 * the bundle in Lambda (the topology's `projectFiles`), so it is found by
 * this one name both ways; it is read, not imported, so that its megabyte of
 * JSON stays out of the bundle's code.
 */
export const openApiFileName = 'openapi.json';

/** Its path from the project root, where the generator writes it. */
export const openApiFilePath = `shared/api/docs/${openApiFileName}`;

export function readOpenApiDocument(): unknown {
  return JSON.parse(readFileSync(new URL(`./${openApiFileName}`, import.meta.url), 'utf8'));
}
