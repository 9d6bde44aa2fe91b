import * as z from 'zod';
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject } from 'zod-openapi';
import { problemSchema } from '#api/common/common-schemas';
import { type ProblemCode, problemCodes, problemTypeOf, problemUri } from '#http/problem-types';
import type { RouteContract } from '#http/route';

const statusText: Record<number, string> = {
  400: 'The request is invalid; `invalid-params` names the fields',
  401: 'No valid bearer token',
  403: 'Your role does not allow this',
  404: 'Not found (also for another tenant’s ids)',
  409: 'Conflicts with stored data or the resource’s state; `type` says which',
  412: 'If-Match names an older version; read again',
  415: 'The body is not JSON',
  422: 'Idempotency-Key reused with another request (body, path or user), figures too large to compute, or a well-formed value that cannot serve the request (`type` says which)',
  428: 'If-Match is required',
  502: 'The e-mail or SMS provider refused the message',
  503: 'A provider is unavailable; nothing was sent, retry later',
  504: 'No answer from the provider: the message may have been sent',
};

/** What any operation may answer, whatever it does. */
const commonProblems: ReadonlySet<ProblemCode> = new Set<ProblemCode>([
  'validation',
  'malformed-body',
  'invalid-header',
  'invalid-cursor',
  'unauthorized',
  'forbidden',
  'not-found',
  'concurrent-change',
  'idempotency-in-progress',
  'version-mismatch',
  'unsupported-media-type',
  'idempotency-key-reused',
  'precondition-required',
]);

const problemsWith = (status: number) => problemCodes.filter((code) => problemTypeOf(code).status === status);

/** The problems with `status` an operation names as its own, with the common ones. */
function ownProblemsOf(route: RouteContract, status: number): ProblemCode[] {
  const own = route.problems ?? [];
  return problemsWith(status).filter((code) => own.includes(code) || commonProblems.has(code));
}

/** A problem whose `type` is one of `codes`. */
const problemOfTypes = (codes: readonly ProblemCode[]) =>
  problemSchema.and(z.looseObject({ type: z.enum(codes.map(problemUri)) }));

/** One component per status, with every problem of that status, for operations without their own list. */
const problemsByStatus = new Map<number, z.ZodType>();
function anyProblemWith(status: number): z.ZodType {
  let schema = problemsByStatus.get(status);
  if (!schema) {
    const codes = problemsWith(status);
    schema = codes.length > 0 ? problemOfTypes(codes).meta({ id: `Problem${status}` }) : problemSchema;
    problemsByStatus.set(status, schema);
  }
  return schema;
}

function problemResponse(route: RouteContract, status: number) {
  const own = route.problems ? ownProblemsOf(route, status) : [];
  return {
    description: statusText[status] ?? 'Error',
    content: {
      'application/problem+json': { schema: own.length > 0 ? problemOfTypes(own) : anyProblemWith(status) },
    },
  };
}

function operationOf(route: RouteContract): ZodOpenApiOperationObject {
  const responses: ZodOpenApiOperationObject['responses'] = {
    [route.success.status]: {
      description: route.success.description,
      ...(route.etag
        ? { headers: { ETag: { description: 'The version, for If-Match', schema: { type: 'string' } } } }
        : {}),
      ...(route.success.schema
        ? { content: { 'application/json': { schema: route.success.schema } } }
        : route.success.contentType
          ? {
              content: {
                [route.success.contentType.split(';')[0] as string]: { schema: { type: 'string' } },
              },
            }
          : {}),
    },
  };
  for (const status of route.errors) responses[String(status) as '400'] = problemResponse(route, status);
  const headers: NonNullable<ZodOpenApiOperationObject['parameters']> = [];
  if (route.idempotent) {
    headers.push({
      in: 'header',
      name: 'Idempotency-Key',
      required: false,
      description:
        'The same key within 24 h returns the first result and creates nothing new. A key belongs to ' +
        'one request: the same method and path, by the same user, with the same body. Reused on ' +
        'another path (such as the notes of another account), by another user or with another body, ' +
        'it is refused with 422.',
      schema: { type: 'string', maxLength: 128 },
    });
  }
  if (route.ifMatch) {
    headers.push({
      in: 'header',
      name: 'If-Match',
      required: route.ifMatch === 'required',
      description: 'The ETag of the version your change is based on.',
      schema: { type: 'string' },
    });
  }
  return {
    operationId: route.operationId,
    summary: route.summary,
    tags: [route.tag],
    ...(route.permission === 'public' ? { security: [] } : {}),
    requestParams: {
      ...(route.params ? { path: route.params as never } : {}),
      ...(route.query ? { query: route.query as never } : {}),
    },
    ...(headers.length > 0 ? { parameters: headers } : {}),
    ...(route.body
      ? { requestBody: { required: true, content: { 'application/json': { schema: route.body } } } }
      : {}),
    responses,
  };
}

/** The OpenAPI 3.1 document, generated from the same zod schemas that validate requests. */
export function openApiDocument(routes: readonly RouteContract[], serverUrl?: string) {
  const paths: ZodOpenApiPathsObject = {};
  for (const route of routes) {
    paths[route.path] = { ...paths[route.path], [route.method.toLowerCase()]: operationOf(route) };
  }
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: 'Gridline API',
      version: '1',
      description:
        'CRM for energy and utility companies. Every call but the docs needs a bearer token; the tenant comes from the token.',
    },
    ...(serverUrl ? { servers: [{ url: serverUrl }] } : {}),
    security: [{ bearer: [] }],
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    paths,
  });
}
