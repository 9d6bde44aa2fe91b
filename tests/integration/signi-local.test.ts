import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SigniClient } from '#adapters/e-signature/signi-client';
import { signiCallback } from '#adapters/e-signature/signi-protocol';
import { ESignatureRefused } from '#domain/contracts/e-signature';
import { type SigniLocal, startSigniLocal } from '../../lib/local/signi-local';
import { samplePdf, sampleSigningRequest, signiSample } from '../support/signing-request';

interface Callback {
  readonly url: URL;
  readonly headers: IncomingHttpHeaders;
  readonly body: unknown;
}

/** Our side of the callbacks: records what Signi posts and answers 200. */
class CallbackReceiver {
  readonly received: Callback[] = [];
  private readonly server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      this.received.push({
        url: new URL(request.url ?? '/', 'http://127.0.0.1'),
        headers: request.headers,
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
      });
      response.writeHead(200).end();
    });
  });
  url = '';

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

const apiKey = 'local-workspace-key';
let clock: number;
let signi: SigniLocal;
let receiver: CallbackReceiver;

beforeAll(async () => {
  receiver = new CallbackReceiver();
  await receiver.start();
});

afterAll(async () => {
  await receiver.stop();
});

beforeEach(async () => {
  clock = Date.parse('2026-12-04T10:00:00Z');
  signi = await startSigniLocal({ apiKey, now: () => clock });
  receiver.received.length = 0;
});

afterEach(async () => {
  await signi.stop();
});

const client = (key = apiKey) =>
  new SigniClient({ baseUrl: signi.endpoint, apiKey: async () => key, timeoutMs: 2000, retries: 1 });
const callbackUrl = () => `${receiver.url}/v1/webhooks/e-signature?token=Vb4rQd8nZ2kT6yLm0sXw1pHc`;

async function failureOf(act: Promise<unknown>): Promise<Error> {
  try {
    await act;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a failure');
}

describe('the local Signi with the real adapter', () => {
  it('takes a document, lets it be signed, calls back as Signi does, and hands out the signed PDF', async () => {
    // Prepare
    const adapter = client();
    const { externalId } = await adapter.send(sampleSigningRequest(callbackUrl()));
    const before = await adapter.status(externalId);

    // Act
    await signi.decide(externalId, 'completed');
    const after = await adapter.status(externalId);

    // Assess
    expect(before).toEqual({ externalId, state: 'pending', providerState: 'pending' });
    expect(receiver.received).toHaveLength(1);
    const [callback] = receiver.received as [Callback];
    expect(callback.url.pathname).toBe('/v1/webhooks/e-signature');
    expect(Object.fromEntries(callback.url.searchParams)).toEqual({
      token: 'Vb4rQd8nZ2kT6yLm0sXw1pHc',
      state: 'completed',
    });
    expect(callback.headers['content-type']).toBe('application/json');
    expect(callback.body).toEqual({
      contract_id: Number(externalId),
      state: 'completed',
      file: expect.stringMatching(/\/api\/v1\/contract\/pdf\/preview\?hash=[0-9a-f]+$/),
      attachments: [],
    });
    expect(signiCallback.safeParse(callback.body).success).toBe(true);
    expect(after).toEqual({
      externalId,
      state: 'signed',
      providerState: 'completed',
      signedFileUrl: expect.stringContaining(`${signi.endpoint}/api/v1/contract/pdf/preview?hash=`),
    });
    expect(await adapter.download(after.signedFileUrl as string)).toEqual(samplePdf);
    const { file } = callback.body as { file: string };
    expect(await adapter.download(file)).toEqual(samplePdf);
  });

  it.each([
    ['rejected', 'declined'],
    ['expired', 'expired'],
  ] as const)('calls back only the %s webhook, with the recorded body', async (result, state) => {
    // Prepare
    const adapter = client();
    const { externalId } = await adapter.send(sampleSigningRequest(callbackUrl()));

    // Act
    await signi.decide(externalId, result);

    // Assess
    expect(receiver.received.map((c) => c.url.searchParams.get('state'))).toEqual([result]);
    expect(receiver.received[0]?.body).toEqual(signiSample(`callback-${result}.json`));
    expect(await adapter.status(externalId)).toEqual({ externalId, state, providerState: result });
  });

  it('answers the create and status calls with the recorded shapes', async () => {
    // Prepare
    const form = new FormData();
    form.append('data', new Blob([JSON.stringify(signiSample('create-request-data.json'))]), 'data.json');
    form.append('uploaded_file_key', new Blob([samplePdf], { type: 'application/pdf' }), 'zmluva.pdf');

    // Act
    const created = await fetch(`${signi.endpoint}/api/v1/contract/?type=doc`, {
      method: 'POST',
      headers: { 'x-api-key': apiKey },
      body: form,
    });
    const detail = await fetch(`${signi.endpoint}/api/v1/contract/3359/`, {
      headers: { 'x-api-key': apiKey },
    });

    // Assess
    expect(created.status).toBe(201);
    expect(await created.json()).toEqual(signiSample('create-response.json'));
    expect(await detail.json()).toEqual(signiSample('status-pending.json'));
  });

  it('stops serving a signed-PDF link after ten minutes', async () => {
    // Prepare
    const adapter = client();
    const { externalId } = await adapter.send(sampleSigningRequest(callbackUrl()));
    await signi.decide(externalId, 'completed');
    const { signedFileUrl } = await adapter.status(externalId);

    // Act
    clock += 10 * 60 * 1000;
    const failure = await failureOf(adapter.download(signedFileUrl as string));

    // Assess
    expect(failure).toBeInstanceOf(ESignatureRefused);
    expect((failure as ESignatureRefused).status).toBe(410);
  });

  it('refuses a wrong API key with 401', async () => {
    // Act
    const failure = await failureOf(client('wrong-key').send(sampleSigningRequest(callbackUrl())));

    // Assess
    expect(failure).toBeInstanceOf(ESignatureRefused);
    expect((failure as ESignatureRefused).status).toBe(401);
    expect(signi.contracts()).toHaveLength(0);
  });

  it.each([
    ['without signers', { signers: [] }, 'no counterparty signs'],
    [
      'with a signer without an e-mail address',
      { signers: [{ firstName: 'Ján', lastName: 'Kováč', email: '' }] },
      'people[1].email',
    ],
    [
      'with something other than a PDF',
      { document: { fileName: 'zmluva.docx', content: new TextEncoder().encode('PK…') } },
      'not a PDF',
    ],
  ])('refuses a document %s as Signi would', async (_case, change, message) => {
    // Act
    const failure = await failureOf(client().send({ ...sampleSigningRequest(callbackUrl()), ...change }));

    // Assess
    expect(failure).toBeInstanceOf(ESignatureRefused);
    expect((failure as ESignatureRefused).status).toBe(400);
    expect(failure.message).toContain(message);
    expect(signi.contracts()).toHaveLength(0);
  });

  it.each([
    ['no proposer', false],
    ['everyone a proposer', true],
  ])('refuses a document with %s', async (_case, everyone) => {
    // Prepare
    const data = signiSample<{ people: { is_proposer: boolean }[] }>('create-request-data.json');
    const people = data.people.map((person) => ({ ...person, is_proposer: everyone }));
    const form = new FormData();
    form.append('data', new Blob([JSON.stringify({ ...data, people })]), 'data.json');
    form.append('uploaded_file_key', new Blob([samplePdf]), 'zmluva.pdf');

    // Act
    const answer = await fetch(`${signi.endpoint}/api/v1/contract/?type=doc`, {
      method: 'POST',
      headers: { 'x-api-key': apiKey },
      body: form,
    });

    // Assess
    expect(answer.status).toBe(400);
    expect(await answer.json()).toEqual({ message: 'a document has exactly one proposer (is_proposer)' });
  });

  it('withdraws a document: it is gone afterwards', async () => {
    // Prepare
    const adapter = client();
    const { externalId } = await adapter.send(sampleSigningRequest(callbackUrl()));

    // Act
    await adapter.cancel(externalId);
    const failure = await failureOf(adapter.status(externalId));

    // Assess
    expect(failure).toBeInstanceOf(ESignatureRefused);
    expect((failure as ESignatureRefused).status).toBe(404);
  });
});

describe("the local Signi's pages", () => {
  it('list the documents and let a person sign one, escaping what the document says', async () => {
    // Prepare
    const { externalId } = await client().send({
      ...sampleSigningRequest(callbackUrl()),
      name: 'Zmluva <script>alert(1)</script> & spol.',
    });

    // Act
    const list = await (await fetch(`${signi.endpoint}/`)).text();
    const page = await (await fetch(`${signi.endpoint}/contracts/${externalId}`)).text();
    const decision = await fetch(`${signi.endpoint}/contracts/${externalId}/decision`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'result=completed',
      redirect: 'manual',
    });

    // Assess
    expect(list).toContain(`<a href="/contracts/${externalId}">${externalId}</a>`);
    expect(page).toContain('Zmluva &lt;script&gt;alert(1)&lt;/script&gt; &amp; spol.');
    expect(page).not.toContain('<script>');
    expect(page).toContain('value="completed"');
    expect(decision.status).toBe(303);
    expect(decision.headers.get('location')).toBe(`/contracts/${externalId}`);
    expect(signi.contracts()[0]?.state).toBe('completed');
    expect(receiver.received.map((c) => c.url.searchParams.get('state'))).toEqual(['completed']);
  });

  it('refuse a second decision on a decided document', async () => {
    // Prepare
    const { externalId } = await client().send(sampleSigningRequest(callbackUrl()));
    await signi.decide(externalId, 'rejected');

    // Act
    const again = await fetch(`${signi.endpoint}/contracts/${externalId}/decision`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'result=completed',
    });

    // Assess
    expect(again.status).toBe(409);
    expect(receiver.received).toHaveLength(1);
  });
});
