import { docsApi } from '#api/docs/docs-bindings';
import { httpFunction } from '#runtime/http-function';

/** The OpenAPI document and the docs page; no authorizer. */
export const handler = httpFunction('docs-api', docsApi);
