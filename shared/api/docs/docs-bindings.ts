import { type BoundRoute, bind } from '#http/route';
import { allRoutes } from './all-routes';
import { docsPage } from './docs-page';
import { docsRoutes } from './docs-routes';
import { openApiDocument } from './openapi';

/** The document is the same for every request: build it once per container. */
export function docsApi(): BoundRoute[] {
  const document = openApiDocument(allRoutes);
  const page = docsPage(document);
  return [
    bind(docsRoutes.getOpenApi, async () => ({ body: document })),
    bind(docsRoutes.getDocs, async () => ({ body: page })),
  ];
}
