/**
 * A local stand-in for the company registers, on 127.0.0.1, in this
 * process, speaking the parts of their documented APIs the adapters use
 * (shared/adapters/registers/) and answering with the recordings in
 * `events/registers/`:
 *
 * - Slovakia's RPO: `GET /rpo/v1/search?identifier=…` and
 *   `GET /rpo/v1/entity/{id}`, without credentials;
 * - Bolagsverket: the OAuth token endpoint `POST /oauth2/token` (client
 *   credentials in Basic auth, checked against the configured client) and
 *   `POST /vardefulla-datamangder/v1/organisationer`, which wants a token
 *   this stand-in issued.
 *
 * A request no recording answers gets the register's own "not found":
 * an empty RPO search, a 404 entity, Bolagsverket's 404 `not.found`.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ClientCredentials } from '#adapters/registers/bolagsverket-register';
import type { LocalService } from './processes';
import { answers, loadRegisterRecordings, type RegisterRecording } from './register-recordings';

export interface RegistersLocalOptions {
  /** `events/registers` of the project. */
  readonly recordingsDir: string;
  /** The OAuth client Bolagsverket's token endpoint accepts. */
  readonly bolagsverketClient: ClientCredentials;
  /** Default: a free port. */
  readonly port?: number;
}

export interface RegistersLocal extends LocalService {
  /** The requests answered so far (`GET /rpo/v1/search?identifier=…`), oldest first. */
  requests(): readonly string[];
}

const organisationsPath = '/vardefulla-datamangder/v1/organisationer';

export async function startRegistersLocal(options: RegistersLocalOptions): Promise<RegistersLocal> {
  const recordings = loadRegisterRecordings(options.recordingsDir);
  const used = new Set<RegisterRecording>();
  const tokens = new Set<string>();
  const requests: string[] = [];

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    const text = await bodyText(req);
    requests.push(`${method} ${url.pathname}${url.search}`);
    if (method === 'POST' && url.pathname === '/oauth2/token') return token(req, text, res);
    if (url.pathname === organisationsPath && !tokens.has(bearerOf(req)))
      return json(res, 401, apiError(401, 'urn:bolagsverket:error:auth', 'auth.error', 'Unauthorized'));
    const body = parsedBody(text);
    const recording = recordings.find((r) => !used.has(r) && answers(r, method, url, body));
    if (!recording) return notFound(method, url, res);
    if (recording.once) used.add(recording);
    if (recording.delayMs) await new Promise((resolve) => setTimeout(resolve, recording.delayMs));
    const { status, headers, body: answer, text: raw } = recording.response;
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(raw ?? JSON.stringify(answer ?? null));
  };

  const token = (req: IncomingMessage, text: string, res: ServerResponse) => {
    const { clientId, clientSecret } = options.bolagsverketClient;
    const expected = `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`;
    const grant = new URLSearchParams(text).get('grant_type');
    if (req.headers.authorization !== expected || grant !== 'client_credentials')
      return json(res, 401, { error: 'invalid_client', error_description: 'Client authentication failed' });
    const recorded = recordings.find((r) => r.request.path === '/oauth2/token');
    const issued = randomBytes(24).toString('base64url');
    tokens.add(issued);
    return json(res, 200, { ...(recorded?.response.body as object), access_token: issued });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
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
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    requests: () => [...requests],
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** What each register answers for something it does not know. */
function notFound(method: string, url: URL, res: ServerResponse) {
  if (method === 'GET' && url.pathname === '/rpo/v1/search') return json(res, 200, { results: [] });
  if (url.pathname === organisationsPath)
    return json(res, 404, apiError(404, 'about:blank', 'not.found', 'Not Found'));
  return json(res, 404, { message: `Nothing recorded for ${method} ${url.pathname}` });
}

/** Bolagsverket's documented error body (RFC 7807). */
function apiError(status: number, type: string, instance: string, title: string) {
  return { type, instance, status, timestamp: new Date().toISOString(), title };
}

function bearerOf(req: IncomingMessage): string {
  return /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
}

function parsedBody(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

async function bodyText(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

function json(res: ServerResponse, status: number, value: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
}
