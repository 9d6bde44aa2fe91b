import type { LocalRuntime } from '../lib/local/runtime';

/** An answer of the local API, its JSON body parsed. */
export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: the calls read whatever JSON came back.
  readonly body: any;
}

/** Ids the calls so far kept, by the name of the path parameter they fill (`accountId`). */
export type Ids = Record<string, string>;

/** What a call sees: the runtime, the ids kept so far, and the API as the demo tenant's admin. */
export interface CallWorld {
  readonly runtime: LocalRuntime;
  readonly ids: Ids;
  /** A request that is not measured: setup before a call. */
  api(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Answer>;
  /** The `ETag` of the resource at `path` (ids filled in), read unmeasured. */
  etag(path: string): Promise<string>;
  /** Waits until the consumers have handled every event written so far. */
  settled(): Promise<void>;
}

/**
 * How the cost bench makes one real call of a route: the route's path
 * parameters come from `ids` by name, the body and query from the ids kept
 * by the calls before it (a create keeps the id a later read needs).
 */
export interface RouteCall {
  /** `METHOD /path` exactly as the route's contract has it. */
  readonly route: string;
  readonly as?: 'admin' | 'technician' | 'public';
  /** Path parameters other than the kept ids of their names. */
  readonly params?: (ids: Ids) => Ids;
  readonly query?: (ids: Ids) => Record<string, string>;
  readonly body?: (ids: Ids) => unknown;
  /** The path (with `{ids}`) of the resource whose `ETag` goes in `If-Match`. */
  readonly ifMatch?: string;
  readonly headers?: (ids: Ids) => Record<string, string>;
  /** Unmeasured setup just before the call (records to read, a file uploaded, ids to look up). */
  readonly prepare?: (world: CallWorld) => Promise<void>;
  /** Makes the call another way than a plain request: a webhook its sender signs and posts. */
  readonly send?: (world: CallWorld, url: string) => Promise<Answer>;
  /** `false`: the next call follows at once, without waiting for the consumers (a pause of a send). */
  readonly settle?: false;
  /** Why the call is known not to succeed, shown with its answer while it does not. */
  readonly failsBecause?: string;
  /** Keeps what later calls need from the answer. */
  readonly keep?: (answer: Answer, ids: Ids) => void;
}

/**
 * A prepare that reads a settings document and keeps it in `ids[into]` as a
 * body for its replace, without what only the reader sees (tenant, version, who changed it when).
 */
export const replacementOf = (from: string, into: string) => async (world: CallWorld) => {
  const settings = { ...(await world.api('GET', from)).body };
  for (const readOnly of ['tenantId', 'version', 'updatedAt', 'updatedBy']) delete settings[readOnly];
  world.ids[into] = JSON.stringify(settings);
};

/** `/v1/accounts/{accountId}` with `ids.accountId` put in. */
export function fillPath(path: string, ids: Ids): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = ids[name];
    if (value === undefined) throw new Error(`no ${name} kept for ${path}`);
    return encodeURIComponent(value);
  });
}

/** One request to the local API; a `{ raw }` body is sent as it is (a signed webhook). */
export async function request(
  runtime: LocalRuntime,
  token: string | undefined,
  method: string,
  path: string,
  body?: unknown | { readonly raw: string },
  headers: Record<string, string> = {},
): Promise<Answer> {
  const response = await fetch(`${runtime.apiUrl}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : isRaw(body) ? body.raw : JSON.stringify(body),
  });
  const text = await response.text();
  const json = /[/+]json\b/i.test(response.headers.get('content-type') ?? '');
  return { status: response.status, headers: response.headers, body: json && text ? JSON.parse(text) : text };
}

const isRaw = (body: unknown): body is { readonly raw: string } =>
  typeof body === 'object' && body !== null && 'raw' in body && typeof body.raw === 'string';
