import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PdfkitRenderer } from '#adapters/documents/pdfkit-renderer';
import { SigniClient } from '#adapters/e-signature/signi-client';
import { objectStoreFromEnvironment } from '#adapters/storage/s3-object-store';
import type { Contract, ContractLine } from '#domain/contracts/contract';
import { fillTemplate } from '#domain/contracts/contract-template';
import { templateFor } from '#domain/contracts/default-templates';
import type { SalesActor } from '#domain/sales/sales-ports';
import { accountsServices } from '#runtime/accounts-services';
import { contractsServices } from '#runtime/contracts-services';
import { energyServices } from '#runtime/energy-services';
import { salesServices } from '#runtime/sales-services';
import { settingsServices } from '#runtime/settings-services';
import { createTable } from '#table/core/table';
import type { LocalRuntime } from '../lib/local/runtime';
import { startSigniLocal } from '../lib/local/signi-local';
import { sampleContract } from '../tests/support/contract-fixture';
import { percentile } from './stats';

export interface PdfBenchResult {
  readonly lines: number;
  readonly p50Ms: number;
  readonly kib: number;
}

/** The test suite's sample contract, with `lines` supply points. */
function benchContract(lines: number): Contract {
  const [first] = sampleContract().lines as [ContractLine];
  return sampleContract({
    lines: Array.from({ length: lines }, (_, i) => ({
      ...first,
      supplyPointId: `sp-${i}`,
      identifier: `24ZZS61348${String(i).padStart(5, '0')}X`,
    })),
  });
}

/** Renders the Slovak starting template for 1 and 10 supply points: median time and size. */
export async function contractPdfBench(rounds: number): Promise<PdfBenchResult[]> {
  const renderer = new PdfkitRenderer();
  const results: PdfBenchResult[] = [];
  for (const lines of [1, 10]) {
    const filled = fillTemplate(templateFor({ templates: [] }, 'sk'), {
      contract: benchContract(lines),
      supplier: { name: 'Tatra Energia s.r.o.' },
    });
    await renderer.render(filled);
    const samples: number[] = [];
    let bytes = 0;
    for (let i = 0; i < rounds; i++) {
      const start = performance.now();
      bytes = (await renderer.render(filled)).byteLength;
      samples.push(performance.now() - start);
    }
    results.push({ lines, p50Ms: percentile(samples, 50), kib: bytes / 1024 });
  }
  return results;
}

/**
 * DynamoDB requests of one contract's way from `OfferAccepted` to
 * `ContractSigned` and its supplier switches, step by step, as the
 * consumers, the API, the worker and the callback make them; the demo's
 * Slovak school with one supply point, against the local Signi.
 */
export async function requestsPerContract(runtime: LocalRuntime): Promise<Record<string, number>> {
  let count = 0;
  const client = new DynamoDBClient({});
  client.middlewareStack.add(
    (next) => (args) => {
      count += 1;
      return next(args);
    },
    { step: 'initialize', name: 'countRequests' },
  );
  const table = createTable(runtime.tableName, client);
  const apiKey = 'bench-key';
  const signi = await startSigniLocal({ apiKey });
  try {
    const s = contractsServices({
      table,
      objects: objectStoreFromEnvironment(),
      eSignature: new SigniClient({
        baseUrl: signi.endpoint,
        apiKey: async () => apiKey,
        timeoutMs: 5_000,
        retries: 0,
      }),
      renderer: new PdfkitRenderer(),
      signingCallbackUrl: 'http://127.0.0.1:9/v1/webhooks/e-signature/signi',
    });
    const tenant = runtime.demoTenants.find((t) => t.profile.country === 'SK');
    const admin = tenant?.users.find((u) => u.groups.includes('admin'));
    const seller = tenant?.users.find((u) => u.groups.includes('sales'));
    if (!tenant || !admin || !seller) throw new Error('the demo has no Slovak tenant');
    const tenantId = tenant.profile.id;
    const adminActor: SalesActor = { tenantId, userId: admin.sub, roles: ['admin'] };
    const sellerActor: SalesActor = { tenantId, userId: seller.sub, roles: ['sales'] };
    await s.settings.amend(adminActor, {
      proposer: { firstName: 'Bench', lastName: 'Proposer', email: 'bench@example.sk' },
    });
    const energy = energyServices({ table });
    const sales = salesServices({ table });
    const [product] = (
      await energy.pricing.listProducts(adminActor, { commodity: 'electricity' }, { limit: 1 })
    ).items;
    const stage = (
      await settingsServices({ table }).settings.list(adminActor, 'deal-stage', {}, { limit: 50 })
    ).items.find((x) => 'status' in x && x.status === 'open');
    // The demo's school: a business with a signing person and one priced supply point.
    const [school] = (
      await accountsServices({ table }).accounts.list(adminActor, { namePrefix: 'Základná' }, { limit: 1 })
    ).items;
    const points = await energy.supplyPoints.ofAccount(adminActor, school?.id as string, { limit: 10 });
    const accountId = school?.id as string;
    const deal = await sales.deals.create(sellerActor, {
      title: 'Bench',
      accountId,
      commodity: 'electricity',
      supplyPointIds: points.items.map((p) => p.id),
      stageId: stage?.id as string,
      valueMinor: 1,
      expectedCloseDate: '2027-01-31',
    });
    const offer = await sales.offers.create(sellerActor, deal.value.id, { productId: product?.id as string });
    const sent = await sales.offers.send(sellerActor, offer.value.offer.id, 1, offer.value.offer.version);
    const accepted = await sales.offers.accept(sellerActor, offer.value.offer.id, 1, sent.offer.version);

    const steps: Record<string, number> = {};
    const step = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
      count = 0;
      const result = await run();
      steps[name] = count;
      return result;
    };
    const contract = (await step('draft from OfferAccepted', () =>
      s.intake.fromAcceptedOffer(sellerActor, {
        offerId: accepted.offer.id,
        dealId: accepted.offer.dealId,
        accountId: accepted.offer.accountId,
        version: { ...accepted.version, state: 'accepted' },
      }),
    )) as Contract;
    const requested = await step('send (API)', () =>
      s.signing.requestSend(sellerActor, contract.id, contract.version),
    );
    await step('hand to Signi (worker)', () => s.signing.deliver(tenantId, requested.id));
    const out = await s.contracts.get(sellerActor, contract.id);
    const delivery = await signi.decide(out.signing?.externalId as string, 'completed');
    const token = new URL(delivery?.url as string).searchParams.get('token') as string;
    await step('callback → signed', () =>
      s.signing.callback(token, { contractId: String(delivery?.body.contract_id), state: 'completed' }),
    );
    const signed = await s.contracts.get(sellerActor, contract.id);
    await step('supplier switches', () => s.switches.start(signed));
    steps.total = Object.values(steps).reduce((a, b) => a + b, 0);
    steps.supplyPoints = points.items.length;
    return steps;
  } finally {
    await signi.stop();
  }
}

export function printContractBench(pdf: readonly PdfBenchResult[], requests: Record<string, number>): void {
  console.log('\nContract documents (pdfkit, DejaVu Sans embedded):');
  for (const r of pdf) {
    console.log(
      `  ${String(r.lines).padStart(2)} supply point(s)   p50 ${r.p50Ms.toFixed(1)} ms   ${r.kib.toFixed(1)} KiB`,
    );
  }
  console.log(
    `\nDynamoDB requests of one contract, OfferAccepted → ContractSigned (${requests.supplyPoints} supply point):`,
  );
  for (const [name, n] of Object.entries(requests)) {
    if (name !== 'supplyPoints') console.log(`  ${name.padEnd(26)} ${n}`);
  }
}
