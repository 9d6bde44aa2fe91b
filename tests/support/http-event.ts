import type { HttpEvent, HttpResponse } from '#http/http-handler';

/** What a test sends: path parameters, query, JSON body and extra headers. */
export interface TestRequest {
  readonly params?: Record<string, string>;
  readonly query?: Record<string, string>;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
}

/** Who sends it, as the JWT authorizer would have verified. */
export interface TestCaller {
  readonly tenantId: string;
  readonly userId: string;
  readonly roles: readonly string[];
}

/**
 * An API Gateway HTTP API (payload 2.0) event for `routeKey`
 * (`POST /v1/deals/{dealId}/offers`), as the gateway hands it to a function
 * after the authorizer let the caller in.
 */
export function httpEvent(routeKey: string, caller: TestCaller, request: TestRequest = {}): HttpEvent {
  const claims = {
    sub: caller.userId,
    'custom:tenantId': caller.tenantId,
    'cognito:groups': [...caller.roles],
  };
  return httpEventWithClaims(routeKey, claims, request);
}

/** Claims as the JWT authorizer hands them over: array claims may come flattened to `[a b]`. */
export type TestClaims = Record<string, string | number | boolean | string[]>;

/**
 * The same event with the authorizer's claims exactly as given, for tests
 * that verify a real token and pass on whatever the verifier returned.
 */
export function httpEventWithClaims(
  routeKey: string,
  claims: TestClaims,
  request: TestRequest = {},
): HttpEvent {
  const [method = 'GET', template = '/'] = routeKey.split(' ');
  const path = template.replace(/\{(\w+)\}/g, (_, name: string) => request.params?.[name] ?? '');
  return {
    version: '2.0',
    routeKey,
    rawPath: path,
    rawQueryString: new URLSearchParams(request.query ?? {}).toString(),
    headers: {
      ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...request.headers,
    },
    ...(request.query ? { queryStringParameters: request.query } : {}),
    ...(request.params ? { pathParameters: request.params } : {}),
    ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
    isBase64Encoded: false,
    requestContext: {
      accountId: '123456789012',
      apiId: 'api',
      domainName: 'api.example.test',
      domainPrefix: 'api',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '192.0.2.1', userAgent: 'vitest' },
      requestId: 'request-1',
      routeKey,
      stage: '$default',
      time: '20/Nov/2026:09:00:00 +0000',
      timeEpoch: Date.parse('2026-11-20T09:00:00Z'),
      authorizer: { jwt: { claims, scopes: [] } },
    },
  } as HttpEvent;
}

/** A function's answer with its JSON body parsed. */
export function answerOf(response: HttpResponse) {
  return {
    status: response.statusCode as number,
    headers: (response.headers ?? {}) as Record<string, string>,
    // biome-ignore lint/suspicious/noExplicitAny: tests read whatever JSON came back.
    body: (response.body ? JSON.parse(response.body) : undefined) as any,
  };
}
