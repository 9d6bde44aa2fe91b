import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { monotonicFactory } from 'ulid';
import type { Caller } from '#domain/caller';
import type { Deal, DealStageSnapshot } from '#domain/sales/deals/deal';
import { type BucketDelta, mergeDeltas } from '#domain/sales/reports/bucket-delta';
import { dealContribution, type ForecastBucket } from '#domain/sales/reports/forecast';
import type { MonthRange, PipelineCut } from '#domain/sales/reports/sales-aggregates';
import type { TenantProfile } from '#domain/tenant';
import { salesReportServices } from '#runtime/sales-report-services';
import { createTable } from '#table/core/table';
import { DynamoTenantDirectory } from '#table/core/tenant-directory';
import { dealEntity } from '#table/sales/entities';
import { DynamoSalesAggregates } from '#table/sales/sales-aggregates-store';
import { createLocalTable } from '../lib/local/create-table';
import {
  LOCAL_DYNAMODB_CREDENTIALS,
  LOCAL_DYNAMODB_REGION,
  startDynamoDbLocal,
} from '../lib/local/dynamodb-local';
import { batchWrite } from './batch-write';
import { interleaved, percentile } from './stats';

/**
 * The forecast report with 100 deals against 100 000 (R-SA-5): each count
 * on a table of its own, deals written with BatchWriteItem as the deal
 * store lays them out and their aggregates summed in memory with
 * `dealContribution`, then written once through the aggregates store. Both
 * fills make the same buckets (20 owners, each forecasting in 5 of the 12
 * months; 4 groups; 12 months), so the only difference between the two
 * tables is the number of deals, which a report must not feel.
 */
export interface ForecastBenchOptions {
  readonly rounds?: number;
  readonly small?: number;
  readonly large?: number;
  /** Default: `AWS_ENDPOINT_URL_DYNAMODB`, as the local runtime sets it. */
  readonly dynamoEndpoint?: string;
  /** BatchWriteItem requests in flight while filling. */
  readonly concurrency?: number;
}

export interface ReportSamples {
  readonly p50: number;
  readonly p95: number;
  /** Rows the report answered. */
  readonly rows: number;
}

export interface ForecastBenchResult {
  readonly rounds: number;
  readonly small: number;
  readonly large: number;
  readonly concurrency: number;
  readonly fillSeconds: { readonly small: number; readonly large: number };
  readonly report: Record<
    'owner' | 'month',
    { readonly small: ReportSamples; readonly large: ReportSamples }
  >;
}

const owners = Array.from({ length: 20 }, (_, i) => `user-${String(i).padStart(2, '0')}`);
/** Sales has two regions under it; key accounts stand apart. */
const groups = { sales: 'GROUP-SALES', north: 'GROUP-NORTH', south: 'GROUP-SOUTH', key: 'GROUP-KEY' };
const groupsOfOwner = (owner: number): string[] => [
  owner < 10 ? groups.north : groups.south,
  groups.sales,
  ...(owner % 5 === 0 ? [groups.key] : []),
];
const openStages: DealStageSnapshot[] = [
  { id: 'STAGE-LEAD', title: 'Kvalificering', status: 'open', probabilityBasisPoints: 1_000 },
  { id: 'STAGE-OFFER', title: 'Offert', status: 'open', probabilityBasisPoints: 3_500 },
  { id: 'STAGE-NEGOTIATION', title: 'Förhandling', status: 'open', probabilityBasisPoints: 6_500 },
];
const wonStage: DealStageSnapshot = {
  id: 'STAGE-WON',
  title: 'Vunnen',
  status: 'won',
  probabilityBasisPoints: 10_000,
};
const lostStage: DealStageSnapshot = {
  id: 'STAGE-LOST',
  title: 'Förlorad',
  status: 'lost',
  probabilityBasisPoints: 0,
};
const lossReasons = ['REASON-PRICE', 'REASON-COMPETITOR', 'REASON-TIMING'];
const year = 2026;
const fullYear: MonthRange = { from: `${year}-01`, to: `${year}-12` };

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Deal `i`: owner `i mod 20`, in one of that owner's 5 months (owner o
 * forecasts in months o … o+4, wrapping over the year), so every 100
 * deals reach every owner-month bucket. The first hundred are open; of each
 * later hundred, every tenth deal is won and every fifteenth lost.
 */
function benchDeal(tenantId: string, i: number, id: string): Deal {
  const owner = i % owners.length;
  const month = ((owner + (Math.floor(i / owners.length) % 5)) % 12) + 1;
  const at = `${year}-${pad(month)}-${pad((i % 28) + 1)}`;
  const closes = i >= 100;
  const stage =
    closes && i % 10 === 9
      ? wonStage
      : closes && i % 15 === 14
        ? lostStage
        : (openStages[i % 3] as DealStageSnapshot);
  const ownerId = owners[owner] as string;
  return {
    id,
    tenantId,
    createdAt: `${year}-01-02T08:00:00.000Z`,
    createdBy: ownerId,
    updatedAt: `${at}T08:00:00.000Z`,
    updatedBy: ownerId,
    version: 1,
    title: `Elavtal ${i}`,
    accountId: `ACCOUNT-${i}`,
    ownerId,
    participants: [{ userId: ownerId, shareBasisPoints: 10_000 }],
    commodity: 'electricity',
    supplyPointIds: [],
    valueMinor: 50_000 + ((i * 7_919) % 2_000_000),
    currency: 'SEK',
    expectedCloseDate: at,
    stage,
    ...(stage.status === 'lost' ? { lossReasonId: lossReasons[i % lossReasons.length] } : {}),
    ...(stage.status === 'open' ? {} : { closedAt: `${at}T12:00:00.000Z` }),
    stageHistory: [
      { stageId: stage.id, status: stage.status, enteredAt: `${at}T12:00:00.000Z`, enteredBy: ownerId },
    ],
    forecastGroupIds: groupsOfOwner(owner),
  };
}

/** A deal as the deal store writes it: its own partition and the tenant's deal list. */
const dealItem = (deal: Deal) => {
  const at = { tenantId: deal.tenantId, dealId: deal.id };
  return dealEntity.item(deal, { key: at, gsi2: at });
};

/**
 * A fresh table with the tenant and `count` deals, and their forecast
 * aggregates: workers take 25 deals at a time, write them with one
 * BatchWriteItem and add their contributions to the running sums, which
 * are written at the end in one `apply`.
 */
async function filledTable(endpoint: string, count: number, concurrency: number) {
  const config = { endpoint, region: LOCAL_DYNAMODB_REGION, credentials: LOCAL_DYNAMODB_CREDENTIALS };
  const name = `bench-forecast-${count}-${randomUUID()}`;
  // Nothing reads its stream, and DynamoDB Local slows with every stream record it keeps (ADR 0035).
  await createLocalTable(new DynamoDBClient(config), name, { stream: false });
  const table = createTable(name, new DynamoDBClient(config));
  const tenant: TenantProfile = {
    id: `bench-${randomUUID()}`,
    name: 'Bänk Energi AB',
    country: 'SE',
    currency: 'SEK',
    timeZone: 'Europe/Stockholm',
  };
  await new DynamoTenantDirectory(table).save(tenant);

  const started = performance.now();
  const ulid = monotonicFactory();
  let next = 0;
  let sums: BucketDelta<ForecastBucket>[] = [];
  const worker = async () => {
    while (next < count) {
      const first = next;
      next = Math.min(count, next + 25);
      const deals = Array.from({ length: next - first }, (_, k) => benchDeal(tenant.id, first + k, ulid()));
      sums = mergeDeltas([...sums, ...deals.flatMap(dealContribution)]);
      await batchWrite(table, deals.map(dealItem));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  await new DynamoSalesAggregates(table).apply(tenant.id, 'forecast', `bench-fill-${randomUUID()}`, sums);
  const seconds = (performance.now() - started) / 1000;

  const { reports } = salesReportServices({ table });
  const admin: Caller = { tenantId: tenant.id, userId: 'bench-admin', roles: ['admin'] };
  const report = (by: PipelineCut) => () => reports.forecast(admin, { by, ...fullYear });
  return { seconds, owner: report('owner'), month: report('month') };
}

const samples = (all: number[], rows: number): ReportSamples => ({
  p50: percentile(all, 50),
  p95: percentile(all, 95),
  rows,
});

export async function forecastBench(options: ForecastBenchOptions = {}): Promise<ForecastBenchResult> {
  const rounds = options.rounds ?? 2000;
  const small = options.small ?? 100;
  const large = options.large ?? 100_000;
  const concurrency = options.concurrency ?? 16;
  const endpoint = options.dynamoEndpoint ?? process.env.AWS_ENDPOINT_URL_DYNAMODB;
  if (!endpoint) throw new Error('no DynamoDB endpoint: start the local runtime or pass dynamoEndpoint');

  const few = await filledTable(endpoint, small, concurrency);
  const many = await filledTable(endpoint, large, concurrency);
  const contenders = {
    ownerSmall: few.owner,
    ownerLarge: many.owner,
    monthSmall: few.month,
    monthLarge: many.month,
  };
  // Warm both tables' paths (tenant profile cache, connections, JIT) before measuring.
  await interleaved(Math.min(200, rounds), contenders);
  const measured = await interleaved(rounds, contenders);
  const result = async (run: () => Promise<{ rows: readonly unknown[] }>, all: number[]) =>
    samples(all, (await run()).rows.length);
  return {
    rounds,
    small,
    large,
    concurrency,
    fillSeconds: { small: few.seconds, large: many.seconds },
    report: {
      owner: {
        small: await result(few.owner, measured.ownerSmall),
        large: await result(many.owner, measured.ownerLarge),
      },
      month: {
        small: await result(few.month, measured.monthSmall),
        large: await result(many.month, measured.monthLarge),
      },
    },
  };
}

export function printForecastBench(r: ForecastBenchResult): void {
  const n = (count: number) => count.toLocaleString('en');
  console.log(
    `\nForecast from aggregates, ${n(r.small)} vs ${n(r.large)} deals (20 owners, 4 groups, 12 months), ${r.rounds} interleaved rounds, ms:`,
  );
  console.log(
    `  fill ${n(r.large)} deals    ${r.fillSeconds.large.toFixed(1)} s   (${(r.large / r.fillSeconds.large).toFixed(0)} deals/s, ${r.concurrency} BatchWriteItem requests in flight; ${n(r.small)} deals ${r.fillSeconds.small.toFixed(2)} s)`,
  );
  for (const by of ['owner', 'month'] as const) {
    const { small, large } = r.report[by];
    const row = (count: number, s: ReportSamples) =>
      `  by ${by.padEnd(5)} ${n(count).padStart(7)} deals   p50 ${s.p50.toFixed(3)}   p95 ${s.p95.toFixed(3)}   (${s.rows} rows)`;
    console.log(row(r.small, small));
    console.log(`${row(r.large, large)}   ratio p50 ${(large.p50 / small.p50).toFixed(2)} (target ≤ 1.2)`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  // `npx tsx bench/forecast.ts [rounds] [large]`: on a DynamoDB Local of its own.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const dynamo = await startDynamoDbLocal();
  try {
    printForecastBench(
      await forecastBench({
        rounds: Number(process.argv[2] ?? process.env.BENCH_ROUNDS ?? 2000),
        large: Number(process.argv[3] ?? 100_000),
        dynamoEndpoint: dynamo.endpoint,
      }),
    );
  } finally {
    await dynamo.stop();
  }
}
