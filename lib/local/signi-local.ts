/**
 * A local Signi on 127.0.0.1, in this process, speaking the part of Signi's
 * API the adapter uses (shared/adapters/e-signature/): `x-api-key`,
 * `POST /api/v1/contract/?type=doc` (multipart `data` + `uploaded_file_key`),
 * `GET` and `DELETE /api/v1/contract/{id}/`, and the ten-minute signed-PDF
 * links `GET /api/v1/contract/pdf/preview?hash=…`.
 *
 * In place of the signers' e-mails it has pages: `/` lists the documents,
 * `/contracts/{id}` shows one with Sign, Reject and Let expire. A decision
 * (there, or `decide()` in tests) posts Signi's callback to the webhook of
 * that result, exactly as Signi documents it. Documents live in memory.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type SigniResult, signiResults } from '#adapters/e-signature/signi-protocol';
import type { LocalService } from './processes';
import { contractPage, contractsPage, messagePage } from './signi-local-pages';
import {
  type CallbackDelivery,
  type LocalSigniContract,
  LocalSigniStore,
  SigniRequestError,
} from './signi-local-store';

export interface SigniLocalOptions {
  /** The workspace key requests must carry in `x-api-key`. */
  readonly apiKey: string;
  /** Default: a free port. */
  readonly port?: number;
  /** The clock of the signed-PDF links' ten minutes. */
  readonly now?: () => number;
}

export interface SigniLocal extends LocalService {
  /** The documents sent so far, oldest first. */
  contracts(): readonly LocalSigniContract[];
  /** What a signer (or the calendar) does on Signi: the callback made for it, if a webhook was registered. */
  decide(externalId: string, result: SigniResult): Promise<CallbackDelivery | undefined>;
}

const MAX_BODY_BYTES = 25 * 1024 * 1024;

export async function startSigniLocal(options: SigniLocalOptions): Promise<SigniLocal> {
  let endpoint = '';
  const store = new LocalSigniStore(() => endpoint, options.now);
  const server = createServer((req, res) => {
    handle(store, options.apiKey, req, res).catch((error: unknown) => {
      if (!res.headersSent)
        json(res, 500, { message: error instanceof Error ? error.message : String(error) });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    port,
    contracts: () => store.list(),
    decide: (externalId, result) => store.decide(externalId, result),
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

async function handle(store: LocalSigniStore, apiKey: string, req: IncomingMessage, res: ServerResponse) {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const method = req.method ?? 'GET';
  const path = url.pathname;
  try {
    if (path.startsWith('/api/')) return await api(store, apiKey, method, url, req, res);
    return await pages(store, method, path, req, res);
  } catch (error) {
    if (!(error instanceof SigniRequestError)) throw error;
    if (path.startsWith('/api/')) return json(res, error.status, { message: error.message });
    return html(res, error.status, messagePage(`Error ${error.status}`, error.message));
  }
}

async function api(
  store: LocalSigniStore,
  apiKey: string,
  method: string,
  url: URL,
  req: IncomingMessage,
  res: ServerResponse,
) {
  const path = url.pathname;
  // The link is its own credential: it is handed to callbacks that carry no key.
  if (method === 'GET' && path === '/api/v1/contract/pdf/preview')
    return pdf(res, store.signedPdf(url.searchParams.get('hash') ?? ''));
  if (req.headers['x-api-key'] !== apiKey) throw new SigniRequestError(401, 'Invalid or missing x-api-key');
  if (method === 'POST' && /^\/api\/v1\/contract\/?$/.test(path)) {
    if (url.searchParams.get('type') !== 'doc')
      throw new SigniRequestError(400, 'The local Signi takes documents (type=doc) only');
    return json(res, 201, await store.create(await formData(req)));
  }
  const id = /^\/api\/v1\/contract\/([^/]+)\/?$/.exec(path)?.[1];
  if (id !== undefined && method === 'GET') return json(res, 200, store.detail(decodeURIComponent(id)));
  if (id !== undefined && method === 'DELETE') {
    store.remove(decodeURIComponent(id));
    res.writeHead(204).end();
    return;
  }
  throw new SigniRequestError(404, `${method} ${path} is not part of the local Signi`);
}

async function pages(
  store: LocalSigniStore,
  method: string,
  path: string,
  req: IncomingMessage,
  res: ServerResponse,
) {
  if (method === 'GET' && path === '/') return html(res, 200, contractsPage(store.list()));
  const [, id, rest] = /^\/contracts\/(\d+)(\/document|\/decision)?$/.exec(path) ?? [];
  if (id !== undefined && method === 'GET' && rest === undefined)
    return html(res, 200, contractPage(store.find(id)));
  if (id !== undefined && method === 'GET' && rest === '/document')
    return pdf(res, store.find(id).document.content);
  if (id !== undefined && method === 'POST' && rest === '/decision') {
    const result = new URLSearchParams((await body(req)).toString('utf8')).get('result');
    if (!(signiResults as readonly (string | null)[]).includes(result))
      throw new SigniRequestError(400, `result must be one of ${signiResults.join(', ')}`);
    await store.decide(id, result as SigniResult);
    res.writeHead(303, { location: `/contracts/${id}` }).end();
    return;
  }
  throw new SigniRequestError(404, `Nothing at ${path}`);
}

/** The multipart body, parsed by the platform's own FormData reader. */
async function formData(req: IncomingMessage): Promise<FormData> {
  const contentType = req.headers['content-type'] ?? '';
  if (!contentType.startsWith('multipart/form-data'))
    throw new SigniRequestError(400, 'The request must be multipart/form-data');
  const bytes = await body(req);
  try {
    return await new Request('http://127.0.0.1/', {
      method: 'POST',
      headers: { 'content-type': contentType },
      body: new Uint8Array(bytes),
    }).formData();
  } catch {
    throw new SigniRequestError(400, 'The multipart body cannot be read');
  }
}

async function body(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new SigniRequestError(413, 'The request is too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function json(res: ServerResponse, status: number, value: object) {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
}

function html(res: ServerResponse, status: number, text: string) {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' }).end(text);
}

function pdf(res: ServerResponse, content: Uint8Array) {
  res.writeHead(200, { 'content-type': 'application/pdf' }).end(content);
}
