import * as z from 'zod';
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject } from 'zod-openapi';
import { type ProblemCode, problemCodes, problemTypeOf, problemUri } from '#http/problem-types';
import type { RouteContract, SuccessResponse } from '#http/route';
import { successResponsesOf } from '#http/route-response';
import { errorStatusesOf } from './error-statuses';
import { gatewayMessageSchema, problemSchema } from './problem-schemas';

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
  429: 'Your organisation has used up its share of requests for now; retry after `Retry-After` seconds',
  431:
    'The request line and headers are longer than the gateway reads: 64 KiB locally. In AWS, API ' +
    'Gateway’s quota of 10 240 bytes applies, and API Gateway answers such a request itself',
  500: 'Our fault; it has been logged',
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
  'rate-limited',
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

const gatewayUnauthorized =
  'No valid bearer token. In AWS the API Gateway’s JWT authorizer answers before the function runs, ' +
  'with `application/json` `{"message":"Unauthorized"}`; the local runtime answers a problem.';

function problemResponse(route: RouteContract, status: number) {
  const own = route.problems ? ownProblemsOf(route, status) : [];
  const problemContent = {
    'application/problem+json': { schema: own.length > 0 ? problemOfTypes(own) : anyProblemWith(status) },
  };
  if (status === 401 && route.permission !== 'public') {
    return {
      description: gatewayUnauthorized,
      content: { ...problemContent, 'application/json': { schema: gatewayMessageSchema } },
    };
  }
  return { description: statusText[status] ?? 'Error', content: problemContent };
}

type ResponseObject = NonNullable<ZodOpenApiOperationObject['responses']>['200'];

function successResponse(route: RouteContract, success: SuccessResponse): ResponseObject {
  return {
    description: success.description,
    ...(success.headers
      ? {
          headers: Object.fromEntries(
            Object.entries(success.headers).map(([name, description]) => [
              name,
              { description, schema: { type: 'string' as const } },
            ]),
          ),
        }
      : route.etag && success.status !== 204
        ? {
            headers: {
              ETag: { description: 'The version, for If-Match', schema: { type: 'string' as const } },
            },
          }
        : {}),
    // A content type is what is sent (see `shapeResponse`), even when a schema describes the text.
    ...(success.contentType
      ? {
          content: {
            [success.contentType.split(';')[0] as string]: { schema: success.schema ?? { type: 'string' } },
          },
        }
      : success.schema
        ? { content: { 'application/json': { schema: success.schema } } }
        : {}),
  };
}

function operationOf(route: RouteContract): ZodOpenApiOperationObject {
  const responses: ZodOpenApiOperationObject['responses'] = {};
  for (const success of successResponsesOf(route)) {
    responses[String(success.status) as '200'] = successResponse(route, success);
  }
  for (const status of errorStatusesOf(route)) {
    responses[String(status) as '400'] = problemResponse(route, status);
  }
  // Every authenticated call is metered by its tenant's rate (the handler shell's).
  if (route.permission !== 'public') {
    responses['429'] = {
      ...problemResponse(route, 429),
      headers: {
        'Retry-After': { description: 'Seconds until a retry may succeed', schema: { type: 'integer' } },
      },
    };
  }
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
        'CRM for energy and utility companies. Every call but the docs needs a bearer token; the tenant ' +
        'comes from the token. To try a call here, choose Authorize and paste a token: locally, one of the ' +
        'admin tokens `npm start` prints (also in `.local/runtime.json`); in AWS, a Cognito ID token.',
    },
    ...(serverUrl ? { servers: [{ url: serverUrl }] } : {}),
    security: [{ bearer: [] }],
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    paths,
  });
}
