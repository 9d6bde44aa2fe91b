import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { lambdaContext } from '../lib/local/lambda-context';
import type { LocalRuntime } from '../lib/local/runtime';
import { topology } from '../lib/topology';
import { keys } from '../shared/table/keys';
import { createTable } from '../shared/table/table';
import { interleaved, percentile } from './stats';

/**
 * GET /v1/accounts/{id}: a bare GetItem against the in-process handler (the
 * Lambda's own work) and the full local HTTP path, p50 of each.
 */
export async function httpReadBench(runtime: LocalRuntime, rounds: number) {
  const tenant = runtime.tenants[0];
  if (!tenant) throw new Error('no seeded tenant');
  const list = await fetch(`${runtime.apiUrl}/v1/accounts?limit=1`, {
    headers: { authorization: `Bearer ${tenant.adminToken}` },
  });
  const account = ((await list.json()) as { items: { id: string }[] }).items[0];
  if (!account) throw new Error('no seeded account');
  // Loaded now: the module reads its environment, which the runtime has just set.
  const { handler } = await import('../functions/accounts-api');
  const table = createTable(runtime.tableName);
  const fn = topology.functions.find((f) => f.name === 'accounts-api');
  if (!fn) throw new Error('accounts-api is not in the topology');
  const claims = await runtime.identity.authorize(`Bearer ${tenant.adminToken}`);
  const event = {
    version: '2.0',
    routeKey: 'GET /v1/accounts/{accountId}',
    rawPath: `/v1/accounts/${account.id}`,
    rawQueryString: '',
    headers: {},
    pathParameters: { accountId: account.id },
    isBase64Encoded: false,
    requestContext: {
      authorizer: { jwt: { claims } },
      http: { method: 'GET', path: `/v1/accounts/${account.id}` },
    },
  };

  const samples = await interleaved(rounds, {
    getItem: () =>
      table.client.send(new GetCommand({ TableName: table.name, Key: keys.account(tenant.id, account.id) })),
    handler: async () => {
      const response = await handler(event as never, lambdaContext(fn));
      if (response.statusCode !== 200) throw new Error(`handler answered ${response.statusCode}`);
    },
    http: async () => {
      const response = await fetch(`${runtime.apiUrl}/v1/accounts/${account.id}`, {
        headers: { authorization: `Bearer ${tenant.adminToken}` },
      });
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`HTTP answered ${response.status}`);
    },
  });
  const p50 = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, percentile(v, 50)])) as Record<
    'getItem' | 'handler' | 'http',
    number
  >;
  return { p50, handlerRatio: p50.handler / p50.getItem, httpRatio: p50.http / p50.getItem };
}
