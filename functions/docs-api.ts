import { docsApi } from '../shared/api/docs-api';
import { httpFunction } from '../shared/runtime/http-function';

/** The OpenAPI document and the docs page; no authorizer. */
export const handler = httpFunction('docs-api', docsApi);
