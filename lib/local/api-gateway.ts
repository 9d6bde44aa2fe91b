import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { internalProblem, problem, problemResponse, validationProblem } from '#http/problem';
import { OperationMatcher, pathSegments } from '#http/route-matcher';
import { type DeployedRoute, deployedRouteKey, deployedRoutes } from '../deployed-routes';
import type { FunctionDefinition, HttpRoute, Topology } from '../topology-types';
import { DeployedRouteMatcher } from './deployed-route-matcher';
import type { LocalFunctions } from './functions';
import type { LocalIdentityProvider } from './identity';

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** API Gateway joins repeated query parameters with commas. */
function queryParameters(search: URLSearchParams): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const [name, value] of search) out[name] = name in out ? `${out[name]},${value}` : value;
  return Object.keys(out).length > 0 ? out : undefined;
}

/** A path segment decoded, or nothing when its percent-encoding is not UTF-8 (`%C0`). */
function decodePathSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

const textTypes = /^(application\/(.+\+)?json|text\/|application\/x-www-form-urlencoded)/i;

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * The body as the event carries it: text types as text, the rest base64.
 * Text that is not UTF-8 goes base64 too, so the handler sees the bytes
 * sent instead of a decoded copy with U+FFFD in their place.
 */
function eventBody(raw: Buffer, isText: boolean): { body?: string; isBase64Encoded: boolean } {
  if (raw.length === 0) return { isBase64Encoded: false };
  if (isText) {
    try {
      return { body: utf8.decode(raw), isBase64Encoded: false };
    } catch {
      // Not UTF-8: passed on as bytes, below.
    }
  }
  return { body: raw.toString('base64'), isBase64Encoded: true };
}

/**
 * The request line and headers the gateway reads (Node's default is 16 KiB):
 * room for a query parameter of a few thousand characters, percent-encoded,
 * to reach the handler, whose schema refuses it by name.
 */
export const maxRequestHeadBytes = 64 * 1024;

/**
 * A request Node's parser refuses before there is a request to answer: a
 * head over the limit is a 431 problem, anything else a bare 400.
 */
function refuseUnparsable(error: NodeJS.ErrnoException, socket: Socket): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  if (error.code !== 'HPE_HEADER_OVERFLOW') {
    socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    return;
  }
  const body = JSON.stringify(
    problem(
      'headers-too-large',
      `The request line and headers are longer than ${maxRequestHeadBytes} bytes.`,
    ),
  );
  socket.end(
    [
      'HTTP/1.1 431 Request Header Fields Too Large',
      'Content-Type: application/problem+json',
      `Content-Length: ${Buffer.byteLength(body)}`,
      'Connection: close',
      '',
      body,
    ].join('\r\n'),
  );
}

/** A local route's answer: JSON, or the text of `contentType` (a page). */
export type LocalAnswer =
  | { readonly status: number; readonly body: unknown }
  | { readonly status: number; readonly body: string; readonly contentType: string };

/** A route of the local runtime itself: the URL and the raw body in, an answer out. */
export type LocalRoute = (url: URL, body: Buffer) => LocalAnswer | Promise<LocalAnswer>;

/**
 * The HTTP API on 127.0.0.1: matches the routes the deployed API has (most
 * of them `ANY` and greedy routes, lib/deployed-routes.ts) as API Gateway
 * does, authorizes the bearer token like the JWT authorizer where the route
 * has it, and invokes the same handler with an API Gateway v2 (payload 2.0)
 * event: the deployed route's key and its path parameters, decoded. What it answers itself (no route, no
 * valid token, a failed handler) is a problem+json, where API Gateway sends
 * its own `{"message": …}` (docs/architecture.md, "Answers of the gateway").
 */
export class LocalApiGateway {
  private readonly routes: DeployedRouteMatcher<DeployedRoute>;
  /** The operations themselves: what names a path parameter that cannot be decoded. */
  private readonly operations: OperationMatcher<HttpRoute>;
  private readonly functionsByName: ReadonlyMap<string, FunctionDefinition>;
  private server?: Server;

  constructor(
    topology: Topology,
    private readonly functions: LocalFunctions,
    private readonly identity: LocalIdentityProvider,
    /** Local-only routes by `METHOD /path`: what AWS has in its consoles or services instead. */
    private readonly localRoutes: Readonly<Record<string, LocalRoute>> = {},
  ) {
    this.routes = new DeployedRouteMatcher(
      deployedRoutes(topology).map((r) => ({ method: r.method, path: r.path, value: r })),
    );
    this.operations = new OperationMatcher(
      topology.functions.flatMap((fn) =>
        fn.trigger.kind === 'http'
          ? fn.trigger.routes.map((r) => ({ method: r.method, path: r.path, value: r }))
          : [],
      ),
    );
    this.functionsByName = new Map(topology.functions.map((fn) => [fn.name, fn]));
  }

  /** The names of the path's parameters that are not percent-encoded UTF-8, by the operation's names where one matches. */
  private undecodable(method: string, segments: readonly string[]): string[] {
    const bad = segments.filter((segment) => decodePathSegment(segment) === undefined);
    if (bad.length === 0) return [];
    const operation = this.operations.match(method, segments);
    if (operation.kind !== 'route') return ['path'];
    return Object.entries(operation.params)
      .filter(([, value]) => decodePathSegment(value) === undefined)
      .map(([name]) => name);
  }

  async listen(port = 0): Promise<string> {
    this.server = createServer({ maxHeaderSize: maxRequestHeadBytes }, (req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        console.error('local API gateway failed', error);
        this.send(res, problemResponse(internalProblem));
      });
    });
    this.server.on('clientError', refuseUnparsable);
    await new Promise<void>((resolve) => this.server?.listen(port, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    const local = this.localRoutes[`${method} ${url.pathname}`];
    if (local) {
      const answer = await local(url, method === 'GET' ? Buffer.alloc(0) : await readBody(req));
      this.send(
        res,
        'contentType' in answer
          ? { statusCode: answer.status, headers: { 'content-type': answer.contentType }, body: answer.body }
          : { statusCode: answer.status, body: JSON.stringify(answer.body) },
      );
      return;
    }
    const segments = pathSegments(url.pathname);
    const match = this.routes.match(method, segments);
    if (!match) {
      this.send(res, problemResponse(problem('not-found', `No route ${method} ${url.pathname}.`)));
      return;
    }
    const route = match.value;
    let claims: Record<string, string | number | boolean> | undefined;
    if (route.auth === 'jwt') {
      claims = await this.identity.authorize(req.headers.authorization);
      if (!claims) {
        this.send(res, problemResponse(problem('unauthorized', 'A valid bearer token is required.')));
        return;
      }
    }
    const undecodable = this.undecodable(method, segments);
    if (undecodable.length > 0) {
      const reason = 'is not valid percent-encoded UTF-8';
      this.send(res, problemResponse(validationProblem(undecodable.map((name) => ({ name, reason })))));
      return;
    }
    // API Gateway decodes them; a greedy one's `%2F` becomes a `/` like any other.
    const pathParameters = Object.fromEntries(
      Object.entries(match.params).map(([name, value]) => [name, decodeURIComponent(value)]),
    );
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(',') : value;
    }
    const raw = await readBody(req);
    const isText = textTypes.test(headers['content-type'] ?? 'application/json');
    const now = new Date();
    const routeKey = deployedRouteKey(route);
    const event = {
      version: '2.0',
      routeKey,
      rawPath: url.pathname,
      rawQueryString: url.search.slice(1),
      headers,
      queryStringParameters: queryParameters(url.searchParams),
      pathParameters: Object.keys(pathParameters).length > 0 ? pathParameters : undefined,
      ...eventBody(raw, isText),
      requestContext: {
        accountId: '000000000000',
        apiId: 'local',
        domainName: headers.host ?? '127.0.0.1',
        domainPrefix: '127',
        http: {
          method,
          path: url.pathname,
          protocol: `HTTP/${req.httpVersion}`,
          sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
          userAgent: headers['user-agent'] ?? '',
        },
        requestId: randomUUID(),
        routeKey,
        stage: '$default',
        time: now.toUTCString(),
        timeEpoch: now.getTime(),
        ...(claims ? { authorizer: { jwt: { claims, scopes: null } } } : {}),
      },
    };
    const fn = this.functionsByName.get(route.functionName) as FunctionDefinition;
    this.send(res, await this.functions.invoke<APIGatewayProxyStructuredResultV2>(fn, event));
  }

  private send(res: ServerResponse, result: APIGatewayProxyStructuredResultV2): void {
    const body = result.body
      ? Buffer.from(result.body, result.isBase64Encoded ? 'base64' : 'utf8')
      : undefined;
    // API Gateway sends JSON when a handler names no type; an empty answer has none.
    const headers: Record<string, string | number | boolean> = {
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...result.headers,
    };
    res.writeHead(result.statusCode ?? 200, headers as Record<string, string>);
    res.end(body);
  }
}
