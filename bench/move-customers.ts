import { accountsServices } from '#runtime/accounts-services';
import { createTable } from '#table/core/table';
import type { LocalRuntime } from '../lib/local/runtime';

export interface MoveCustomersBenchResult {
  readonly accounts: number;
  readonly seconds: number;
  readonly accountsPerSecond: number;
  readonly job: { readonly state: string; readonly total: number; readonly done: number };
}

/**
 * Moves every customer of one industry to another through the local HTTP API,
 * as the settings e2e test does with a few of them: the accounts are written
 * through the accounts module first, then the job runs as its chain of
 * bounded invocations until the local queues are quiet.
 */
export async function moveCustomersBench(
  runtime: LocalRuntime,
  accounts: number,
): Promise<MoveCustomersBenchResult> {
  const tenant = runtime.tenants[0];
  const admin = runtime.demoTenants[0]?.users.find((user) => user.groups.includes('admin'));
  if (tenant === undefined || admin === undefined) throw new Error('the local runtime has no admin');
  /** The few fields of the answers this bench reads. */
  type Answer = { id: string; state: string; total: number; done: number };
  const call = async (method: string, url: string, body?: unknown): Promise<Answer> => {
    const response = await fetch(`${runtime.apiUrl}${url}`, {
      method,
      headers: { authorization: `Bearer ${tenant.adminToken}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok)
      throw new Error(`${method} ${url} answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as Answer;
  };
  const from = await call('POST', '/v1/settings/industries', { title: `Bench from ${Date.now()}` });
  const to = await call('POST', '/v1/settings/industries', { title: `Bench to ${Date.now()}` });
  const { accounts: service } = accountsServices({ table: createTable(runtime.tableName) });
  const actor = { tenantId: tenant.id, userId: admin.sub };
  for (let start = 0; start < accounts; start += 50) {
    await Promise.all(
      Array.from({ length: Math.min(50, accounts - start) }, (_, i) =>
        service.create(actor, { name: `Bench ${start + i}`, customerType: 'B2B', industryId: from.id }),
      ),
    );
  }
  await runtime.settled();

  const started = performance.now();
  const job = await call('POST', `/v1/settings/industries/${from.id}/move-customers`, {
    toIndustryId: to.id,
  });
  await runtime.settled();
  const seconds = (performance.now() - started) / 1000;
  const finished = await call('GET', `/v1/jobs/${job.id}`);
  return {
    accounts,
    seconds,
    accountsPerSecond: accounts / seconds,
    job: { state: finished.state, total: finished.total, done: finished.done },
  };
}

export function printMoveCustomersBench(result: MoveCustomersBenchResult): void {
  console.log(`\nMove customers: ${result.accounts} accounts from one industry to another (local HTTP API):`);
  console.log(`  job                ${result.job.state}, ${result.job.done} of ${result.job.total}`);
  console.log(
    `  took               ${result.seconds.toFixed(1)} s (${result.accountsPerSecond.toFixed(0)} accounts/s)`,
  );
}
