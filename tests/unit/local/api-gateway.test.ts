import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalApiGateway, maxRequestHeadBytes } from '../../../lib/local/api-gateway';
import { LocalFunctions } from '../../../lib/local/functions';
import { LocalIdentityProvider } from '../../../lib/local/identity';
import { topology } from '../../../lib/topology';

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
