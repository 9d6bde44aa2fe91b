import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startLocalRuntime } from '../lib/local/runtime';
import { bundleSizes } from './bundle-sizes';
import { httpReadBench } from './http-read';

/**
 * `npm run bench`: figures are ratios measured in one run against the same
 * DynamoDB Local, so a busy machine slows both sides alike.
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const projectRoot = path.resolve(import.meta.dirname, '..');
const rounds = Number(process.env.BENCH_ROUNDS ?? 2000);

const runtime = await startLocalRuntime({
  projectRoot,
  stateDir: mkdtempSync(path.join(tmpdir(), 'gridline-bench-')),
  apiPort: 0,
});
try {
  // Warm both paths (module load, JIT, connection pools) before measuring.
  await httpReadBench(runtime, 200);
  const read = await httpReadBench(runtime, rounds);
  const sizes = await bundleSizes(projectRoot);

  console.log(`\nHTTP read (GET /v1/accounts/{id}), ${rounds} interleaved rounds, p50 in ms:`);
  console.log(`  bare GetItem          ${read.p50.getItem.toFixed(3)}`);
  console.log(
    `  in-process handler    ${read.p50.handler.toFixed(3)}   ratio ${read.handlerRatio.toFixed(2)} (target ≤ 1.2)`,
  );
  console.log(`  local HTTP API        ${read.p50.http.toFixed(3)}   ratio ${read.httpRatio.toFixed(2)}`);
  console.log('\nFunction bundles (minified ESM, node22):');
  for (const [name, bytes] of Object.entries(sizes))
    console.log(`  ${name.padEnd(20)} ${(bytes / 1024).toFixed(1)} KiB`);
} finally {
  await runtime.stop();
}
