import * as z from 'zod';
import { defineRoute } from '#http/route';
import { docsPaths } from './docs-page';

const javascript = 'text/javascript; charset=utf-8';

export const docsRoutes = {
  getOpenApi: defineRoute({
    operationId: 'getOpenApi',
    method: 'GET',
    path: docsPaths.document,
    summary: 'This API as an OpenAPI 3.1 document',
    tag: 'Docs',
    permission: 'public',
    success: { status: 200, description: 'The OpenAPI document', schema: z.object({}).passthrough() },
    errors: [],
  }),
  getDocs: defineRoute({
    operationId: 'getDocs',
    method: 'GET',
    path: docsPaths.page,
    summary: 'The API reference: every operation with its schemas and examples, and try-it with your token',
    tag: 'Docs',
    permission: 'public',
    success: { status: 200, description: 'HTML', contentType: 'text/html; charset=utf-8' },
    errors: [],
  }),
  getDocsStylesheet: defineRoute({
    operationId: 'getDocsStylesheet',
    method: 'GET',
    path: docsPaths.stylesheet,
    summary: 'The reference’s stylesheet (Swagger UI)',
    tag: 'Docs',
    permission: 'public',
    success: { status: 200, description: 'CSS', contentType: 'text/css; charset=utf-8' },
    errors: [],
  }),
  getDocsScript: defineRoute({
    operationId: 'getDocsScript',
    method: 'GET',
    path: docsPaths.script,
    summary: 'The reference’s script (Swagger UI)',
    tag: 'Docs',
    permission: 'public',
    success: { status: 200, description: 'JavaScript', contentType: javascript },
    errors: [],
  }),
  getDocsSetup: defineRoute({
    operationId: 'getDocsSetup',
    method: 'GET',
    path: docsPaths.setup,
    summary: 'The reference’s settings: this document, try-it with a bearer token',
    tag: 'Docs',
    permission: 'public',
    success: { status: 200, description: 'JavaScript', contentType: javascript },
    errors: [],
  }),
} as const;
