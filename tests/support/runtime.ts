import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import type { Role } from '#domain/users/roles';
import type { HandlerWrapper } from '../../lib/local/functions';
import { type LocalRuntime, startLocalRuntime } from '../../lib/local/runtime';
import { assertFitsContract } from './response-contract';

const projectRoot = path.resolve(import.meta.dirname, '../..');

/**
 * The local runtime on the run's DynamoDB Local and SES, with its own table
 * in a DynamoDB Local database of its own (its region, ADR 0035).
 */
export function startTestRuntime(
  options: { wrapHandler?: HandlerWrapper; demoContracts?: boolean } = {},
): Promise<LocalRuntime> {
  return startLocalRuntime({
    projectRoot,
    stateDir: mkdtempSync(path.join(tmpdir(), 'gridline-test-')),
    dynamoEndpoint: inject('dynamoEndpoint'),
    sesEndpoint: inject('sesEndpoint'),
    s3Endpoint: inject('s3Endpoint'),
    tableName: `e2e-${randomUUID()}`,
    region: `local-${randomUUID()}`,
    apiPort: 0,
    // 60 s visibility timeouts become 60 ms.
    queueTimeScale: 0.001,
    wrapHandler: options.wrapHandler,
    demoContracts: options.demoContracts,
  });
}

export interface CallOptions {
  /** A bearer token; none for the public routes and for what a caller without one gets. */
  readonly token?: string;
  /** Sent as JSON. */
  readonly body?: unknown;
  /** Sent as it is, instead of `body` (a signed webhook delivery, broken JSON). */
  readonly rawBody?: string;
  readonly headers?: Record<string, string>;
}

/**
 * One call to the local API, as a client makes it. Its answer is checked
 * against the OpenAPI document (status, content type, body), so a test fails
 * on any answer the document does not promise.
 */
export async function callApi(runtime: LocalRuntime, method: string, url: string, options: CallOptions = {}) {
  const { token, body, rawBody, headers = {} } = options;
  const response = await fetch(`${runtime.apiUrl}${url}`, {
    method,
    headers: {
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    body: rawBody ?? (body === undefined ? undefined : JSON.stringify(body)),
    // What the API answers, as it answers it: a 301 of a merged record is checked, not followed.
    redirect: 'manual',
  });
  const text = await response.text();
  const contentType = response.headers.get('content-type');
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever JSON came back.
  const parsed: any = !text ? undefined : /[/+]json\b/i.test(contentType ?? '') ? JSON.parse(text) : text;
  assertFitsContract({ method, url, status: response.status, contentType, body: parsed });
  return { status: response.status, headers: response.headers, body: parsed };
}

/** A small HTTP client speaking as one user of one tenant. */
export function clientFor(runtime: LocalRuntime, token: string) {
  const call = (method: string, url: string, body?: unknown, headers: Record<string, string> = {}) =>
    callApi(runtime, method, url, { token, body, headers });
  return {
    get: (url: string, headers?: Record<string, string>) => call('GET', url, undefined, headers),
    post: (url: string, body: unknown, headers?: Record<string, string>) => call('POST', url, body, headers),
    patch: (url: string, body: unknown, headers?: Record<string, string>) =>
      call('PATCH', url, body, headers),
    put: (url: string, body: unknown, headers?: Record<string, string>) => call('PUT', url, body, headers),
    delete: (url: string, headers?: Record<string, string>) => call('DELETE', url, undefined, headers),
  };
}

/** A token of a seeded user with the given role. */
export async function tokenFor(runtime: LocalRuntime, tenantId: string, role: Role): Promise<string> {
  const tenant = runtime.demoTenants.find((t) => t.profile.id === tenantId);
  const user = tenant?.users.find((u) => u.groups.includes(role));
  if (!user) throw new Error(`no seeded ${role} in ${tenantId}`);
  return runtime.identity.mint(user);
}
