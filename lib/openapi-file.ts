import { allRoutes } from '#api/docs/all-routes';
import { openApiDocument } from '#api/docs/openapi';
import { formattedJson } from './formatted-json';

/**
 * What `npm run docs:openapi` writes: the document of every route, as plain
 * JSON. The docs function serves that file as it is: building the document
 * at run time would put every route's schemas, and zod's JSON Schema
 * conversion, into its bundle and its cold start.
 */
export function openApiFileContent(): string {
  return `${formattedJson(JSON.parse(JSON.stringify(openApiDocument(allRoutes))))}\n`;
}
