import { type BoundRoute, bind } from '#http/route';
import { allRoutes } from './all-routes';
import { docsPage, docsSetup } from './docs-page';
import { docsRoutes as r } from './docs-routes';
import { openApiDocument } from './openapi';
import { readPackageFile, swaggerUiFiles } from './swagger-ui-assets';

/** Swagger UI's files change only with the package: browsers may keep them for a day. */
const cached = { 'cache-control': 'public, max-age=86400' };

/** The document, the page and its files are the same for every request: made once per container. */
export function docsApi(): BoundRoute[] {
  const document = openApiDocument(allRoutes);
  const stylesheet = readPackageFile(swaggerUiFiles.stylesheet);
  const script = readPackageFile(swaggerUiFiles.script);
  return [
    bind(r.getOpenApi, async () => ({ body: document })),
    bind(r.getDocs, async () => ({ body: docsPage })),
    bind(r.getDocsStylesheet, async () => ({ body: stylesheet, headers: cached })),
    bind(r.getDocsScript, async () => ({ body: script, headers: cached })),
    bind(r.getDocsSetup, async () => ({ body: docsSetup })),
  ];
}
