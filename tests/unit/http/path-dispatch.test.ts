import { Logger } from '@aws-lambda-powertools/logger';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createHttpHandler, type HttpEvent } from '#http/http-handler';
import { type BoundRoute, bind, defineRoute, type HttpMethod, type RouteContract } from '#http/route';

const claims = { sub: 'user-1', 'custom:tenantId': 'tenant-se', 'cognito:groups': ['admin'] };

const operation = (operationId: string, method: HttpMethod, path: string, params?: z.ZodType) =>
  defineRoute({
    operationId,
    method,
    path,
    summary: operationId,
    tag: 'Things',
    permission: 'read',
    ...(params ? { params } : {}),
    success: { status: 200, description: 'What it received', schema: z.looseObject({}) },
    errors: [],
  });

const contracts: RouteContract[] = [
  operation('listThings', 'GET', '/v1/things'),
  operation('createThing', 'POST', '/v1/things'),
  operation('specialThing', 'GET', '/v1/things/special'),
  operation('getThing', 'GET', '/v1/things/{thingId}', z.object({ thingId: z.string() })),
  operation('updateThing', 'PATCH', '/v1/things/{thingId}', z.object({ thingId: z.string() })),
  operation(
    'getNote',
    'GET',
    '/v1/things/{thingId}/notes/{noteId}',
    z.object({ thingId: z.string(), noteId: z.string() }),
  ),
];

/** Each operation answers its own id and the path parameters it was given. */
const handler = createHttpHandler(
  contracts.map(
    (contract): BoundRoute =>
      bind(contract, async ({ params }) => ({
        body: { operation: contract.operationId, params: params ?? {} },
      })),
  ),
  new Logger({ serviceName: 'test', logLevel: 'SILENT' }),
);

/** An event as API Gateway sends it through the deployed route `routeKey`, with its (decoded) path parameters. */
function viaRoute(method: string, routeKey: string, pathParameters?: Record<string, string>): HttpEvent {
  return {
    version: '2.0',
    routeKey,
    rawPath: '/ignored',
    rawQueryString: '',
    headers: {},
    ...(pathParameters ? { pathParameters } : {}),
    isBase64Encoded: false,
    requestContext: {
      accountId: '123456789012',
      apiId: 'api',
      domainName: 'api.example.test',
      domainPrefix: 'api',
      http: { method, path: '/ignored', protocol: 'HTTP/1.1', sourceIp: '192.0.2.1', userAgent: 'vitest' },
      requestId: 'request-1',
      routeKey,
      stage: '$default',
      time: '02/Mar/2025:12:30:00 +0000',
      timeEpoch: 1740918600000,
      authorizer: { jwt: { claims, scopes: [] } },
    },
  };
}

async function answer(event: HttpEvent) {
  const response = await handler(event);
  return {
    status: response.statusCode,
    allow: response.headers?.allow,
    body: JSON.parse(response.body ?? '{}') as Record<string, unknown>,
  };
}

describe('an HTTP handler behind an ANY or greedy route', () => {
  it('runs the operation whose template the path fits, with its parameters as API Gateway decoded them', async () => {
    // Act
    const answers = await Promise.all([
      answer(viaRoute('GET', 'ANY /v1/things/{proxy+}', { proxy: 'a b/c%d' })),
      answer(viaRoute('GET', 'ANY /v1/things/{proxy+}', { proxy: 'thing é/notes/n 1' })),
      answer(viaRoute('POST', 'ANY /v1/things')),
      answer(viaRoute('GET', 'ANY /v1/things/{thingId}/{proxy+}', { thingId: 'x/y', proxy: 'notes/n1' })),
    ]);

    // Assess
    expect(answers.map((a) => [a.status, a.body])).toEqual([
      [404, expect.objectContaining({ detail: 'No route GET /v1/things/a b/c%d.' })],
      [200, { operation: 'getNote', params: { thingId: 'thing é', noteId: 'n 1' } }],
      [200, { operation: 'createThing', params: {} }],
      // A parameter before the greedy part stays whole, slash and all: API Gateway matched it as one segment.
      [200, { operation: 'getNote', params: { thingId: 'x/y', noteId: 'n1' } }],
    ]);
  });

  it('prefers a literal segment to a path variable, and the method to the literal, as API Gateway would', async () => {
    // Act
    const answers = await Promise.all([
      answer(viaRoute('GET', 'ANY /v1/things/{proxy+}', { proxy: 'special' })),
      answer(viaRoute('PATCH', 'ANY /v1/things/{proxy+}', { proxy: 'special' })),
      answer(viaRoute('GET', 'ANY /v1/things/{proxy+}', { proxy: 'ordinary' })),
    ]);

    // Assess
    expect(answers.map((a) => a.body)).toEqual([
      { operation: 'specialThing', params: {} },
      { operation: 'updateThing', params: { thingId: 'special' } },
      { operation: 'getThing', params: { thingId: 'ordinary' } },
    ]);
  });

  it('answers a known path with another method 405, naming the methods it takes in Allow', async () => {
    // Act
    const answers = await Promise.all([
      answer(viaRoute('DELETE', 'ANY /v1/things/{proxy+}', { proxy: 't1' })),
      answer(viaRoute('PUT', 'ANY /v1/things')),
    ]);

    // Assess
    expect(answers).toEqual([
      {
        status: 405,
        allow: 'GET, PATCH',
        body: expect.objectContaining({
          type: 'urn:gridline:problem:method-not-allowed',
          status: 405,
          detail: '/v1/things/t1 takes GET, PATCH, not DELETE.',
        }),
      },
      expect.objectContaining({ status: 405, allow: 'GET, POST' }),
    ]);
  });

  it('answers a path that is none of its operations 404, and a trailing slash is not the path without it', async () => {
    // Act
    const answers = await Promise.all([
      answer(viaRoute('GET', 'ANY /v1/things/{proxy+}', { proxy: 't1/nothing' })),
      // API Gateway's greedy route takes `/v1/things/t1/` with an empty last segment.
      answer(viaRoute('GET', 'ANY /v1/things/{proxy+}', { proxy: 't1/' })),
      answer(viaRoute('GET', 'ANY /v1/things/{proxy+}', { proxy: '' })),
      answer(viaRoute('GET', 'ANY /v1/things/{proxy+}')),
      answer(viaRoute('GET', '$default')),
    ]);

    // Assess
    expect(answers.map((a) => [a.status, a.body.type])).toEqual(
      Array(5).fill([404, 'urn:gridline:problem:not-found']),
    );
  });

  it('still takes an exact route key as the operation itself, with the parameters it came with', async () => {
    // Act
    const reply = await answer(viaRoute('GET', 'GET /v1/things/{thingId}', { thingId: 'special' }));

    // Assess
    expect(reply.body).toEqual({ operation: 'getThing', params: { thingId: 'special' } });
  });
});
