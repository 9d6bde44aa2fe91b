import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpEvent } from '#http/http-handler';
import { LocalApiGateway, maxRequestHeadBytes } from '../../../lib/local/api-gateway';
import { LocalFunctions } from '../../../lib/local/functions';
import { LocalIdentityProvider } from '../../../lib/local/identity';
import { topology } from '../../../lib/topology';
import type { FunctionDefinition } from '../../../lib/topology-types';

const projectRoot = path.resolve(import.meta.dirname, '../../..');

/** What the gateway answered: status, type and the parsed body. */
async function answerOf(response: Response) {
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    body: (await response.json()) as Record<string, unknown>,
  };
}

describe('LocalApiGateway', () => {
  let gateway: LocalApiGateway;
  let url: string;

  beforeAll(async () => {
    // Every handler fails: what the gateway answers by itself is under test.
    const functions = new LocalFunctions(projectRoot, () => async () => {
      throw new Error('the handler failed');
    });
    const identity = await LocalIdentityProvider.open(mkdtempSync(path.join(tmpdir(), 'gridline-gw-')));
    gateway = new LocalApiGateway(topology, functions, identity);
    url = await gateway.listen(0);
  });
  afterAll(() => gateway.close());

  it('answers a path and method that match no route with a not-found problem', async () => {
    // Act
    const answers = await Promise.all([
      fetch(`${url}/v1/no-such-thing`).then(answerOf),
      fetch(`${url}/openapi.json`, { method: 'DELETE' }).then(answerOf),
    ]);

    // Assess
    expect(answers).toEqual([
      {
        status: 404,
        contentType: 'application/problem+json',
        body: expect.objectContaining({
          type: 'urn:gridline:problem:not-found',
          detail: 'No route GET /v1/no-such-thing.',
        }),
      },
      {
        status: 404,
        contentType: 'application/problem+json',
        body: expect.objectContaining({ type: 'urn:gridline:problem:not-found' }),
      },
    ]);
  });

  it('answers a secured route without a valid bearer token with an unauthorized problem', async () => {
    // Act
    const answers = await Promise.all([
      fetch(`${url}/v1/accounts`).then(answerOf),
      fetch(`${url}/v1/accounts`, { headers: { authorization: 'Bearer not.a.token' } }).then(answerOf),
    ]);

    // Assess
    const unauthorized = {
      status: 401,
      contentType: 'application/problem+json',
      body: expect.objectContaining({ type: 'urn:gridline:problem:unauthorized', status: 401 }),
    };
    expect(answers).toEqual([unauthorized, unauthorized]);
  });

  it('hands a query of 5 000 percent-encoded characters on to the handler', async () => {
    // Act
    const answer = await fetch(`${url}/openapi.json?cursor=${encodeURIComponent('é'.repeat(5000))}`);

    // Assess
    expect(answer.status).toBe(500);
    expect(await answer.json()).toMatchObject({ type: 'urn:gridline:problem:internal' });
  });

  it('answers a request line and headers over its limit with a 431 problem', async () => {
    // Act
    const answer = await fetch(`${url}/openapi.json`, {
      headers: { 'x-padding': 'a'.repeat(maxRequestHeadBytes) },
    }).then(answerOf);

    // Assess
    expect(answer).toEqual({
      status: 431,
      contentType: 'application/problem+json',
      body: expect.objectContaining({ type: 'urn:gridline:problem:headers-too-large', status: 431 }),
    });
  });

  it('answers a handler that fails with an internal problem', async () => {
    // Act
    const answer = await fetch(`${url}/openapi.json`).then(answerOf);

    // Assess
    expect(answer).toEqual({
      status: 500,
      contentType: 'application/problem+json',
      body: expect.objectContaining({ type: 'urn:gridline:problem:internal', status: 500 }),
    });
  });
});

/** Functions that answer what they were invoked with, without loading any. */
class EchoFunctions extends LocalFunctions {
  override async invoke<R>(fn: FunctionDefinition, event: HttpEvent): Promise<R> {
    const { routeKey, pathParameters } = event;
    return { statusCode: 200, body: JSON.stringify({ function: fn.name, routeKey, pathParameters }) } as R;
  }
}

describe('LocalApiGateway, as the deployed API routes', () => {
  let gateway: LocalApiGateway;
  let url: string;
  let token: string;

  beforeAll(async () => {
    const functions = new EchoFunctions(projectRoot);
    const identity = await LocalIdentityProvider.open(mkdtempSync(path.join(tmpdir(), 'gridline-gw-')));
    token = await identity.mint({
      sub: 'user-1',
      tenantId: 'tenant-se',
      groups: ['admin'],
      email: 'admin@example.test',
    });
    gateway = new LocalApiGateway(topology, functions, identity);
    url = await gateway.listen(0);
  });
  afterAll(() => gateway.close());

  const invoked = async (pathAndQuery: string, init: RequestInit = {}) => {
    const response = await fetch(`${url}${pathAndQuery}`, {
      ...init,
      headers: { authorization: `Bearer ${token}`, ...init.headers },
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it('hands a request under a greedy route the deployed route key and its path parameters, decoded', async () => {
    // Act
    const answers = await Promise.all([
      invoked('/v1/commissions/c%201/instalments/i1/hold', { method: 'POST' }),
      invoked('/v1/accounts/a%2F1/attachments/f1/download'),
      invoked('/v1/accounts'),
    ]);

    // Assess
    expect(answers.map((a) => a.body)).toEqual([
      {
        function: 'commissions-api',
        routeKey: 'ANY /v1/commissions/{proxy+}',
        pathParameters: { proxy: 'c 1/instalments/i1/hold' },
      },
      {
        function: 'attachments-api',
        routeKey: 'ANY /v1/accounts/{accountId}/attachments/{proxy+}',
        pathParameters: { accountId: 'a/1', proxy: 'f1/download' },
      },
      { function: 'accounts-api', routeKey: 'ANY /v1/accounts' },
    ]);
  });

  it('keeps the exact route of a public operation, without the authorizer', async () => {
    // Act
    const answer = await fetch(`${url}/v1/webhooks/leads/s%201`, { method: 'POST' });

    // Assess
    expect(await answer.json()).toEqual({
      function: 'lead-webhook',
      routeKey: 'POST /v1/webhooks/leads/{sourceId}',
      pathParameters: { sourceId: 's 1' },
    });
  });

  it('asks a token of a request under a greedy route, whatever its path', async () => {
    // Act
    const answer = await fetch(`${url}/v1/commissions/anything/at/all`);

    // Assess
    expect(answer.status).toBe(401);
  });

  it('answers a path outside every route 404 itself, and one under a route that matches no operation is the function’s', async () => {
    // Act
    const answers = await Promise.all([invoked('/v2/commissions'), invoked('/v1/commissions/no/such/thing')]);

    // Assess
    expect(answers).toEqual([
      { status: 404, body: expect.objectContaining({ type: 'urn:gridline:problem:not-found' }) },
      {
        status: 200,
        body: expect.objectContaining({
          function: 'commissions-api',
          routeKey: 'ANY /v1/commissions/{proxy+}',
        }),
      },
    ]);
  });

  it('names the operation’s path parameter that is not percent-encoded UTF-8', async () => {
    // Act
    const answer = await invoked('/v1/commissions/%C0/approve', { method: 'POST' });

    // Assess
    expect(answer).toEqual({
      status: 400,
      body: expect.objectContaining({
        'invalid-params': [{ name: 'commissionId', reason: 'is not valid percent-encoded UTF-8' }],
      }),
    });
  });
});
