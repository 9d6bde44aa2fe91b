import { createHash } from 'node:crypto';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { z } from 'zod';
import type { Caller } from '#domain/caller';
import { assertPermitted, callerFromClaims, issuedAtOf } from './auth';
import type { CallerAdmission } from './caller-admission';
import { HttpError } from './http-error';
import { internalProblem, problem, problemOf, problemResponse, validationProblem } from './problem';
import { type BoundRoute, type IdempotencyRequest, type RouteContract, routeKeyOf } from './route';
import { OperationMatcher, segmentsOfMatch } from './route-matcher';
import { shapeResponse } from './route-response';
import { fieldsOfZodError } from './zod-fields';

/** The v2 event with the JWT authorizer's claims, as API Gateway sends it. */
export type HttpEvent = APIGatewayProxyEventV2 & {
  requestContext: APIGatewayProxyEventV2['requestContext'] & {
    authorizer?: {
      jwt?: { claims: Record<string, string | number | boolean | string[]>; scopes?: string[] };
    };
  };
};
export type HttpResponse = APIGatewayProxyStructuredResultV2;

function parseWith<S extends z.ZodType>(schema: S | undefined, value: unknown): z.output<S> | undefined {
  if (!schema) return undefined;
  const result = schema.safeParse(value);
  if (!result.success) throw new ValidationFailure(fieldsOfZodError(result.error));
  return result.data;
}

class ValidationFailure extends Error {
  constructor(readonly fields: ReturnType<typeof fieldsOfZodError>) {
    super('validation failed');
  }
}

/** Fails on bytes that are not UTF-8, where `Buffer#toString` would put U+FFFD in silently; keeps a BOM, so a signed body stays byte for byte. */
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The body as text; one that API Gateway hands over base64-encoded must be UTF-8. */
function rawBodyOf(event: HttpEvent): string {
  if (!event.isBase64Encoded) return event.body ?? '';
  try {
    return utf8.decode(Buffer.from(event.body ?? '', 'base64'));
  } catch {
    throw new HttpError('malformed-body', 'The body is not valid UTF-8.', [
      { name: 'body', reason: 'not valid UTF-8' },
    ]);
  }
}

function readBody(event: HttpEvent, contract: RouteContract): { raw: string; value: unknown } | undefined {
  if (!contract.body || contract.signed) return undefined;
  const contentType = event.headers['content-type'] ?? '';
  if (!/^application\/([\w.+-]*\+)?json\b/i.test(contentType)) {
    throw new HttpError('unsupported-media-type', 'Send the body as application/json.');
  }
  const raw = rawBodyOf(event);
  try {
    return { raw, value: JSON.parse(raw) };
  } catch {
    throw new HttpError('malformed-body', 'The body is not valid JSON.', [
      { name: 'body', reason: 'not valid JSON' },
    ]);
  }
}

/** `"3"`, `W/"3"` → 3. A list or `*` is not accepted: updates name one version. */
function readIfMatch(event: HttpEvent, contract: RouteContract): number | undefined {
  const header = event.headers['if-match'];
  if (header === undefined) {
    if (contract.ifMatch === 'required') {
      throw new HttpError(
        'precondition-required',
        'Send If-Match with the ETag you read, so that no one else’s change is overwritten.',
        [{ name: 'If-Match', reason: 'required' }],
      );
    }
    return undefined;
  }
  const match = /^(?:W\/)?"(\d+)"$/.exec(header.trim());
  if (!match) {
    throw new HttpError('invalid-header', 'If-Match must be an ETag such as "3".', [
      { name: 'If-Match', reason: 'not an ETag of this API' },
    ]);
  }
  return Number(match[1]);
}

/**
 * The key is kept per tenant and operation; the hash ties it to the rest of
 * the request: the method, the concrete path (so the same key on another
 * account's notes is not a retry), the calling user and the raw body.
 */
function requestHashOf(event: HttpEvent, caller: Caller | undefined, rawBody: string): string {
  const parts = [event.requestContext.http.method, event.rawPath, caller?.userId ?? '', rawBody];
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url');
}

function readIdempotencyKey(
  event: HttpEvent,
  caller: Caller | undefined,
  rawBody: string,
): IdempotencyRequest | undefined {
  const key = event.headers['idempotency-key'];
  if (key === undefined) return undefined;
  if (!/^[\x21-\x7e]{1,128}$/.test(key)) {
    throw new HttpError('invalid-header', 'Idempotency-Key must be 1–128 visible ASCII characters.', [
      { name: 'Idempotency-Key', reason: 'must be 1–128 visible ASCII characters' },
    ]);
  }
  return { key, requestHash: requestHashOf(event, caller, rawBody) };
}

/** The verified caller, admitted by every check of the shell. */
async function callerOf(event: HttpEvent, admissions: readonly CallerAdmission[]): Promise<Caller> {
  const claims = event.requestContext.authorizer?.jwt?.claims;
  if (!claims) throw new HttpError('unauthorized', 'A bearer token is required.');
  const caller = callerFromClaims(claims);
  const token = { issuedAt: issuedAtOf(claims) };
  for (const admit of admissions) await admit(caller, token);
  return caller;
}

export const etagOf = (version: number): string => `"${version}"`;

async function dispatch(
  route: BoundRoute,
  event: HttpEvent,
  admissions: readonly CallerAdmission[],
): Promise<HttpResponse> {
  const { contract } = route;
  const caller = contract.permission === 'public' ? undefined : await callerOf(event, admissions);
  if (caller && contract.permission !== 'public') assertPermitted(caller, contract.permission);

  const body = readBody(event, contract);
  const fields: ReturnType<typeof fieldsOfZodError> = [];
  const parse = <S extends z.ZodType>(schema: S | undefined, value: unknown) => {
    try {
      return parseWith(schema, value);
    } catch (error) {
      if (error instanceof ValidationFailure) fields.push(...error.fields);
      else throw error;
      return undefined;
    }
  };
  const params = parse(contract.params, event.pathParameters ?? {});
  const query = parse(contract.query, event.queryStringParameters ?? {});
  const parsedBody = contract.signed ? undefined : parse(contract.body, body?.value);
  if (fields.length > 0) return problemResponse(validationProblem(fields));

  const result = await route.implementation({
    caller: caller as Caller,
    params,
    query,
    body: parsedBody,
    ifMatch: readIfMatch(event, contract),
    idempotency: contract.idempotent ? readIdempotencyKey(event, caller, body?.raw ?? '') : undefined,
    raw: { headers: event.headers, body: body?.raw ?? rawBodyOf(event) },
  });

  const { status, content } = shapeResponse(contract, result);
  const headers: Record<string, string> = { ...result.headers };
  if (result.version !== undefined) headers.etag = etagOf(result.version);
  if (!content) return { statusCode: status, headers };
  headers['content-type'] = content.type;
  return { statusCode: status, headers, body: content.body };
}

/**
 * The operation a request is for, and the event as that operation's route
 * would have had it. An exact route key (`GET /v1/accounts/{accountId}`) is
 * the operation itself. Behind an `ANY` or greedy route (`ANY
 * /v1/commissions/{proxy+}`, ADR 0028) the route's template with the path
 * parameters API Gateway filled in (decoded) gives the path, and the
 * function matches it against its own operations as API Gateway would.
 */
type Routed = { readonly route: BoundRoute; readonly event: HttpEvent } | { readonly refused: HttpResponse };

function pathRouter(routes: readonly BoundRoute[]) {
  const byKey = new Map(routes.map((r) => [routeKeyOf(r.contract), r]));
  const matcher = new OperationMatcher(
    routes.map((r) => ({ method: r.contract.method, path: r.contract.path, value: r })),
  );
  return (event: HttpEvent): Routed => {
    const exact = byKey.get(event.routeKey);
    if (exact) return { route: exact, event };
    const method = event.requestContext.http.method;
    const template = event.routeKey.slice(event.routeKey.indexOf(' ') + 1);
    const segments = segmentsOfMatch(template, event.pathParameters ?? {});
    const found = segments ? matcher.match(method, segments) : { kind: 'not-found' as const };
    const path = segments ? `/${segments.join('/')}` : event.rawPath;
    switch (found.kind) {
      case 'route':
        return { route: found.value, event: { ...event, pathParameters: found.params } };
      case 'method-not-allowed':
        return {
          refused: problemResponse(
            problem('method-not-allowed', `${path} takes ${found.allowed.join(', ')}, not ${method}.`),
            { allow: found.allowed.join(', ') },
          ),
        };
      case 'not-found':
        return { refused: problemResponse(problem('not-found', `No route ${method} ${path}.`)) };
    }
  };
}

/**
 * One Lambda handler for a module's routes: API Gateway has matched the
 * route, and the handler the operation behind it (`pathRouter`). Its
 * matcher is built once, with the handler. `admissions` run, in order, on
 * every call of a route that is not public.
 */
export function createHttpHandler(
  routes: readonly BoundRoute[],
  logger: Logger,
  admissions: readonly CallerAdmission[] = [],
) {
  const route = pathRouter(routes);
  return async (request: HttpEvent): Promise<HttpResponse> => {
    const routed = route(request);
    if ('refused' in routed) return routed.refused;
    try {
      return await dispatch(routed.route, routed.event, admissions);
    } catch (error) {
      const known = problemOf(error);
      if (known) return problemResponse(known, error instanceof HttpError ? error.headers : {});
      const operation = routeKeyOf(routed.route.contract);
      logger.error('unhandled error', { routeKey: request.routeKey, operation, error: error as Error });
      return problemResponse(internalProblem);
    }
  };
}
