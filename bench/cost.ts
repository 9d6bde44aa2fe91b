import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { tableFromEnvironment } from '#table/core/table';
import { startLocalRuntime } from '../lib/local/runtime';
import { meterCapacity, requestCount } from './capacity-meter';
import { costCalls } from './cost-calls';
import { costMarkdown } from './cost-table';
import { coverageOf, meterHttpHandlers, routeCosts } from './route-cost';

/**
 * `npm run bench:cost` (and the start of `npm run bench`): one call of every
 * route against DynamoDB Local, its DynamoDB requests and capacity written to
 * `docs/cost.md`.
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
// A call and its setup in quick succession as one tenant: never refused, and metered call by call
// (a burst under 20 leases one token), so that every row shows the rate meter's two requests, not
// only the rows that happen to take a container's lease (ADR 0027).
process.env.TENANT_RATE_LIMIT_PER_SECOND ??= '1000000';
process.env.TENANT_RATE_LIMIT_BURST = '19';
const projectRoot = path.resolve(import.meta.dirname, '..');

const coverage = coverageOf(costCalls);
if (coverage.missing.length + coverage.twice.length + coverage.unknown.length > 0)
  throw new Error(`bench/cost-calls.ts does not call each route once: ${JSON.stringify(coverage)}`);

const runtime = await startLocalRuntime({
  projectRoot,
  stateDir: mkdtempSync(path.join(tmpdir(), 'gridline-cost-')),
  apiPort: 0,
  wrapHandler: meterHttpHandlers,
  demoContracts: true,
});
try {
  meterCapacity(tableFromEnvironment().client);
  const rows = await routeCosts(runtime, 'norrsken', costCalls);
  writeFileSync(path.join(projectRoot, 'docs/cost.md'), costMarkdown(rows));
  const ok = rows.filter((r) => typeof r.status === 'number' && r.status < 300).length;
  const top = [...rows].sort((a, b) => requestCount(b.capacity) - requestCount(a.capacity)).slice(0, 5);
  console.log(`\nCost per route (docs/cost.md): ${rows.length} routes, ${ok} answered 2xx`);
  for (const r of top)
    console.log(
      `  ${r.route.padEnd(60)} ${requestCount(r.capacity)} requests, ${r.capacity.readUnits} RCU, ${r.capacity.writeUnits} WCU`,
    );
  for (const r of rows.filter((r) => r.reason !== undefined))
    console.log(`  not 2xx: ${r.route} ${r.status} ${r.reason}`);
} finally {
  await runtime.stop();
}
