import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SigniClient, type SigniClientOptions } from '#adapters/e-signature/signi-client';
import { ESignatureRefused, ESignatureUnavailable } from '#domain/contracts/e-signature';
import { samplePdf, sampleSigningRequest, signiSample } from '../../../support/signing-request';

type Reply = { status: number; body?: string | Uint8Array; headers?: Record<string, string> } | 'hang';

interface Recorded {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

const json = (status: number, sample: string): Reply => ({
  status,
  body: JSON.stringify(signiSample(sample)),
  headers: { 'content-type': 'application/json' },
});

/** A stand-in for api.signi.com on 127.0.0.1: records every request and answers with the scripted replies. */
class RecordingSigni {
  readonly requests: Recorded[] = [];
  private replies: Reply[] = [];
  private readonly server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      this.requests.push({
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks),
      });
      const reply = this.replies.shift() ?? { status: 500, body: '{"message":"no reply scripted"}' };
      if (reply === 'hang') return;
      response.writeHead(reply.status, reply.headers);
      response.end(reply.body);
    });
  });

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  answer(...replies: Reply[]) {
    this.replies = replies;
  }

  /** The recorded request's multipart body, read as a browser or Lambda would. */
  formData(index: number): Promise<FormData> {
    const recorded = this.requests[index] as Recorded;
    return new Request('http://127.0.0.1/', {
      method: recorded.method,
      headers: { 'content-type': String(recorded.headers['content-type']) },
      body: new Uint8Array(recorded.body),
    }).formData();
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

let signi: RecordingSigni;
let baseUrl: string;
let sleeps: number[];

beforeEach(async () => {
  signi = new RecordingSigni();
  baseUrl = await signi.start();
  sleeps = [];
});

afterEach(async () => {
  await signi.stop();
});

function client(options: Partial<SigniClientOptions> = {}) {
  return new SigniClient({
    baseUrl,
    apiKey: async () => 'workspace-key',
    timeoutMs: 2000,
    retries: 2,
    random: () => 0.5,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...options,
  });
}

async function failureOf(act: Promise<unknown>): Promise<Error> {
  try {
    await act;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a failure');
}

describe('SigniClient.send', () => {
  it('posts the document as Signi documents it: x-api-key, multipart data JSON and the PDF', async () => {
    // Prepare
    signi.answer(json(201, 'create-response.json'));

    // Act
    const sent = await client().send(sampleSigningRequest());

    // Assess
    expect(sent).toEqual({ externalId: '3359' });
    expect(signi.requests).toHaveLength(1);
    const [request] = signi.requests;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('/api/v1/contract/?type=doc');
    expect(request?.headers['x-api-key']).toBe('workspace-key');
    expect(request?.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    const form = await signi.formData(0);
    expect([...form.keys()]).toEqual(['data', 'uploaded_file_key']);
    const data = form.get('data') as File;
    expect(data.type).toBe('application/json');
    expect(JSON.parse(await data.text())).toEqual(signiSample('create-request-data.json'));
    const pdf = form.get('uploaded_file_key') as File;
    expect(pdf.name).toBe('zmluva-2026-000042.pdf');
    expect(pdf.type).toBe('application/pdf');
    expect(new Uint8Array(await pdf.arrayBuffer())).toEqual(samplePdf);
  });

  it('is not repeated when Signi answers 503: the caller tries again later', async () => {
    // Prepare
    signi.answer(
      { status: 503, body: '{"message":"Service Unavailable"}' },
      json(201, 'create-response.json'),
    );

    // Act
    const failure = await failureOf(client().send(sampleSigningRequest()));

    // Assess
    expect(failure).toBeInstanceOf(ESignatureUnavailable);
    expect(failure.message).toContain('503');
    expect(signi.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('is not repeated when the answer does not come in time', async () => {
    // Prepare
    signi.answer('hang', json(201, 'create-response.json'));
    const started = Date.now();

    // Act
    const failure = await failureOf(client({ timeoutMs: 150 }).send(sampleSigningRequest()));

    // Assess
    expect(failure).toBeInstanceOf(ESignatureUnavailable);
    expect(failure.message).toContain('no answer within 150 ms');
    expect(Date.now() - started).toBeLessThan(2000);
    expect(signi.requests).toHaveLength(1);
  });

  it("carries Signi's message when it refuses the request (400), without repeating it", async () => {
    // Prepare
    signi.answer(json(400, 'error-400.json'));

    // Act
    const failure = await failureOf(client().send(sampleSigningRequest()));

    // Assess
    expect(failure).toBeInstanceOf(ESignatureRefused);
    expect((failure as ESignatureRefused).status).toBe(400);
    expect(failure.message).toContain('people[1].email is not an e-mail address');
    expect(signi.requests).toHaveLength(1);
  });

  it('refuses to guess when Signi accepts the document but names no contract_id', async () => {
    // Prepare
    signi.answer({ status: 201, body: '{"state":"pending"}' });

    // Act
    const failure = await failureOf(client().send(sampleSigningRequest()));

    // Assess
    expect(failure).toBeInstanceOf(ESignatureRefused);
    expect(failure.message).toContain('no contract_id');
  });

  it('is unavailable, without a request, when the API key cannot be read', async () => {
    // Act
    const failure = await failureOf(
      client({
        apiKey: async () => {
          throw new Error('secret gridline/signi-api-key holds no API key');
        },
      }).send(sampleSigningRequest()),
    );

    // Assess
    expect(failure).toBeInstanceOf(ESignatureUnavailable);
    expect(signi.requests).toHaveLength(0);
  });
});

describe('SigniClient.status', () => {
  it.each([
    ['status-pending.json', 'pending', 'pending'],
    ['status-completed.json', 'signed', 'completed'],
    ['status-rejected.json', 'declined', 'rejected'],
    ['status-expired.json', 'expired', 'expired'],
  ])('reads %s as %s', async (sample, state, providerState) => {
    // Prepare
    signi.answer(json(200, sample));

    // Act
    const contract = await client().status('3359');

    // Assess
    expect(contract).toEqual({
      externalId: '3359',
      state,
      providerState,
      ...(state === 'signed'
        ? { signedFileUrl: signiSample<{ file: string }>('status-completed.json').file }
        : {}),
    });
    expect(signi.requests.map((r) => [r.method, r.url, r.headers['x-api-key']])).toEqual([
      ['GET', '/api/v1/contract/3359/', 'workspace-key'],
    ]);
  });

  it('reads a state Signi does not document as still pending, keeping its word', async () => {
    // Prepare
    signi.answer({ status: 200, body: '{"contract_id":3359,"state":"review"}' });

    // Act
    const contract = await client().status('3359');

    // Assess
    expect(contract).toEqual({ externalId: '3359', state: 'pending', providerState: 'review' });
  });

  it('tries again after two 5xx answers and succeeds, backing off exponentially', async () => {
    // Prepare
    signi.answer({ status: 502 }, { status: 503 }, json(200, 'status-completed.json'));

    // Act
    const contract = await client({ baseDelayMs: 200 }).status('3359');

    // Assess
    expect(contract.state).toBe('signed');
    expect(signi.requests).toHaveLength(3);
    // Half the ceiling plus half the jitter (random 0.5): 200 → 150, 400 → 300.
    expect(sleeps).toEqual([150, 300]);
  });

  it('waits as long as a short Retry-After asks after a 429', async () => {
    // Prepare
    signi.answer({ status: 429, headers: { 'retry-after': '2' } }, json(200, 'status-pending.json'));

    // Act
    const contract = await client().status('3359');

    // Assess
    expect(contract.state).toBe('pending');
    expect(sleeps).toEqual([2000]);
  });

  it('does not wait out a long Retry-After', async () => {
    // Prepare
    signi.answer({ status: 429, headers: { 'retry-after': '120' } }, json(200, 'status-pending.json'));

    // Act
    const failure = await failureOf(client().status('3359'));

    // Assess
    expect(failure).toBeInstanceOf(ESignatureUnavailable);
    expect(signi.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('is unavailable when no answer comes in time on any attempt', async () => {
    // Prepare
    signi.answer('hang', 'hang');
    const started = Date.now();

    // Act
    const failure = await failureOf(client({ timeoutMs: 100, retries: 1 }).status('3359'));

    // Assess
    expect(failure).toBeInstanceOf(ESignatureUnavailable);
    expect(failure.message).toContain('2 attempts');
    expect(signi.requests).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('is refused, once, for a contract Signi does not know', async () => {
    // Prepare
    signi.answer({ status: 404, body: '{"message":"Contract not found"}' });

    // Act
    const failure = await failureOf(client().status('9999'));

    // Assess
    expect(failure).toBeInstanceOf(ESignatureRefused);
    expect((failure as ESignatureRefused).status).toBe(404);
    expect(failure.message).toContain('Contract not found');
    expect(signi.requests).toHaveLength(1);
  });
});

describe('SigniClient.download', () => {
  it("fetches the signed PDF behind Signi's link", async () => {
    // Prepare
    signi.answer({ status: 200, body: samplePdf, headers: { 'content-type': 'application/pdf' } });

    // Act
    const pdf = await client().download(`${baseUrl}/api/v1/contract/pdf/preview?hash=95d02b75`);

    // Assess
    expect(pdf).toEqual(samplePdf);
    expect(signi.requests.map((r) => [r.method, r.url])).toEqual([
      ['GET', '/api/v1/contract/pdf/preview?hash=95d02b75'],
    ]);
  });

  it('tries again after a 5xx', async () => {
    // Prepare
    signi.answer({ status: 500 }, { status: 200, body: samplePdf });

    // Act
    const pdf = await client().download(`${baseUrl}/api/v1/contract/pdf/preview?hash=95d02b75`);

    // Assess
    expect(pdf).toEqual(samplePdf);
    expect(signi.requests).toHaveLength(2);
  });

  it('is refused when the ten minutes of the link are over', async () => {
    // Prepare
    signi.answer({ status: 410, body: '{"message":"The link has expired"}' });

    // Act
    const failure = await failureOf(client().download(`${baseUrl}/api/v1/contract/pdf/preview?hash=old`));

    // Assess
    expect(failure).toBeInstanceOf(ESignatureRefused);
    expect((failure as ESignatureRefused).status).toBe(410);
  });

  it('is unavailable when the link answers with something that is not a PDF', async () => {
    // Prepare
    signi.answer({ status: 200, body: '<html>maintenance</html>' }, { status: 200, body: '<html/>' });

    // Act
    const failure = await failureOf(client().download(`${baseUrl}/api/v1/contract/pdf/preview?hash=x`));

    // Assess
    expect(failure).toBeInstanceOf(ESignatureUnavailable);
  });

  it('does not follow a link to another host, so the API key stays with Signi', async () => {
    // Act
    const failure = await failureOf(
      client().download('https://attacker.example/api/v1/contract/pdf/preview'),
    );

    // Assess
    expect(failure.message).toContain('is not Signi');
    expect(signi.requests).toHaveLength(0);
  });
});

describe('SigniClient.cancel', () => {
  it('deletes the contract', async () => {
    // Prepare
    signi.answer({ status: 204 });

    // Act
    await client().cancel('3359');

    // Assess
    expect(signi.requests.map((r) => [r.method, r.url, r.headers['x-api-key']])).toEqual([
      ['DELETE', '/api/v1/contract/3359/', 'workspace-key'],
    ]);
  });

  it('takes a 404 after an unanswered attempt as the first attempt having withdrawn it', async () => {
    // Prepare
    signi.answer('hang', { status: 404, body: '{"message":"Contract not found"}' });

    // Act
    await client({ timeoutMs: 100 }).cancel('3359');

    // Assess
    expect(signi.requests.map((r) => r.method)).toEqual(['DELETE', 'DELETE']);
  });

  it('is refused for a contract Signi does not know', async () => {
    // Prepare
    signi.answer({ status: 404, body: '{"message":"Contract not found"}' });

    // Act
    const failure = await failureOf(client().cancel('9999'));

    // Assess
    expect(failure).toBeInstanceOf(ESignatureRefused);
  });
});
