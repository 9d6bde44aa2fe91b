import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { monotonicFactory } from 'ulid';
import type { CommissionEvent } from '#domain/commissions/commission-projection';
import type { Contract } from '#domain/contracts/contract';
import type { DomainEvent } from '#domain/events';
import type { SalesActor } from '#domain/sales/sales-ports';
import { commissionProjection, commissionsServices } from '#runtime/commissions-services';
import { createTable, type Table } from '#table/core/table';
import { DynamoTenantDirectory } from '#table/core/tenant-directory';
import { createLocalTable } from '../lib/local/create-table';
import {
  LOCAL_DYNAMODB_CREDENTIALS,
  LOCAL_DYNAMODB_REGION,
  startDynamoDbLocal,
} from '../lib/local/dynamodb-local';
import { fixedRuleRequest } from '../tests/support/commission-fixture';
import { sampleContract } from '../tests/support/contract-fixture';
import { interleaved, percentile } from './stats';

/**
 * Commissions at volume (R-CM-4): signed contracts through what the two
 * consumers do with them — the commission made behind its guard item, then
 * its event added to the statements — counting every DynamoDB request; and
 * a seller's statement read with 100 commissions in the tenant against
 * 10 000. Both tenants share one table, so only the volume differs.
 */
export interface CommissionBenchOptions {
  readonly contracts?: number;
  readonly small?: number;
  readonly rounds?: number;
  /** Default: `AWS_ENDPOINT_URL_DYNAMODB`, as the local runtime sets it. */
  readonly dynamoEndpoint?: string;
  readonly concurrency?: number;
}

export interface CommissionBenchResult {
  readonly contracts: number;
  readonly seconds: number;
  /** DynamoDB requests per contract over the first 1 000 and the last 1 000. */
  readonly requestsPerContract: { readonly first: number; readonly last: number };
  readonly statementP50: { readonly small: number; readonly large: number };
  readonly small: number;
  readonly rounds: number;
}

const sellers = Array.from({ length: 20 }, (_, i) => `seller-${String(i).padStart(2, '0')}`);

async function tenantOn(table: Table) {
  const tenantId = `bench-${randomUUID()}`;
  await new DynamoTenantDirectory(table).save({
    id: tenantId,
    name: 'Tatra Energia s.r.o.',
    country: 'SK',
    currency: 'EUR',
    timeZone: 'Europe/Bratislava',
  });
  const admin: SalesActor = { tenantId, userId: 'admin', roles: ['admin'] };
  await commissionsServices({ table }).rules.create(admin, fixedRuleRequest());
  return { tenantId, admin };
}

/** Contract `i` of a tenant: signed over the year, shared 60/40 by two of the 20 sellers. */
function signedContract(tenantId: string, id: string, i: number): Contract {
  const day = `2026-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`;
  return sampleContract({
    id,
    tenantId,
    state: 'signed',
    signedAt: `${day}T10:00:00.000Z`,
    requestedStartDate: '2027-01-01',
    deal: {
      dealId: id,
      title: `Deal ${i}`,
      ownerId: sellers[i % 20] as string,
      participants: [
        { userId: sellers[i % 20] as string, shareBasisPoints: 6_000 },
        { userId: sellers[(i + 7) % 20] as string, shareBasisPoints: 4_000 },
      ],
    },
  });
}

export async function commissionBench(options: CommissionBenchOptions = {}): Promise<CommissionBenchResult> {
  const contracts = options.contracts ?? 10_000;
  const small = options.small ?? 100;
  const rounds = options.rounds ?? 500;
  const concurrency = options.concurrency ?? Number(process.env.BENCH_COMMISSION_CONCURRENCY ?? 8);
  const endpoint = options.dynamoEndpoint ?? process.env.AWS_ENDPOINT_URL_DYNAMODB;
  const config = { endpoint, region: LOCAL_DYNAMODB_REGION, credentials: LOCAL_DYNAMODB_CREDENTIALS };
  const name = `bench-commissions-${randomUUID()}`;
  await createLocalTable(new DynamoDBClient(config), name);

  let requests = 0;
  /** The CommissionGenerated events written, by commission: what the relay would hand the projection. */
  const generated = new Map<string, DomainEvent>();
  const client = new DynamoDBClient(config);
  client.middlewareStack.add(
    (next, context) => (args) => {
      requests += 1;
      if (context.commandName === 'TransactWriteItemsCommand') {
        const items = (args.input as { TransactItems?: { Put?: { Item?: Record<string, unknown> } }[] })
          .TransactItems;
        for (const item of items ?? []) {
          const event =
            item.Put?.Item?.entity === 'Outbox' ? (item.Put.Item.event as DomainEvent) : undefined;
          if (event?.type === 'CommissionGenerated') generated.set(event.subject.id, event);
        }
      }
      return next(args);
    },
    { step: 'initialize', name: 'countRequests' },
  );
  const table = createTable(name, client);
  const { generator } = commissionsServices({ table });
  const projection = commissionProjection({ table });
  const ulid = monotonicFactory();

  /** What the consumers do with contracts `from` to `to` of a tenant; the DynamoDB requests per contract. */
  async function pipeline(tenantId: string, from: number, to: number): Promise<number> {
    const before = requests;
    let next = from;
    const worker = async () => {
      for (let i = next++; i < to; i = next++) {
        const outcome = await generator.onSigned(signedContract(tenantId, ulid(), i));
        if (outcome?.kind !== 'commission') throw new Error(`contract ${i} made no commission`);
        await projection.apply(generated.get(outcome.commission.id) as CommissionEvent);
        generated.delete(outcome.commission.id);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    return (requests - before) / (to - from);
  }

  const few = await tenantOn(table);
  await pipeline(few.tenantId, 0, small);
  const many = await tenantOn(table);
  const block = Math.min(1_000, contracts);
  const started = performance.now();
  const first = await pipeline(many.tenantId, 0, block);
  await pipeline(many.tenantId, block, contracts - block);
  const last = await pipeline(many.tenantId, Math.max(block, contracts - block), contracts);
  const seconds = (performance.now() - started) / 1000;

  const { reports } = commissionsServices({ table });
  const read = (admin: SalesActor) => () => reports.statement(admin, 'seller-03', '2026-12');
  await read(few.admin)();
  await read(many.admin)();
  const samples = await interleaved(rounds, { small: read(few.admin), large: read(many.admin) });
  return {
    contracts,
    seconds,
    requestsPerContract: { first, last },
    statementP50: { small: percentile(samples.small, 50), large: percentile(samples.large, 50) },
    small,
    rounds,
  };
}

export function printCommissionBench(r: CommissionBenchResult): void {
  const { first, last } = r.requestsPerContract;
  console.log(
    `\nCommissions: ${r.contracts} signed contracts through both consumers in ${r.seconds.toFixed(1)} s`,
  );
  console.log(`  DynamoDB requests per contract, first 1 000   ${first.toFixed(2)}`);
  console.log(
    `  DynamoDB requests per contract, last 1 000    ${last.toFixed(2)}   ratio ${(last / first).toFixed(2)} (target ≤ 1.1)`,
  );
  console.log(`  statement read p50, ${r.small} commissions       ${r.statementP50.small.toFixed(3)} ms`);
  console.log(
    `  statement read p50, ${r.contracts} commissions    ${r.statementP50.large.toFixed(3)} ms   ratio ${(r.statementP50.large / r.statementP50.small).toFixed(2)}`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  // `npx tsx bench/commissions.ts [contracts]`: on a DynamoDB Local of its own.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const dynamo = await startDynamoDbLocal();
  try {
    printCommissionBench(
      await commissionBench({
        contracts: Number(process.argv[2] ?? 10_000),
        dynamoEndpoint: dynamo.endpoint,
      }),
    );
  } finally {
    await dynamo.stop();
  }
}
