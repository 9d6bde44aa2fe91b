import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startDynamoDbLocal } from '../lib/local/dynamodb-local';
import { startLocalRuntime } from '../lib/local/runtime';
import { bundleBench, printBundleBench } from './bundle-budget';
import { commissionBench, printCommissionBench } from './commissions';
import { contractPdfBench, printContractBench, requestsPerContract } from './contracts';
import { costBench } from './cost-bench';
import { energyReadBench } from './energy-read';
import { exportBench, printExportBench } from './exports';
import { fieldServiceBench, printFieldServiceBench } from './field-service';
import { forecastBench, printForecastBench } from './forecast';
import { freeSlotBench, printFreeSlotBench } from './free-slots';
import { httpReadBench } from './http-read';
import { httpWriteBench, printHttpWriteBench } from './http-write';
import { identifyBench, printIdentifyBench } from './identify';
import { importBench, printImportBench } from './import';
import { moveCustomersBench, printMoveCustomersBench } from './move-customers';
import { newsletterBench, printNewsletterBench } from './newsletters';
import { printServiceBench, serviceBench } from './service';

/**
 * `npm run bench`: figures are ratios measured in one run against the same
 * DynamoDB Local, so a busy machine slows both sides alike.
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
// Thousands of reads in a row as one tenant: its rate is metered (a lease written every ten calls), never refused.
process.env.TENANT_RATE_LIMIT_PER_SECOND ??= '1000000';
process.env.TENANT_RATE_LIMIT_BURST ??= '1000000';
const projectRoot = path.resolve(import.meta.dirname, '..');
const rounds = Number(process.env.BENCH_ROUNDS ?? 2000);

/**
 * Runs a part that fills tables of its own on a DynamoDB Local of its own, stopped after it.
 * In the runtime's instance every write slows with the stream records that the seed and the
 * parts before it left (ADR 0035), and a part's own 10⁵ items slowed the parts after it: there
 * the team queue's fill had not finished after half an hour, where alone it takes minutes.
 */
async function onDynamoDbLocalOfItsOwn<T>(part: (dynamoEndpoint: string) => Promise<T>): Promise<T> {
  const dynamo = await startDynamoDbLocal();
  try {
    return await part(dynamo.endpoint);
  } finally {
    await dynamo.stop();
  }
}

costBench(projectRoot);

const runtime = await startLocalRuntime({
  projectRoot,
  stateDir: mkdtempSync(path.join(tmpdir(), 'gridline-bench-')),
  apiPort: 0,
});
try {
  // Warm both paths (module load, JIT, connection pools) before measuring.
  await httpReadBench(runtime, 200);
  const read = await httpReadBench(runtime, rounds);
  const energy = await energyReadBench(runtime, rounds);
  const write = await httpWriteBench(runtime, Math.min(rounds, 500));
  const importRows = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);

  console.log(`\nHTTP read (GET /v1/accounts/{id}), ${rounds} interleaved rounds, p50 in ms:`);
  console.log(`  bare GetItem          ${read.p50.getItem.toFixed(3)}`);
  console.log(
    `  in-process handler    ${read.p50.handler.toFixed(3)}   ratio ${read.handlerRatio.toFixed(2)} (target ≤ 1.2)`,
  );
  console.log(`  local HTTP API        ${read.p50.http.toFixed(3)}   ratio ${read.httpRatio.toFixed(2)}`);
  printHttpWriteBench(Math.min(rounds, 500), write);
  console.log(`\nEnergy reads, ${rounds} interleaved rounds, p50 in ms:`);
  console.log(`  bare GetItem                     ${energy.p50.getItem.toFixed(3)}`);
  console.log(`  bare Query (price series)        ${energy.p50.query.toFixed(3)}`);
  console.log(`  bare GetItem + Query             ${energy.p50.getAndQuery.toFixed(3)}`);
  console.log(
    `  GET supply point (handler)       ${energy.p50.supplyPoint.toFixed(3)}   ratio to GetItem ${energy.supplyPointRatio.toFixed(2)}`,
  );
  console.log(
    `  GET product price (handler)      ${energy.p50.productPrice.toFixed(3)}   ratio to Query ${energy.productPriceRatio.toFixed(2)}`,
  );
  console.log(
    `  GET supply point price (handler) ${energy.p50.supplyPointPrice.toFixed(3)}   ratio to GetItem + Query ${energy.supplyPointPriceRatio.toFixed(2)}`,
  );
  const loadRounds = Number(process.env.BENCH_LOAD_ROUNDS ?? 15);
  printBundleBench(await bundleBench(projectRoot, loadRounds), loadRounds);
  // Paced to a rate (about 200 s for 10 000 recipients at 50 a second); it mails through the runtime's SES.
  printNewsletterBench(
    await onDynamoDbLocalOfItsOwn((dynamoEndpoint) =>
      newsletterBench({
        recipients: Number(process.env.BENCH_NEWSLETTER_RECIPIENTS ?? 10_000),
        rate: Number(process.env.BENCH_NEWSLETTER_RATE ?? 50),
        dynamoEndpoint,
      }),
    ),
  );
  printServiceBench(
    await onDynamoDbLocalOfItsOwn((dynamoEndpoint) =>
      serviceBench({
        rounds,
        large: Number(process.env.BENCH_SERVICE_CASES ?? 100_000),
        mails: Number(process.env.BENCH_INBOUND_MAILS ?? 200),
        dynamoEndpoint,
      }),
    ),
  );
  printForecastBench(
    await onDynamoDbLocalOfItsOwn((dynamoEndpoint) =>
      forecastBench({ rounds, large: Number(process.env.BENCH_FORECAST_DEALS ?? 100_000), dynamoEndpoint }),
    ),
  );
  printFreeSlotBench(await freeSlotBench(Math.min(rounds, 300)));
  // The same search through the booking service: a search among 200 technicians reads some 7 000 visits.
  printFieldServiceBench(
    await onDynamoDbLocalOfItsOwn((dynamoEndpoint) =>
      fieldServiceBench({ rounds: Math.min(rounds, 100), dynamoEndpoint }),
    ),
  );
  printIdentifyBench(await identifyBench(runtime.tableName));
  printContractBench(
    await contractPdfBench(Number(process.env.BENCH_PDF_ROUNDS ?? 30)),
    await requestsPerContract(runtime),
  );
  printCommissionBench(
    await onDynamoDbLocalOfItsOwn((dynamoEndpoint) =>
      commissionBench({
        contracts: Number(process.env.BENCH_COMMISSION_CONTRACTS ?? 10_000),
        dynamoEndpoint,
      }),
    ),
  );
  printExportBench(await exportBench(Number(process.env.BENCH_EXPORT_ROWS ?? 100_000)));
  printMoveCustomersBench(
    await moveCustomersBench(runtime, Number(process.env.BENCH_MOVE_CUSTOMERS ?? 2_000)),
  );
  console.log(`\nImport of ${importRows} CSV rows (expect ~20 minutes for 100 000 on DynamoDB Local):`);
  printImportBench(
    await onDynamoDbLocalOfItsOwn((dynamoEndpoint) => importBench({ rows: importRows, dynamoEndpoint })),
  );
} finally {
  await runtime.stop();
}
