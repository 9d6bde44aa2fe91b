import { Logger } from '@aws-lambda-powertools/logger';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import type { Caller } from '#domain/caller';
import { ConflictError, NotFoundError, VersionMismatchError } from '#domain/errors';
import type { CallerAdmission, TokenFacts } from '#http/caller-admission';
import { HttpError } from '#http/http-error';
import { createHttpHandler, type HttpEvent, type HttpResponse } from '#http/http-handler';
import { bind, defineRoute, type RouteInput } from '#http/route';

type Claims = Record<string, string | number | boolean | string[]>;

const salesClaims: Claims = { sub: 'user-1', 'custom:tenantId': 'tenant-se', 'cognito:groups': '[sales]' };
const viewerClaims: Claims = { sub: 'user-2', 'custom:tenantId': 'tenant-se', 'cognito:groups': ['viewer'] };

const thingParams = z.object({ thingId: z.string().min(1) });
const thingSchema = z.object({
  id: z.string(),
  name: z.string().optional(),
  count: z.int().optional(),
  version: z.int().optional(),
});

const contracts = {
  createThing: defineRoute({
    operationId: 'createThing',
    method: 'POST',
    path: '/v1/things',
    summary: 'Create a thing',
    tag: 'Things',
    permission: 'write',
    query: z.strictObject({ dryRun: z.enum(['true', 'false']).optional() }),
    body: z.strictObject({ name: z.string().min(1), count: z.number().int() }),
    idempotent: true,
    success: { status: 201, description: 'The thing', schema: thingSchema },
    errors: [400, 401, 403, 415],
  }),
  getThing: defineRoute({
    operationId: 'getThing',
    method: 'GET',
    path: '/v1/things/{thingId}',
    summary: 'Read a thing',
    tag: 'Things',
    permission: 'read',
    params: thingParams,
    etag: true,
    success: { status: 200, description: 'The thing', schema: thingSchema },
    errors: [401, 403, 404],
  }),
  updateThing: defineRoute({
    operationId: 'updateThing',
    method: 'PATCH',
    path: '/v1/things/{thingId}',
    summary: 'Change a thing',
    tag: 'Things',
    permission: 'write',
    params: thingParams,
    body: z.strictObject({ name: z.string().min(1).optional() }),
    ifMatch: 'required',
    etag: true,
    success: { status: 200, description: 'The changed thing', schema: thingSchema },
    errors: [400, 401, 403, 404, 409, 412, 415, 428],
  }),
  deleteThing: defineRoute({
    operationId: 'deleteThing',
    method: 'DELETE',
    path: '/v1/things/{thingId}',
    summary: 'Delete a thing',
    tag: 'Things',
    permission: 'admin',
    params: thingParams,
    ifMatch: 'optional',
    success: { status: 204, description: 'Deleted' },
    otherSuccesses: [
      { status: 202, description: 'Deleting in the background', schema: z.object({ jobId: z.string() }) },
    ],
    errors: [401, 403, 404, 412],
  }),
  getPage: defineRoute({
    operationId: 'getPage',
    method: 'GET',
    path: '/page',
    summary: 'A public page',
    tag: 'Docs',
    permission: 'public',
    success: { status: 200, description: 'HTML', contentType: 'text/html; charset=utf-8' },
    errors: [],
  }),
};

/** What a route's implementation received, or what it does for a given thing id. */
function setUp(admissions: readonly CallerAdmission[] = []) {
  const received: RouteInput<unknown, unknown, unknown>[] = [];
  const routes = [
    bind(contracts.createThing, async (input) => {
      received.push(input);
      return { body: { id: 'thing-1', ...input.body }, version: 1 };
    }),
    bind(contracts.getThing, async (input) => {
      received.push(input);
      switch (input.params.thingId) {
        case 'missing':
          throw new NotFoundError('thing', 'missing');
        case 'stale':
          throw new VersionMismatchError('thing', 'stale');
        case 'taken':
          throw new ConflictError('title-taken', 'the name is taken', [
            { name: 'name', reason: 'already used by thing-2' },
          ]);
        case 'broken':
          throw new Error('connect ECONNREFUSED secret-db.internal:5432');
        case 'stored':
          return { body: { id: 'stored', version: 2, tenantId: 'tenant-se', pk: 'T#tenant-se#THING' } };
        case 'misshapen':
          return { body: { id: 42 } };
        case 'teapot':
          return { status: 418, body: { id: 'teapot' } };
        default:
          return { body: { id: input.params.thingId, version: 3 }, version: 3 };
      }
    }),
    bind(contracts.updateThing, async (input) => {
      received.push(input);
      const version = (input.ifMatch ?? 0) + 1;
      return { body: { id: input.params.thingId, ...input.body, version }, version };
    }),
    bind(contracts.deleteThing, async (input) => {
      received.push(input);
      return input.params.thingId === 'busy' ? { status: 202, body: { jobId: 'job-1', queue: 'q' } } : {};
    }),
    bind(contracts.getPage, async (input) => {
      received.push(input);
      return { body: '<h1>Hello</h1>' };
    }),
  ];
  const logger = new Logger({ serviceName: 'test', logLevel: 'SILENT' });
  const errorLog = vi.spyOn(logger, 'error');
  return { handler: createHttpHandler(routes, logger, admissions), received, errorLog };
}

interface EventOptions {
  readonly headers?: Record<string, string>;
  readonly body?: string;
  readonly isBase64Encoded?: boolean;
  readonly pathParameters?: Record<string, string>;
  readonly queryStringParameters?: Record<string, string>;
  /** `null`: no authorizer, as on a public route. */
  readonly claims?: Claims | null;
}

function httpEvent(routeKey: string, options: EventOptions = {}): HttpEvent {
  const [method = 'GET', path = '/'] = routeKey.split(' ');
  const claims = options.claims === undefined ? salesClaims : options.claims;
  return {
    version: '2.0',
    routeKey,
    rawPath: path,
    rawQueryString: new URLSearchParams(options.queryStringParameters ?? {}).toString(),
    headers: options.headers ?? {},
    ...(options.queryStringParameters ? { queryStringParameters: options.queryStringParameters } : {}),
    ...(options.pathParameters ? { pathParameters: options.pathParameters } : {}),
    ...(options.body !== undefined ? { body: options.body } : {}),
    isBase64Encoded: options.isBase64Encoded ?? false,
    requestContext: {
      accountId: '123456789012',
      apiId: 'api',
      domainName: 'api.example.test',
      domainPrefix: 'api',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '192.0.2.1', userAgent: 'vitest' },
      requestId: 'request-1',
      routeKey,
      stage: '$default',
      time: '02/Mar/2025:12:30:00 +0000',
      timeEpoch: 1740918600000,
      ...(claims ? { authorizer: { jwt: { claims, scopes: [] } } } : {}),
    },
  };
}

const json = { 'content-type': 'application/json' };

function problemOf(response: HttpResponse) {
  return JSON.parse(response.body ?? '') as {
    type: string;
    status: number;
    detail: string;
    'invalid-params'?: { name: string; reason: string }[];
  };
}

describe('createHttpHandler', () => {
  it('answers a valid create with the implementation result and its status', async () => {
    // Prepare
    const { handler } = setUp();
    const event = httpEvent('POST /v1/things', {
      headers: json,
      body: JSON.stringify({ name: 'Meter', count: 2 }),
    });

    // Act
    const response = await handler(event);

    // Assess
    expect(response.statusCode).toBe(201);
    expect(response.headers?.['content-type']).toBe('application/json');
    expect(JSON.parse(response.body ?? '')).toEqual({ id: 'thing-1', name: 'Meter', count: 2 });
  });

  it('passes the caller from the token to the implementation', async () => {
    // Prepare
    const { handler, received } = setUp();

    // Act
    await handler(httpEvent('GET /v1/things/{thingId}', { pathParameters: { thingId: 't1' } }));

    // Assess
    expect(received[0]?.caller).toEqual({ tenantId: 'tenant-se', userId: 'user-1', roles: ['sales'] });
  });

  it('answers 400 problem+json naming every invalid body field and query field', async () => {
    // Prepare
    const { handler, received } = setUp();
    const event = httpEvent('POST /v1/things', {
      headers: json,
      body: JSON.stringify({ name: '', count: 1.5 }),
      queryStringParameters: { dryRun: 'maybe' },
    });

    // Act
    const response = await handler(event);

    // Assess
    expect(response.statusCode).toBe(400);
    expect(response.headers?.['content-type']).toBe('application/problem+json');
    const problem = problemOf(response);
    expect(problem).toMatchObject({ type: 'urn:gridline:problem:validation', status: 400 });
    expect(problem['invalid-params']?.map((p) => p.name).sort()).toEqual(['count', 'dryRun', 'name']);
    expect(received).toEqual([]);
  });

  it('answers 400 naming a field the body must not have', async () => {
    // Prepare
    const { handler } = setUp();
    const event = httpEvent('POST /v1/things', {
      headers: json,
      body: JSON.stringify({ name: 'Meter', count: 1, colour: 'red' }),
    });

    // Act
    const response = await handler(event);

    // Assess
    expect(response.statusCode).toBe(400);
    expect(problemOf(response)['invalid-params']).toEqual([{ name: 'colour', reason: expect.any(String) }]);
  });

  it('answers 400 naming the body when the JSON is not an object', async () => {
    // Prepare
    const { handler } = setUp();
    const event = httpEvent('POST /v1/things', { headers: json, body: '[1, 2]' });

    // Act
    const response = await handler(event);

    // Assess
    expect(response.statusCode).toBe(400);
    expect(problemOf(response)['invalid-params']).toEqual([{ name: 'body', reason: expect.any(String) }]);
  });

  it.each([
    ['text/plain', { 'content-type': 'text/plain' }],
    ['no content type', {}],
  ])('answers 415 to a body sent as %s', async (_case, headers) => {
    // Prepare
    const { handler, received } = setUp();
    const event = httpEvent('POST /v1/things', {
      headers,
      body: JSON.stringify({ name: 'Meter', count: 2 }),
    });

    // Act
    const response = await handler(event);

    // Assess
    expect(response.statusCode).toBe(415);
    expect(problemOf(response).type).toBe('urn:gridline:problem:unsupported-media-type');
    expect(received).toEqual([]);
  });

  it('accepts a JSON media type with a suffix and parameters', async () => {
    // Prepare
    const { handler } = setUp();
    const event = httpEvent('PATCH /v1/things/{thingId}', {
      headers: { 'content-type': 'application/merge-patch+json; charset=utf-8', 'if-match': '"1"' },
      pathParameters: { thingId: 't1' },
      body: JSON.stringify({ name: 'Meter' }),
    });

    // Act
    const response = await handler(event);

    // Assess
    expect(response.statusCode).toBe(200);
  });

  it('answers 400 to a body that is not valid JSON', async () => {
    // Prepare
    const { handler } = setUp();
    const event = httpEvent('POST /v1/things', { headers: json, body: '{"name": "Meter",' });

    // Act
    const response = await handler(event);

    // Assess
    expect(response.statusCode).toBe(400);
    expect(problemOf(response)).toMatchObject({
      type: 'urn:gridline:problem:malformed-body',
      'invalid-params': [{ name: 'body', reason: 'not valid JSON' }],
    });
  });

  it('answers 400 to a body that is not UTF-8, and runs nothing', async () => {
    // Prepare
    const { handler, received } = setUp();
    // "Mätare" in Latin-1: 0xE4 starts no UTF-8 sequence here.
    const latin1 = Buffer.concat([
      Buffer.from('{"name":"M'),
      Buffer.from([0xe4]),
      Buffer.from('tare","count":1}'),
    ]);
    const event = httpEvent('POST /v1/things', {
      headers: json,
      body: latin1.toString('base64'),
      isBase64Encoded: true,
    });

    // Act
    const response = await handler(event);

    // Assess
    expect(response.statusCode).toBe(400);
    expect(response.headers?.['content-type']).toBe('application/problem+json');
    expect(problemOf(response)).toMatchObject({
      type: 'urn:gridline:problem:malformed-body',
      detail: 'The body is not valid UTF-8.',
      'invalid-params': [{ name: 'body', reason: 'not valid UTF-8' }],
    });
    expect(received).toEqual([]);
  });

  it('answers 401 when the request carries no token claims', async () => {
    // Prepare
    const { handler, received } = setUp();

    // Act
    const response = await handler(
      httpEvent('GET /v1/things/{thingId}', { pathParameters: { thingId: 't1' }, claims: null }),
    );

    // Assess
    expect(response.statusCode).toBe(401);
    expect(received).toEqual([]);
  });

  it('answers 403 when the token names no tenant', async () => {
    // Prepare
    const { handler } = setUp();
    const claims = { sub: 'user-1', 'cognito:groups': '[admin]' };

    // Act
    const response = await handler(
      httpEvent('GET /v1/things/{thingId}', { pathParameters: { thingId: 't1' }, claims }),
    );

    // Assess
    expect(response.statusCode).toBe(403);
  });

  it('answers 403 to a viewer on a write route and does not run it', async () => {
    // Prepare
    const { handler, received } = setUp();
    const event = httpEvent('POST /v1/things', {
      headers: json,
      body: JSON.stringify({ name: 'Meter', count: 2 }),
      claims: viewerClaims,
    });

    // Act
    const response = await handler(event);

    // Assess
    expect(response.statusCode).toBe(403);
    expect(problemOf(response).type).toBe('urn:gridline:problem:forbidden');
    expect(received).toEqual([]);
  });

  it('answers 403 to a non-admin on an admin route', async () => {
    // Prepare
    const { handler, received } = setUp();

    // Act
    const response = await handler(
      httpEvent('DELETE /v1/things/{thingId}', { pathParameters: { thingId: 't1' } }),
    );

    // Assess
    expect(response.statusCode).toBe(403);
    expect(received).toEqual([]);
  });

  it('admits each authenticated call through the shell’s checks, with the token’s iat, before the route runs', async () => {
    // Prepare
    const admitted: [Caller, TokenFacts][] = [];
    const { handler, received } = setUp([
      async (caller, token) => {
        admitted.push([caller, token]);
      },
      async () => {
        throw new HttpError('unauthorized', 'This token was issued before your user was deactivated.');
      },
    ]);
    const claims = { ...salesClaims, iat: '1772355600' };

    // Act
    const response = await handler(
      httpEvent('GET /v1/things/{thingId}', { pathParameters: { thingId: 't1' }, claims }),
    );

    // Assess
    expect(response.statusCode).toBe(401);
    expect(problemOf(response).detail).toBe('This token was issued before your user was deactivated.');
    expect(admitted).toEqual([
      [{ tenantId: 'tenant-se', userId: 'user-1', roles: ['sales'] }, { issuedAt: 1772355600 }],
    ]);
    expect(received).toEqual([]);
  });

  it('serves a public route without running the shell’s checks', async () => {
    // Prepare
    const refuseAll: CallerAdmission = async () => {
      throw new HttpError('unauthorized', 'no');
    };
    const { handler } = setUp([refuseAll]);

    // Act
    const response = await handler(httpEvent('GET /page', { claims: null }));

    // Assess
    expect(response.statusCode).toBe(200);
  });

  it('serves a public route without a token', async () => {
    // Prepare
    const { handler } = setUp();

    // Act
    const response = await handler(httpEvent('GET /page', { claims: null }));

    // Assess
    expect(response.statusCode).toBe(200);
    expect(response.headers?.['content-type']).toBe('text/html; charset=utf-8');
    expect(response.body).toBe('<h1>Hello</h1>');
  });

  it('answers 428 when an update comes without If-Match', async () => {
    // Prepare
    const { handler, received } = setUp();
    const event = httpEvent('PATCH /v1/things/{thingId}', {
      headers: json,
      pathParameters: { thingId: 't1' },
      body: JSON.stringify({ name: 'Meter' }),
    });

    // Act
    const response = await handler(event);

    // Assess
    expect(response.statusCode).toBe(428);
    expect(problemOf(response)['invalid-params']).toEqual([{ name: 'If-Match', reason: 'required' }]);
    expect(received).toEqual([]);
  });

  it.each(['3', '"three"', '*', '"3", "4"'])('answers 400 to the malformed If-Match %j', async (ifMatch) => {
    // Prepare
    const { handler, received } = setUp();
    const event = httpEvent('PATCH /v1/things/{thingId}', {
      headers: { ...json, 'if-match': ifMatch },
      pathParameters: { thingId: 't1' },
      body: JSON.stringify({ name: 'Meter' }),
    });

    // Act
    const response = await handler(event);

    // Assess
    expect(response.statusCode).toBe(400);
    expect(problemOf(response)['invalid-params']).toEqual([{ name: 'If-Match', reason: expect.any(String) }]);
    expect(received).toEqual([]);
  });

  it.each(['"3"', 'W/"3"'])('reads If-Match %s as version 3', async (ifMatch) => {
    // Prepare
    const { handler, received } = setUp();
    const event = httpEvent('PATCH /v1/things/{thingId}', {
      headers: { ...json, 'if-match': ifMatch },
      pathParameters: { thingId: 't1' },
      body: JSON.stringify({ name: 'Meter' }),
    });

    // Act
    const response = await handler(event);

    // Assess
    expect(received[0]?.ifMatch).toBe(3);
    expect(response.headers?.etag).toBe('"4"');
  });

  it('lets an optional If-Match be left out', async () => {
    // Prepare
    const { handler, received } = setUp();
    const adminClaims = { ...salesClaims, 'cognito:groups': '[admin]' };

    // Act
    const response = await handler(
      httpEvent('DELETE /v1/things/{thingId}', { pathParameters: { thingId: 't1' }, claims: adminClaims }),
    );

    // Assess
    expect(response.statusCode).toBe(204);
    expect(response.body).toBeUndefined();
    expect(received[0]?.ifMatch).toBeUndefined();
  });

  it('sends the ETag "3" for a result of version 3', async () => {
    // Prepare
    const { handler } = setUp();

    // Act
    const response = await handler(
      httpEvent('GET /v1/things/{thingId}', { pathParameters: { thingId: 't1' } }),
    );

    // Assess
    expect(response.statusCode).toBe(200);
    expect(response.headers?.etag).toBe('"3"');
  });

  /** The request hash the route receives for this request with Idempotency-Key `order-4711`. */
  async function requestHashOf(options: {
    rawBody: string;
    rawPath?: string;
    claims?: Claims;
    isBase64Encoded?: boolean;
  }): Promise<string | undefined> {
    const { handler, received } = setUp();
    const event = httpEvent('POST /v1/things', {
      headers: { ...json, 'idempotency-key': 'order-4711' },
      body: options.isBase64Encoded ? Buffer.from(options.rawBody).toString('base64') : options.rawBody,
      isBase64Encoded: options.isBase64Encoded,
      claims: options.claims,
    });
    const response = await handler(options.rawPath ? { ...event, rawPath: options.rawPath } : event);
    expect(response.statusCode).toBe(201);
    expect(received[0]?.idempotency?.key).toBe('order-4711');
    return received[0]?.idempotency?.requestHash;
  }

  it('passes the Idempotency-Key on with a SHA-256 that is the same for the same request', async () => {
    // Act
    const first = await requestHashOf({ rawBody: '{ "name": "Meter", "count": 2 }' });
    const retry = await requestHashOf({ rawBody: '{ "name": "Meter", "count": 2 }' });

    // Assess
    expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(retry).toBe(first);
  });

  it('gives another request hash to another body, another path or another user', async () => {
    // Prepare
    const rawBody = '{ "name": "Meter", "count": 2 }';
    const otherUser: Claims = { ...salesClaims, sub: 'user-3' };

    // Act
    const hashes = [
      await requestHashOf({ rawBody }),
      await requestHashOf({ rawBody: '{ "name": "Meter", "count": 3 }' }),
      await requestHashOf({ rawBody: '{"name":"Meter","count":2}' }),
      await requestHashOf({ rawBody, rawPath: '/v1/things-elsewhere' }),
      await requestHashOf({ rawBody, claims: otherUser }),
    ];

    // Assess
    expect(new Set(hashes).size).toBe(hashes.length);
  });

  it('hashes the decoded body when API Gateway sends it base64-encoded', async () => {
    // Prepare
    const rawBody = '{"name":"Mätare","count":2}';

    // Act
    const encoded = await requestHashOf({ rawBody, isBase64Encoded: true });
    const plain = await requestHashOf({ rawBody });

    // Assess
    expect(encoded).toBe(plain);
  });

  it('passes no idempotency when the key is left out', async () => {
    // Prepare
    const { handler, received } = setUp();

    // Act
    await handler(
      httpEvent('POST /v1/things', { headers: json, body: JSON.stringify({ name: 'Meter', count: 2 }) }),
    );

    // Assess
    expect(received).toHaveLength(1);
    expect(received[0]?.idempotency).toBeUndefined();
  });

  it('answers 400 to an Idempotency-Key that is too long or not visible ASCII', async () => {
    // Prepare
    const { handler } = setUp();
    const body = JSON.stringify({ name: 'Meter', count: 2 });

    // Act
    const tooLong = await handler(
      httpEvent('POST /v1/things', { headers: { ...json, 'idempotency-key': 'k'.repeat(129) }, body }),
    );
    const withSpace = await handler(
      httpEvent('POST /v1/things', { headers: { ...json, 'idempotency-key': 'order 4711' }, body }),
    );

    // Assess
    expect(tooLong.statusCode).toBe(400);
    expect(withSpace.statusCode).toBe(400);
    expect(problemOf(withSpace)['invalid-params']).toEqual([
      { name: 'Idempotency-Key', reason: expect.any(String) },
    ]);
  });

  it('answers 404 when the domain finds nothing', async () => {
    // Prepare
    const { handler } = setUp();

    // Act
    const response = await handler(
      httpEvent('GET /v1/things/{thingId}', { pathParameters: { thingId: 'missing' } }),
    );

    // Assess
    expect(response.statusCode).toBe(404);
    expect(problemOf(response)).toMatchObject({
      type: 'urn:gridline:problem:not-found',
      detail: 'thing missing does not exist',
    });
  });

  it('answers 412 when the domain finds a newer version', async () => {
    // Prepare
    const { handler } = setUp();

    // Act
    const response = await handler(
      httpEvent('GET /v1/things/{thingId}', { pathParameters: { thingId: 'stale' } }),
    );

    // Assess
    expect(response.statusCode).toBe(412);
    expect(problemOf(response).type).toBe('urn:gridline:problem:version-mismatch');
  });

  it('answers 409 with the conflict’s own type, naming the conflicting fields', async () => {
    // Prepare
    const { handler } = setUp();

    // Act
    const response = await handler(
      httpEvent('GET /v1/things/{thingId}', { pathParameters: { thingId: 'taken' } }),
    );

    // Assess
    expect(response.statusCode).toBe(409);
    expect(problemOf(response)).toMatchObject({
      type: 'urn:gridline:problem:title-taken',
      title: 'Title taken',
      detail: 'the name is taken',
      'invalid-params': [{ name: 'name', reason: 'already used by thing-2' }],
    });
  });

  it('answers 500 with a generic detail that does not leak the error, and logs it', async () => {
    // Prepare
    const { handler, errorLog } = setUp();

    // Act
    const response = await handler(
      httpEvent('GET /v1/things/{thingId}', { pathParameters: { thingId: 'broken' } }),
    );

    // Assess
    expect(response.statusCode).toBe(500);
    expect(response.headers?.['content-type']).toBe('application/problem+json');
    expect(response.body).not.toContain('ECONNREFUSED');
    expect(response.body).not.toContain('secret-db');
    expect(problemOf(response).type).toBe('urn:gridline:problem:internal');
    expect(errorLog).toHaveBeenCalledTimes(1);
  });

  it('sends only the fields the response schema names', async () => {
    // Prepare
    const { handler } = setUp();

    // Act
    const response = await handler(
      httpEvent('GET /v1/things/{thingId}', { pathParameters: { thingId: 'stored' } }),
    );

    // Assess
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body ?? '')).toEqual({ id: 'stored', version: 2 });
  });

  it('answers another success its contract names, shaped by that answer’s schema', async () => {
    // Prepare
    const { handler } = setUp();
    const event = (thingId: string) =>
      httpEvent('DELETE /v1/things/{thingId}', {
        pathParameters: { thingId },
        claims: { ...salesClaims, 'cognito:groups': '[admin]' },
      });

    // Act
    const [deleted, queued] = await Promise.all([handler(event('t1')), handler(event('busy'))]);

    // Assess
    expect(deleted).toMatchObject({ statusCode: 204 });
    expect(deleted.body).toBeUndefined();
    expect(queued.statusCode).toBe(202);
    expect(JSON.parse(queued.body ?? '')).toEqual({ jobId: 'job-1' });
  });

  it('answers 500 and logs, sending nothing of it, a body its schema refuses or a status it does not name', async () => {
    // Prepare
    const { handler, errorLog } = setUp();
    const event = (thingId: string) => httpEvent('GET /v1/things/{thingId}', { pathParameters: { thingId } });

    // Act
    const responses = await Promise.all([handler(event('misshapen')), handler(event('teapot'))]);

    // Assess
    expect(responses.map((r) => [r.statusCode, problemOf(r).type])).toEqual([
      [500, 'urn:gridline:problem:internal'],
      [500, 'urn:gridline:problem:internal'],
    ]);
    expect(responses.map((r) => r.body).join()).not.toContain('teapot');
    expect(errorLog).toHaveBeenCalledTimes(2);
    expect(errorLog.mock.calls.map(([, details]) => String((details as { error: Error }).error))).toEqual([
      expect.stringContaining('getThing answered 200: the body does not fit its schema (id:'),
      expect.stringContaining('getThing answered 418: a status its contract does not name'),
    ]);
  });

  it('answers 404 to a route key it does not serve', async () => {
    // Prepare
    const { handler, received } = setUp();

    // Act
    const response = await handler(httpEvent('GET /v1/unknown'));

    // Assess
    expect(response.statusCode).toBe(404);
    expect(response.headers?.['content-type']).toBe('application/problem+json');
    expect(received).toEqual([]);
  });
});
