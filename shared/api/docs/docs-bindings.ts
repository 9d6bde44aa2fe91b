import { type BoundRoute, bind } from '#http/route';
import { docsPage, docsSetup } from './docs-page';
import { docsRoutes as r } from './docs-routes';
import { readOpenApiDocument } from './openapi-file';
import { readPackageFile, swaggerUiFiles } from './swagger-ui-assets';

/** Swagger UI's files change only with the package: browsers may keep them for a day. */
const cached = { 'cache-control': 'public, max-age=86400' };

/** A value made on its first use and kept: each is the same for every request. */
function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => {
    made ??= { value: make() };
    return made.value;
  };
}

/**
 * The document (generated at build time) and Swagger UI's files are read on
 * their first request, once per container, so that a cold start reads none
 * of their megabytes.
 */
export function docsApi(): BoundRoute[] {
  const document = once(readOpenApiDocument);
  const stylesheet = once(() => readPackageFile(swaggerUiFiles.stylesheet));
  const script = once(() => readPackageFile(swaggerUiFiles.script));
  return [
    bind(r.getOpenApi, async () => ({ body: document() })),
    bind(r.getDocs, async () => ({ body: docsPage })),
    bind(r.getDocsStylesheet, async () => ({ body: stylesheet(), headers: cached })),
    bind(r.getDocsScript, async () => ({ body: script(), headers: cached })),
    bind(r.getDocsSetup, async () => ({ body: docsSetup })),
  ];
}
