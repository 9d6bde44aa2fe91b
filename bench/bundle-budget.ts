import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type BundleMeasure, measureBundles } from '../lib/bundles/bundle-budget';
import { overBudgetCeilingsKiB } from '../lib/bundles/over-budget';
import { topology } from '../lib/topology';
import { queueUrlEnvironmentName, secretEnvironmentName } from '../lib/topology-types';
import { percentile } from './stats';

/** What a deployed function finds in its environment, with made-up values: enough to load every module. */
function loadEnvironment(): NodeJS.ProcessEnv {
  const arn = 'arn:aws:sqs:eu-north-1:000000000000:x';
  return {
    PATH: process.env.PATH,
    AWS_REGION: 'eu-north-1',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    TABLE_NAME: 'gridline',
    EVENT_BUS_NAME: 'gridline',
    ATTACHMENTS_BUCKET: 'gridline-files',
    LEAD_SOURCE_SECRET_PREFIX: 'gridline/lead-sources/',
    SIGNI_API_URL: 'https://api.signi.example',
    SIGNING_CALLBACK_URL: 'https://api.example/v1/webhooks/e-signature/signi',
    UNSUBSCRIBE_BASE_URL: 'https://api.example/v1/unsubscribe',
    SES_CONFIGURATION_SET: 'gridline',
    SES_TRACKED_CONFIGURATION_SET: 'gridline-tracked',
    SCHEDULE_DEAD_LETTER_ARN: arn,
    SCHEDULE_QUEUE_ARN: arn,
    SCHEDULE_TARGET_ARN: arn,
    SCHEDULE_GROUP: 'gridline-run-time',
    SCHEDULER_ROLE_ARN: 'arn:aws:iam::000000000000:role/scheduler',
    USER_POOL_ID: 'eu-north-1_example',
    POWERTOOLS_METRICS_NAMESPACE: 'Gridline/bench',
    POWERTOOLS_METRICS_DISABLED: 'true',
    ...Object.fromEntries(
      topology.queues.map((q) => [queueUrlEnvironmentName(q.name), `https://sqs.example/${q.name}`]),
    ),
    ...Object.fromEntries(
      topology.secrets.map(({ name }) => [
        secretEnvironmentName(name),
        `arn:aws:secretsmanager:eu-north-1:000000000000:secret:${name}`,
      ]),
    ),
  };
}

/** Milliseconds a fresh Node process takes to import the module, or undefined when it cannot load. */
function loadMs(file: string, environment: NodeJS.ProcessEnv): number | undefined {
  const script = `const t = performance.now(); await import(${JSON.stringify(file)}); process.stdout.write(String(performance.now() - t));`;
  try {
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      env: environment,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return Number(out.toString());
  } catch {
    return undefined;
  }
}

export interface BundleBenchRow {
  readonly measure: BundleMeasure;
  readonly loadMs?: number;
  readonly floorLoadMs?: number;
}

/**
 * Every function's bundle against its floors, and the time a fresh process
 * takes to load each (median of `rounds`, bundle and floor interleaved so a
 * busy moment slows both).
 */
export async function bundleBench(projectRoot: string, rounds: number): Promise<BundleBenchRow[]> {
  const measures = await measureBundles(projectRoot, topology.functions);
  const dir = mkdtempSync(path.join(tmpdir(), 'gridline-bundles-'));
  // Files a bundle reads at run time (the docs page's assets, fonts) resolve as beside a deployed bundle.
  symlinkSync(path.join(projectRoot, 'node_modules'), path.join(dir, 'node_modules'));
  const environment = loadEnvironment();
  try {
    return measures.map((measure) => {
      const bundleFile = path.join(dir, `${measure.bundle.name}.mjs`);
      const floorFile = path.join(dir, `${measure.bundle.name}-floor.mjs`);
      writeFileSync(bundleFile, measure.bundle.code);
      writeFileSync(floorFile, measure.floor.code);
      const bundleTimes: number[] = [];
      const floorTimes: number[] = [];
      for (let round = 0; round < rounds; round++) {
        const bundle = loadMs(bundleFile, environment);
        const floor = loadMs(floorFile, environment);
        if (bundle === undefined || floor === undefined) return { measure };
        bundleTimes.push(bundle);
        floorTimes.push(floor);
      }
      return { measure, loadMs: percentile(bundleTimes, 50), floorLoadMs: percentile(floorTimes, 50) };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Over the budget: listed in over-budget.ts (within its ceiling, or the test fails) or not. */
const overMark = (m: BundleMeasure): string => {
  if (m.bundle.bytes <= m.limitBytes) return '';
  return m.bundle.name in overBudgetCeilingsKiB ? '  over (listed)' : '  OVER';
};

export function printBundleBench(rows: readonly BundleBenchRow[], rounds: number): void {
  const kib = (bytes: number) => (bytes / 1024).toFixed(0).padStart(6);
  const ratio = (a: number, b: number) => (a / b).toFixed(2).padStart(6);
  console.log(
    `\nFunction bundles (minified ESM, node22) against their floors (ADR 0022); load: median of ${rounds} fresh processes`,
  );
  console.log(`  ${'function'.padEnd(24)}   size    SDK  ×SDK  floor ×floor  limit   load  floor ×load`);
  for (const { measure: m, loadMs, floorLoadMs } of rows) {
    const load =
      loadMs !== undefined && floorLoadMs !== undefined
        ? `${loadMs.toFixed(0).padStart(6)} ${floorLoadMs.toFixed(0).padStart(6)} ${ratio(loadMs, floorLoadMs)}`
        : '  (did not load)';
    console.log(
      `  ${m.bundle.name.padEnd(24)} ${kib(m.bundle.bytes)} ${kib(m.sdkFloorBytes)} ${ratio(m.bundle.bytes, m.sdkFloorBytes)} ${kib(m.floor.bytes)} ${ratio(m.bundle.bytes, m.floor.bytes)} ${kib(m.limitBytes)} ${load}${overMark(m)}`,
    );
  }
}
