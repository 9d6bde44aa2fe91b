import { AsyncLocalStorage } from 'node:async_hooks';
import { TransactWriteItemsCommand, type TransactWriteItemsCommandInput } from '@aws-sdk/client-dynamodb';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { monotonicFactory } from 'ulid';
import { accountEntity } from '#table/accounts/entities';
import { tableFromEnvironment } from '#table/core/table';
import type { Handler } from '../lib/local/functions';
import { lambdaContext } from '../lib/local/lambda-context';
import type { LocalRuntime } from '../lib/local/runtime';
import { topology } from '../lib/topology';
import { HttpClientThread } from './http-client-thread';
import { p50s } from './invoke';
import { interleaved, percentile } from './stats';

/** DynamoDB requests by operation, counted per call in the call's own async context. */
type Requests = Record<string, number>;
const counting = new AsyncLocalStorage<Requests>();

/**
 * Counts the requests the functions' table client sends inside `counting`:
 * what one call costs, without what the consumers running in the same
 * process send meanwhile.
 */
function countRequests(): void {
  const stack = tableFromEnvironment().client.middlewareStack;
  if (stack.identify().some((m) => m.startsWith('benchCountRequests'))) return;
  stack.add(
    (next, context) => (args) => {
      const requests = counting.getStore();
      const operation = (context.commandName ?? 'unknown').replace(/Command$/, '');
      if (requests) requests[operation] = (requests[operation] ?? 0) + 1;
      return next(args);
    },
    { step: 'initialize', name: 'benchCountRequests' },
  );
}

async function counted(run: () => Promise<unknown>): Promise<Requests> {
  const requests: Requests = {};
  await counting.run(requests, run);
  return requests;
}

/** The TransactWriteItems input a call sends, kept to replay bare. */
async function capturedTransaction(run: () => Promise<unknown>): Promise<TransactWriteItemsCommandInput> {
  let captured: TransactWriteItemsCommandInput | undefined;
  const name = 'benchCaptureTransaction';
  const client = tableFromEnvironment().client;
  client.middlewareStack.add(
    (next, context) => (args) => {
      if (context.commandName === 'TransactWriteItemsCommand')
        captured ??= structuredClone(args.input) as never;
      return next(args);
    },
    // Marshalled by then: replayed as the low-level command.
    { step: 'build', name },
  );
  try {
    await run();
  } finally {
    client.middlewareStack.remove(name);
  }
  if (!captured) throw new Error('the call sent no TransactWriteItems');
  return captured;
}

/**
 * The same transaction with fresh ids: every ULID in it that is not one of
 * the tenant's existing ids (settings, users) is replaced, consistently, so
 * the replay writes a new account, its lookups and its event.
 */
function withFreshIds(
  input: TransactWriteItemsCommandInput,
  existing: ReadonlySet<string>,
  next: () => string,
) {
  const text = JSON.stringify(input);
  const fresh = new Map<string, string>();
  return JSON.parse(
    text.replace(/[0-9A-HJKMNP-TV-Z]{26}/g, (id) => {
      if (existing.has(id)) return id;
      let replacement = fresh.get(id);
      if (!replacement) {
        replacement = next();
        fresh.set(id, replacement);
      }
      return replacement;
    }),
  ) as TransactWriteItemsCommandInput;
}

interface Call {
  readonly method: 'POST' | 'PATCH';
  readonly path: string;
  readonly routePath: string;
  readonly pathParameters?: Record<string, string>;
  readonly headers?: Record<string, string>;
  readonly body: unknown;
}

/**
 * POST /v1/accounts with an industry, a status type, a category and an
 * owner (every reference a create checks), and PATCH of an account: a bare
 * TransactWriteItems of the same items the create writes, the in-process
 * handler (with and without an Idempotency-Key) and the local HTTP API
 * (called from a client thread of its own, see HttpClientThread), in
 * interleaved rounds; p50s, ratios and the DynamoDB requests of one call.
 */
export async function httpWriteBench(runtime: LocalRuntime, rounds: number) {
  const client = new HttpClientThread();
  try {
    return await measureWrites(runtime, rounds, client);
  } finally {
    await client.close();
  }
}

async function measureWrites(runtime: LocalRuntime, rounds: number, client: HttpClientThread) {
  const tenant = runtime.tenants[0];
  const demo = runtime.demoTenants.find((t) => t.profile.id === tenant?.id);
  const owner = demo?.users.find((u) => u.groups.includes('sales')) ?? demo?.users[0];
  if (!tenant || !owner) throw new Error('no seeded tenant with users');
  const auth = { authorization: `Bearer ${tenant.adminToken}` };
  const post = async (path: string, body: unknown) => {
    const response = await fetch(`${runtime.apiUrl}${path}`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (response.status !== 201) throw new Error(`${path} answered ${response.status}`);
    return (await response.json()) as { id: string };
  };
  // Titles are unique per tenant: a warm-up run and the measured one each make their own.
  const run = Date.now();
  const industry = await post('/v1/settings/industries', { title: `Bench industry ${run}` });
  const statusA = await post('/v1/settings/status-types', { title: `Bench status A ${run}` });
  const statusB = await post('/v1/settings/status-types', { title: `Bench status B ${run}` });
  const category = await post('/v1/settings/categories', { title: `Bench category ${run}`, scope: 'both' });
  const draft = {
    name: 'Bench AB',
    customerType: 'B2B',
    industryId: industry.id,
    statusTypeId: statusA.id,
    categoryIds: [category.id],
    ownerId: owner.sub,
    phones: ['+46701234567'],
    email: 'bench@example.se',
  };

  countRequests();
  const fn = topology.functions.find((f) => f.name === 'accounts-api');
  if (fn?.trigger.kind !== 'http') throw new Error('accounts-api is not an HTTP function of the topology');
  const { handler } = (await import(`../${fn.entry.replace(/\.ts$/, '')}`)) as { handler: Handler };
  const claims = await runtime.identity.authorize(auth.authorization);
  const inProcess = async (call: Call) => {
    const body = JSON.stringify(call.body);
    const response = await handler(
      {
        version: '2.0',
        routeKey: `${call.method} ${call.routePath}`,
        rawPath: call.path,
        rawQueryString: '',
        headers: { 'content-type': 'application/json', ...call.headers },
        pathParameters: call.pathParameters,
        body,
        isBase64Encoded: false,
        requestContext: { authorizer: { jwt: { claims } }, http: { method: call.method, path: call.path } },
      },
      lambdaContext(fn),
    );
    if (response.statusCode >= 300)
      throw new Error(`${call.path} answered ${response.statusCode}: ${response.body}`);
    return JSON.parse(response.body) as { id: string; version: number };
  };
  const overHttp = async (call: Call) => {
    const response = await client.send({
      url: `${runtime.apiUrl}${call.path}`,
      method: call.method,
      headers: { ...auth, 'content-type': 'application/json', ...call.headers },
      body: JSON.stringify(call.body),
    });
    if (response.status >= 300) throw new Error(`${call.path} answered ${response.status}: ${response.text}`);
    return {
      ...(JSON.parse(response.text) as { id: string; version: number }),
      elapsedMs: response.elapsedMs,
    };
  };
  let key = 0;
  const create = (idempotent: boolean): Call => ({
    method: 'POST',
    path: '/v1/accounts',
    routePath: '/v1/accounts',
    headers: idempotent ? { 'idempotency-key': `bench-write-${Date.now()}-${key++}` } : {},
    body: draft,
  });
  // Each path changes an account of its own, alternating the status type (a reference to check).
  const updating = async <R extends { id: string; version: number }>(via: (call: Call) => Promise<R>) => {
    let current = await via(create(false));
    return async () => {
      const statusTypeId = current.version % 2 === 0 ? statusA.id : statusB.id;
      current = await via({
        method: 'PATCH',
        path: `/v1/accounts/${current.id}`,
        routePath: '/v1/accounts/{accountId}',
        pathParameters: { accountId: current.id },
        headers: { 'if-match': `"${current.version}"` },
        body: { statusTypeId, name: `Bench AB ${current.version}` },
      });
      return current;
    };
  };
  const updateInProcess = await updating(inProcess);
  const updateOverHttp = await updating(overHttp);

  const requests = {
    create: await counted(() => inProcess(create(false))),
    createIdempotent: await counted(() => inProcess(create(true))),
    update: await counted(updateInProcess),
  };
  const existing = new Set([tenant.id, industry.id, statusA.id, statusB.id, category.id, owner.sub]);
  const transaction = await capturedTransaction(() => inProcess(create(false)));
  const ulid = monotonicFactory();
  const table = tableFromEnvironment();
  const someAccount = await inProcess(create(false));

  const contenders = {
    transactWrite: () =>
      table.client.send(new TransactWriteItemsCommand(withFreshIds(transaction, existing, ulid))),
    getItem: () =>
      table.client.send(
        new GetCommand({
          TableName: table.name,
          Key: accountEntity.key({ tenantId: tenant.id, accountId: someAccount.id }),
        }),
      ),
    handler: () => inProcess(create(false)),
    handlerIdempotent: () => inProcess(create(true)),
    http: () => overHttp(create(false)),
    httpIdempotent: () => overHttp(create(true)),
    updateHandler: updateInProcess,
    updateHttp: updateOverHttp,
  };
  const p50 = p50s(await interleaved(rounds, contenders), percentile);
  // The same with the outbox stream held: what the API costs when no consumer shares its event loop.
  const { transactWrite, getItem, http, updateHttp } = contenders;
  const release = await runtime.holdStream();
  let alone: Record<'transactWrite' | 'getItem' | 'http' | 'updateHttp', number>;
  try {
    alone = p50s(await interleaved(rounds, { transactWrite, getItem, http, updateHttp }), percentile);
  } finally {
    release();
  }
  const update = p50.getItem + p50.transactWrite;
  return {
    p50,
    alone,
    requests,
    ratios: {
      handler: p50.handler / p50.transactWrite,
      handlerIdempotent: p50.handlerIdempotent / p50.transactWrite,
      http: p50.http / p50.transactWrite,
      httpIdempotent: p50.httpIdempotent / p50.transactWrite,
      updateHandler: p50.updateHandler / update,
      updateHttp: p50.updateHttp / update,
      httpAlone: alone.http / alone.transactWrite,
      updateHttpAlone: alone.updateHttp / (alone.getItem + alone.transactWrite),
    },
  };
}

const formatRequests = (requests: Requests) => {
  const total = Object.values(requests).reduce((a, b) => a + b, 0);
  const parts = Object.entries(requests)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([operation, n]) => `${operation} ${n}`);
  return `${total} (${parts.join(', ')})`;
};

export function printHttpWriteBench(rounds: number, bench: Awaited<ReturnType<typeof httpWriteBench>>) {
  const { p50, ratios, requests } = bench;
  const line = (label: string, ms: number, ratio?: number, of = 'TransactWriteItems') =>
    console.log(
      `  ${label.padEnd(34)} ${ms.toFixed(3)}${ratio === undefined ? '' : `   ratio to ${of} ${ratio.toFixed(2)}`}`,
    );
  console.log(
    `\nHTTP write (POST and PATCH /v1/accounts), ${rounds} interleaved rounds, p50 in ms (target ≤ 1.3):`,
  );
  line('bare TransactWriteItems', p50.transactWrite);
  line('bare GetItem', p50.getItem);
  line('create, in-process handler', p50.handler, ratios.handler);
  line('create, in-process, Idempotency-Key', p50.handlerIdempotent, ratios.handlerIdempotent);
  line('create, local HTTP API', p50.http, ratios.http);
  line('create, local HTTP, Idempotency-Key', p50.httpIdempotent, ratios.httpIdempotent);
  line('update, in-process handler', p50.updateHandler, ratios.updateHandler, 'GetItem + TransactWriteItems');
  line('update, local HTTP API', p50.updateHttp, ratios.updateHttp, 'GetItem + TransactWriteItems');
  console.log('  the same with the outbox stream held (no consumer on the event loop, as in AWS):');
  line('bare TransactWriteItems', bench.alone.transactWrite);
  line('create, local HTTP API', bench.alone.http, ratios.httpAlone);
  line(
    'update, local HTTP API',
    bench.alone.updateHttp,
    ratios.updateHttpAlone,
    'GetItem + TransactWriteItems',
  );
  console.log('  DynamoDB requests per call (the same handler over HTTP):');
  console.log(`    create                       ${formatRequests(requests.create)}`);
  console.log(`    create with Idempotency-Key  ${formatRequests(requests.createIdempotent)}`);
  console.log(`    update                       ${formatRequests(requests.update)}`);
}
