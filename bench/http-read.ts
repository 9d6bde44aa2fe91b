import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { accountEntity } from '#table/accounts/entities';
import { createTable } from '#table/core/table';
import type { LocalRuntime } from '../lib/local/runtime';
import { inProcessGet, p50s } from './invoke';
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
  const table = createTable(runtime.tableName);
  const get = await inProcessGet(runtime, tenant.adminToken, 'accounts-api');
  const viaHandler = get('/v1/accounts/{accountId}', `/v1/accounts/${account.id}`, { accountId: account.id });

  const samples = await interleaved(rounds, {
    getItem: () =>
      table.client.send(
        new GetCommand({
          TableName: table.name,
          Key: accountEntity.key({ tenantId: tenant.id, accountId: account.id }),
        }),
      ),
    handler: viaHandler,
    http: async () => {
      const response = await fetch(`${runtime.apiUrl}/v1/accounts/${account.id}`, {
        headers: { authorization: `Bearer ${tenant.adminToken}` },
      });
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`HTTP answered ${response.status}`);
    },
  });
  const p50 = p50s(samples, percentile);
  return { p50, handlerRatio: p50.handler / p50.getItem, httpRatio: p50.http / p50.getItem };
}
