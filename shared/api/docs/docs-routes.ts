import * as z from 'zod';
import { defineRoute } from '#http/route';

export const docsRoutes = {
  getOpenApi: defineRoute({
    operationId: 'getOpenApi',
    method: 'GET',
    path: '/openapi.json',
    summary: 'This API as an OpenAPI 3.1 document',
    tag: 'Docs',
    permission: 'public',
    success: { status: 200, description: 'The OpenAPI document', schema: z.object({}).passthrough() },
    errors: [],
  }),
  getDocs: defineRoute({
    operationId: 'getDocs',
    method: 'GET',
    path: '/docs',
    summary: 'A readable page of this API',
    tag: 'Docs',
    permission: 'public',
    success: { status: 200, description: 'HTML', contentType: 'text/html; charset=utf-8' },
    errors: [],
  }),
} as const;
