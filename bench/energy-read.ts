import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { energyServices } from '#runtime/energy-services';
import { queryKeyInput } from '#table/core/key-condition';
import { createTable } from '#table/core/table';
import { priceEntryEntity, supplyPointEntity } from '#table/energy/entities';
import type { LocalRuntime } from '../lib/local/runtime';
import { inProcessGet, p50s } from './invoke';
import { interleaved, percentile } from './stats';

/**
 * Supply point read and price lookup through the energy-api handler, against
 * the bare DynamoDB requests they stand for (a GetItem; a Query of the price
 * series; for the supply point's price, GetItem + Query).
 */
export async function energyReadBench(runtime: LocalRuntime, rounds: number) {
  const tenant = runtime.tenants.find((t) => t.id === 'tatra');
  if (!tenant) throw new Error('no seeded Slovak tenant');
  const table = createTable(runtime.tableName);
  const actor = { tenantId: tenant.id, userId: 'tatra-admin' };
  const energy = energyServices({ table });
  const product = await energy.pricing.createProduct(actor, {
    name: 'Elektrina Štandard',
    code: 'EL-STD',
    commodity: 'electricity',
    currency: 'EUR',
  });
  await energy.pricing.publishPriceList(actor, product.value.id, {
    validFrom: '2026-01-01',
    prices: [{ territoryCode: 'ZSD', bandCode: 'P3', unitPricePerMwhMinor: 15_400, monthlyFeeMinor: 1_290 }],
  });
  const school = (
    await energy.supplyPoints.ofAccount(actor, await firstAccountId(runtime, tenant.adminToken), { limit: 1 })
  ).items[0];
  if (!school) throw new Error('no seeded supply point');

  const get = await inProcessGet(runtime, tenant.adminToken, 'energy-api');
  const priceOnDay = priceEntryEntity.patterns.onDay.query({
    tenantId: tenant.id,
    productId: product.value.id,
    territoryCode: 'ZSD',
    bandCode: 'P3',
    validFrom: '2026-06-01',
  });
  const supplyPointKey = supplyPointEntity.key({ tenantId: tenant.id, supplyPointId: school.id });
  const bareGet = () => table.client.send(new GetCommand({ TableName: table.name, Key: supplyPointKey }));
  const bareQuery = () =>
    table.client.send(new QueryCommand({ TableName: table.name, ...queryKeyInput(priceOnDay), Limit: 1 }));
  const date = { date: '2026-06-01' };
  const samples = await interleaved(rounds, {
    getItem: bareGet,
    query: bareQuery,
    getAndQuery: async () => {
      await bareGet();
      await bareQuery();
    },
    supplyPoint: get('/v1/supply-points/{supplyPointId}', `/v1/supply-points/${school.id}`, {
      supplyPointId: school.id,
    }),
    productPrice: get(
      '/v1/products/{productId}/price',
      `/v1/products/${product.value.id}/price`,
      { productId: product.value.id },
      { territory: 'ZSD', band: 'P3', ...date },
    ),
    supplyPointPrice: get(
      '/v1/supply-points/{supplyPointId}/price',
      `/v1/supply-points/${school.id}/price`,
      { supplyPointId: school.id },
      { productId: product.value.id, ...date },
    ),
  });
  const p50 = p50s(samples, percentile);
  return {
    p50,
    supplyPointRatio: p50.supplyPoint / p50.getItem,
    productPriceRatio: p50.productPrice / p50.query,
    supplyPointPriceRatio: p50.supplyPointPrice / p50.getAndQuery,
  };
}

async function firstAccountId(runtime: LocalRuntime, token: string): Promise<string> {
  const response = await fetch(`${runtime.apiUrl}/v1/accounts?q=zakladna`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const account = ((await response.json()) as { items: { id: string }[] }).items[0];
  if (!account) throw new Error('no seeded school account');
  return account.id;
}
