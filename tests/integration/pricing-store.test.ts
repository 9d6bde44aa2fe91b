import { Logger } from '@aws-lambda-powertools/logger';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { pricingApi } from '#api/energy/pricing-bindings';
import type { Price, PriceListDraft } from '#domain/energy/pricing/price-list';
import type { Territory, TerritoryStore } from '#domain/energy/territory';
import { ConflictError, NotFoundError, ValidationError, VersionMismatchError } from '#domain/errors';
import type { Actor } from '#domain/ports';
import { createHttpHandler } from '#http/http-handler';
import { problemOf } from '#http/problem';
import { pricingServices } from '#runtime/pricing-services';
import { priceEntryEntity, priceListEntity } from '#table/energy/entities';
import { DynamoPriceStore } from '#table/energy/price-store';
import { answerOf, httpEvent, type TestRequest } from '../support/http-event';
import { servicesWithTenants } from '../support/local-table';

type Setup = Awaited<ReturnType<typeof servicesWithTenants>>;

const territory = (code: string, commodity: string): Territory => ({
  code,
  name: code,
  country: code.slice(0, 2),
  commodity,
  version: 1,
});

/** The tenants' territories, in memory: the territory module has its own store. */
function territoriesOf(byTenant: Record<string, Territory[]>): TerritoryStore {
  return { get: async (tenantId, code) => byTenant[tenantId]?.find((t) => t.code === code) };
}

const price = (territoryCode: string, bandCode: string, unit: number, fee = 4900): Price => ({
  territoryCode,
  bandCode,
  unitPricePerMwhMinor: unit,
  monthlyFeeMinor: fee,
});

describe('products and price lists in the table', () => {
  let setup: Setup;
  let requests: string[];
  let territories: TerritoryStore;
  let pricing: ReturnType<typeof pricingServices>['pricing'];

  beforeAll(async () => {
    requests = [];
    setup = await servicesWithTenants((command) => requests.push(command));
    territories = territoriesOf({
      [setup.se.tenantId]: [
        territory('SE-ELLEVIO', 'electricity'),
        territory('SE-VATTENFALL', 'electricity'),
      ],
      [setup.sk.tenantId]: [territory('SK-ZSD', 'electricity')],
    });
    pricing = pricingServices({ table: setup.table }, { territories }).pricing;
  });

  async function electricityProduct(actor: Actor = setup.se, name = 'Fast pris 12 mån') {
    const { value } = await pricing.createProduct(actor, { name, code: 'FAST-12', commodity: 'electricity' });
    return value;
  }

  async function seriesItems(tenantId: string, productId: string, territoryCode: string, bandCode: string) {
    const { Items = [] } = await setup.table.client.send(
      new QueryCommand({
        TableName: setup.table.name,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: {
          ':pk': priceEntryEntity.patterns.lastStart.query({ tenantId, productId, territoryCode, bandCode })
            .partition,
        },
      }),
    );
    return Items;
  }

  describe('products', () => {
    it('creates a product in the tenant’s currency and reads it back', async () => {
      // Act
      const created = await electricityProduct();

      // Assess
      const read = await pricing.getProduct(setup.se, created.id);
      expect(read).toEqual(created);
      expect(read).toMatchObject({
        code: 'FAST-12',
        currency: 'SEK',
        active: true,
        priceListCount: 0,
        version: 1,
      });
    });

    it('lists products by name, filtered by commodity', async () => {
      // Prepare
      const { sk } = setup;
      await pricing.createProduct(sk, { name: 'Zemný plyn Štandard', code: 'ZP-STD', commodity: 'gas' });
      await pricing.createProduct(sk, { name: 'Elektrina Fix', code: 'E-FIX', commodity: 'electricity' });
      await pricing.createProduct(sk, { name: 'Elektrina Akcia', code: 'E-AKC', commodity: 'electricity' });

      // Act
      const electricity = await pricing.listProducts(sk, { commodity: 'electricity' }, { limit: 10 });
      const byPrefix = await pricing.listProducts(sk, { namePrefix: 'zemny' }, { limit: 10 });

      // Assess
      expect(electricity.items.map((p) => p.name)).toEqual(['Elektrina Akcia', 'Elektrina Fix']);
      expect(byPrefix.items.map((p) => p.code)).toEqual(['ZP-STD']);
    });

    it('updates with the version it was read at, and refuses an older one', async () => {
      // Prepare
      const product = await electricityProduct();
      await pricing.updateProduct(setup.se, product.id, 1, { description: 'Bunden i 12 månader' });

      // Act
      const stale = pricing.updateProduct(setup.se, product.id, 1, { active: false });

      // Assess
      await expect(stale).rejects.toBeInstanceOf(VersionMismatchError);
      expect(await pricing.getProduct(setup.se, product.id)).toMatchObject({
        description: 'Bunden i 12 månader',
        active: true,
        version: 2,
      });
    });

    it('creates once per idempotency key', async () => {
      // Prepare
      const token = { operationId: 'createProduct', key: 'product-import-1', requestHash: 'hash-a' };
      const draft = { name: 'Rörligt pris', code: 'RORLIGT', commodity: 'electricity' as const };

      // Act
      const first = await pricing.createProduct(setup.se, draft, token);
      const second = await pricing.createProduct(setup.se, draft, token);

      // Assess
      expect(second).toEqual({ value: first.value, replayed: true });
    });
  });

  describe('price lists', () => {
    const v1: PriceListDraft = {
      validFrom: '2025-01-01',
      validTo: '2025-07-01',
      prices: [price('SE-ELLEVIO', 'E1', 89_900), price('SE-ELLEVIO', 'E2', 84_500)],
    };
    const v2: PriceListDraft = {
      validFrom: '2025-07-01',
      prices: [price('SE-ELLEVIO', 'E1', 95_000), price('SE-VATTENFALL', 'E1', 93_000)],
    };
    let productId: string;

    beforeAll(async () => {
      productId = (await electricityProduct(setup.se, 'Fast pris 24 mån')).id;
    });

    it('accepts a list that starts the day the previous one ends', async () => {
      // Act
      const first = await pricing.publishPriceList(setup.se, productId, v1);
      const second = await pricing.publishPriceList(setup.se, productId, v2);

      // Assess
      expect(first.value).toMatchObject({ version: 1, currency: 'SEK', publishedBy: 'se-admin', ...v1 });
      expect(second.value).toMatchObject({ version: 2, currency: 'SEK', ...v2 });
      const lists = await pricing.listPriceLists(setup.se, productId, { limit: 10 });
      expect(lists.items.map((l) => l.version)).toEqual([2, 1]);
      expect(await pricing.getProduct(setup.se, productId)).toMatchObject({ priceListCount: 2, version: 3 });
      const series = await seriesItems(setup.se.tenantId, productId, 'SE-ELLEVIO', 'E1');
      expect(series.map((i) => [i.sk, i.priceListVersion, i.unitPricePerMwhMinor])).toEqual([
        ['FROM#2025-01-01', 1, 89_900],
        ['FROM#2025-07-01', 2, 95_000],
      ]);
    });

    it('refuses an overlapping list with 409 naming validFrom, and writes nothing of it', async () => {
      // Prepare
      const { se } = setup;
      const seriesBefore = await seriesItems(se.tenantId, productId, 'SE-ELLEVIO', 'E2');
      const productBefore = await pricing.getProduct(se, productId);
      const v3: PriceListDraft = {
        validFrom: '2025-06-01',
        validTo: '2025-09-01',
        // A new series first: the whole list is refused, not just the clashing price.
        prices: [price('SE-VATTENFALL', 'E2', 91_000), price('SE-ELLEVIO', 'E2', 90_000)],
      };

      // Act
      const attempt = pricing.publishPriceList(se, productId, v3);

      // Assess
      await expect(attempt).rejects.toBeInstanceOf(ConflictError);
      await expect(attempt).rejects.toMatchObject({ fields: [{ name: 'validFrom' }] });
      expect(problemOf(await attempt.catch((e: unknown) => e))?.status).toBe(409);
      const { Item: header } = await setup.table.client.send(
        new GetCommand({
          TableName: setup.table.name,
          Key: priceListEntity.key({ tenantId: se.tenantId, productId, version: 3 }),
        }),
      );
      expect(header).toBeUndefined();
      expect(await seriesItems(se.tenantId, productId, 'SE-ELLEVIO', 'E2')).toEqual(seriesBefore);
      expect(await seriesItems(se.tenantId, productId, 'SE-VATTENFALL', 'E2')).toEqual([]);
      expect(await pricing.getProduct(se, productId)).toEqual(productBefore);
    });

    it('refuses a list that starts inside an open-ended one', async () => {
      const late: PriceListDraft = { validFrom: '2030-01-01', prices: [price('SE-VATTENFALL', 'E1', 1)] };
      await expect(pricing.publishPriceList(setup.se, productId, late)).rejects.toMatchObject({
        fields: [{ name: 'validFrom', reason: expect.stringContaining('price list 2') }],
      });
    });

    it('prices the boundary day from the new list, the day before from the old one, in one request each', async () => {
      // Prepare
      const { se } = setup;
      const lookup = async (date: string) => {
        requests.length = 0;
        const found = await pricing.priceOn(se, productId, 'SE-ELLEVIO', 'E1', date);
        return { found, requests: [...requests] };
      };

      // Act
      const boundary = await lookup('2025-07-01');
      const dayBefore = await lookup('2025-06-30');
      const beforeFirst = await lookup('2024-12-31');
      const ended = await pricing.priceOn(se, productId, 'SE-ELLEVIO', 'E2', '2025-07-01');

      // Assess
      expect(boundary.found).toEqual({
        productId,
        territoryCode: 'SE-ELLEVIO',
        bandCode: 'E1',
        validFrom: '2025-07-01',
        unitPricePerMwhMinor: 95_000,
        monthlyFeeMinor: 4900,
        currency: 'SEK',
        priceListVersion: 2,
      });
      expect(dayBefore.found).toMatchObject({ priceListVersion: 1, unitPricePerMwhMinor: 89_900 });
      expect(beforeFirst.found).toBeUndefined();
      expect(ended).toBeUndefined();
      for (const r of [boundary, dayBefore, beforeFirst]) expect(r.requests).toEqual(['QueryCommand']);
    });

    it('carries each price’s margin onto its entry, and reads a list back by its version', async () => {
      // Prepare
      const product = await electricityProduct(setup.se, 'Marginal AB');
      const draft: PriceListDraft = {
        validFrom: '2025-01-01',
        prices: [
          { ...price('SE-ELLEVIO', 'E1', 89_900), marginPerMwhMinor: 8_990 },
          price('SE-ELLEVIO', 'E2', 1),
        ],
      };
      const { value: published } = await pricing.publishPriceList(setup.se, product.id, draft);

      // Act
      const withMargin = await pricing.priceOn(setup.se, product.id, 'SE-ELLEVIO', 'E1', '2025-03-01');
      const withoutMargin = await pricing.priceOn(setup.se, product.id, 'SE-ELLEVIO', 'E2', '2025-03-01');
      const store = new DynamoPriceStore(setup.table);
      const byVersion = await store.version(setup.se.tenantId, product.id, 1);
      const unknown = await store.version(setup.se.tenantId, product.id, 2);
      const otherTenant = await store.version(setup.sk.tenantId, product.id, 1);

      // Assess
      expect(withMargin).toMatchObject({ unitPricePerMwhMinor: 89_900, marginPerMwhMinor: 8_990 });
      expect(withoutMargin).not.toHaveProperty('marginPerMwhMinor');
      expect(byVersion).toEqual(published);
      expect(byVersion?.prices[0]?.marginPerMwhMinor).toBe(8_990);
      expect(unknown).toBeUndefined();
      expect(otherTenant).toBeUndefined();
    });

    it('refuses an unknown territory, or one of another commodity, naming the price', async () => {
      // Prepare
      const gasTerritories = territoriesOf({ [setup.se.tenantId]: [territory('SE-WEUM-GAS', 'gas')] });
      const withGas = pricingServices({ table: setup.table }, { territories: gasTerritories }).pricing;
      const draft: PriceListDraft = {
        validFrom: '2031-01-01',
        prices: [price('SE-WEUM-GAS', 'E1', 1), price('SE-NOWHERE', 'E1', 1)],
      };

      // Act
      const attempt = withGas.publishPriceList(setup.se, productId, draft);

      // Assess
      await expect(attempt).rejects.toBeInstanceOf(ValidationError);
      await expect(attempt).rejects.toMatchObject({
        fields: [{ name: 'prices.0.territoryCode' }, { name: 'prices.1.territoryCode' }],
      });
      expect(await seriesItems(setup.se.tenantId, productId, 'SE-NOWHERE', 'E1')).toEqual([]);
    });

    it('keeps another tenant out: its product is not found and it has no prices', async () => {
      // Prepare
      const { sk } = setup;
      const territoryOfSk: PriceListDraft = { validFrom: '2032-01-01', prices: [price('SK-ZSD', 'E1', 1)] };

      // Act
      const outcomes = await Promise.allSettled([
        pricing.getProduct(sk, productId),
        pricing.publishPriceList(sk, productId, territoryOfSk),
        pricing.listPriceLists(sk, productId, { limit: 10 }),
      ]);
      const lookup = await pricing.priceOn(sk, productId, 'SE-ELLEVIO', 'E1', '2025-07-01');

      // Assess
      for (const outcome of outcomes) {
        expect(outcome.status).toBe('rejected');
        if (outcome.status === 'rejected') expect(outcome.reason).toBeInstanceOf(NotFoundError);
      }
      expect(lookup).toBeUndefined();
    });

    it('keeps commodity and currency once a list is published', async () => {
      const product = await pricing.getProduct(setup.se, productId);
      const attempt = pricing.updateProduct(setup.se, productId, product.version, { currency: 'EUR' });
      await expect(attempt).rejects.toMatchObject({ fields: [{ name: 'currency' }] });
    });

    it('answers a retried publish with the first result, even though it now overlaps itself', async () => {
      // Prepare
      const product = await electricityProduct(setup.se, 'Retry AB');
      const token = { operationId: 'publishPriceList', key: 'publish-1', requestHash: 'hash-1' };

      // Act
      const first = await pricing.publishPriceList(setup.se, product.id, v1, token);
      const retry = await pricing.publishPriceList(setup.se, product.id, v1, token);
      const otherBody = pricing.publishPriceList(setup.se, product.id, v1, {
        ...token,
        requestHash: 'hash-2',
      });

      // Assess
      expect(retry).toEqual({ value: first.value, replayed: true });
      await expect(otherBody).rejects.toMatchObject({ code: 'idempotency-key-reused' });
      expect((await pricing.getProduct(setup.se, product.id)).priceListCount).toBe(1);
    });

    it('lets only one of two concurrent publishes win; the other is a 409 to retry', async () => {
      // Prepare: both requests read the product before either writes.
      const product = await electricityProduct(setup.se, 'Race AB');
      let arrived = 0;
      let release: () => void = () => {};
      const bothRead = new Promise<void>((resolve) => {
        release = resolve;
      });
      const barrier: TerritoryStore = {
        get: async (tenantId, code) => {
          arrived += 1;
          if (arrived === 2) release();
          await bothRead;
          return territories.get(tenantId, code);
        },
      };
      const racing = pricingServices({ table: setup.table }, { territories: barrier }).pricing;
      const spring: PriceListDraft = {
        validFrom: '2025-01-01',
        validTo: '2025-04-01',
        prices: [price('SE-ELLEVIO', 'E1', 1)],
      };
      const summer: PriceListDraft = {
        validFrom: '2025-04-01',
        validTo: '2025-07-01',
        prices: [price('SE-ELLEVIO', 'E1', 2)],
      };

      // Act
      const outcomes = await Promise.allSettled([
        racing.publishPriceList(setup.se, product.id, spring),
        racing.publishPriceList(setup.se, product.id, summer),
      ]);

      // Assess
      const won = outcomes.filter((o) => o.status === 'fulfilled');
      const lost = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as unknown] : []));
      expect(won).toHaveLength(1);
      expect(lost.map((e) => problemOf(e)?.status)).toEqual([409]);
      const lists = await pricing.listPriceLists(setup.se, product.id, { limit: 10 });
      expect(lists.items.map((l) => l.version)).toEqual([1]);
      expect((await pricing.getProduct(setup.se, product.id)).priceListCount).toBe(1);
    });
  });

  describe('over HTTP', () => {
    const logger = new Logger({ serviceName: 'pricing-test', logLevel: 'SILENT' });

    async function call(actor: Actor, role: string, routeKey: string, input: TestRequest = {}) {
      const handler = createHttpHandler(pricingApi({ pricing }), logger);
      const caller = { tenantId: actor.tenantId, userId: actor.userId, roles: [role] };
      const { status, headers, body } = answerOf(await handler(httpEvent(routeKey, caller, input)));
      return { status, etag: headers.etag, body: body as Record<string, unknown> | undefined };
    }

    it('creates, publishes and prices a product, answering problems a client can act on', async () => {
      // Prepare
      const { se, sk } = setup;
      const created = await call(se, 'admin', 'POST /v1/products', {
        body: { name: 'Gridline Fix', code: 'gl-fix', commodity: 'electricity', currency: 'SEK' },
      });
      const params = { productId: created.body?.id as string };
      const list = {
        validFrom: '2026-01-01',
        prices: [
          { ...price('SE-ELLEVIO', 'E1', 79_900), marginPerMwhMinor: 7_990 },
          price('SE-ATLANTIS', 'E1', 79_900),
        ],
      };

      // Act
      const bySales = await call(se, 'sales', 'POST /v1/products/{productId}/price-lists', {
        params,
        body: list,
      });
      const unknownTerritory = await call(se, 'admin', 'POST /v1/products/{productId}/price-lists', {
        params,
        body: list,
      });
      const published = await call(se, 'admin', 'POST /v1/products/{productId}/price-lists', {
        params,
        body: { ...list, prices: list.prices.slice(0, 1) },
      });
      const overlapping = await call(se, 'admin', 'POST /v1/products/{productId}/price-lists', {
        params,
        body: { ...list, validFrom: '2026-06-01', prices: list.prices.slice(0, 1) },
      });
      const priced = await call(se, 'viewer', 'GET /v1/products/{productId}/price', {
        params,
        query: { territory: 'SE-ELLEVIO', band: 'E1', date: '2026-03-15' },
      });
      const unpriced = await call(se, 'viewer', 'GET /v1/products/{productId}/price', {
        params,
        query: { territory: 'SE-ELLEVIO', band: 'E1', date: '2025-12-31' },
      });
      const otherTenant = await call(sk, 'admin', 'GET /v1/products/{productId}', { params });

      // Assess
      expect(created).toMatchObject({
        status: 201,
        etag: '"1"',
        body: { code: 'GL-FIX', priceListCount: 0 },
      });
      expect(bySales.status).toBe(403);
      expect(unknownTerritory).toMatchObject({
        status: 400,
        body: { 'invalid-params': [{ name: 'prices.1.territoryCode' }] },
      });
      expect(published).toMatchObject({
        status: 201,
        body: { version: 1, currency: 'SEK', prices: [{ marginPerMwhMinor: 7_990 }] },
      });
      expect(overlapping).toMatchObject({ status: 409, body: { 'invalid-params': [{ name: 'validFrom' }] } });
      expect(priced).toMatchObject({
        status: 200,
        body: {
          unitPricePerMwhMinor: 79_900,
          monthlyFeeMinor: 4900,
          marginPerMwhMinor: 7_990,
          currency: 'SEK',
          priceListVersion: 1,
        },
      });
      expect(unpriced.status).toBe(404);
      expect(otherTenant.status).toBe(404);
    });

    it('keeps the product catalogue to admins, while sales users read it', async () => {
      // Prepare
      const { se } = setup;
      const product = await electricityProduct(se, 'Rörligt pris');
      const params = { productId: product.id };

      // Act
      const created = await call(se, 'sales', 'POST /v1/products', {
        body: { name: 'Säljarens produkt', code: 'SALES-1', commodity: 'electricity' },
      });
      const changed = await call(se, 'sales', 'PATCH /v1/products/{productId}', {
        params,
        body: { name: 'Omdöpt av säljare' },
        headers: { 'if-match': `"${product.version}"` },
      });
      const read = await call(se, 'sales', 'GET /v1/products/{productId}', { params });
      const listed = await call(se, 'sales', 'GET /v1/products');
      const stored = await pricing.getProduct(se, product.id);

      // Assess
      expect([created.status, changed.status]).toEqual([403, 403]);
      expect(created.body).toMatchObject({ type: 'urn:gridline:problem:forbidden' });
      expect(read).toMatchObject({ status: 200, body: { name: 'Rörligt pris' } });
      expect(listed.status).toBe(200);
      expect(stored.name).toBe('Rörligt pris');
    });

    it('names every malformed field of a price list', async () => {
      // Prepare
      const product = await electricityProduct();

      // Act
      const response = await call(setup.se, 'admin', 'POST /v1/products/{productId}/price-lists', {
        params: { productId: product.id },
        body: {
          validFrom: '2026-02-30',
          prices: [price('SE-ELLEVIO', 'E1', -5), { ...price('SE-ELLEVIO', 'E2', 1), monthlyFeeMinor: 1.5 }],
        },
      });

      // Assess
      expect(response.status).toBe(400);
      const invalid = (response.body?.['invalid-params'] ?? []) as { name: string }[];
      expect(invalid.map((p) => p.name).sort()).toEqual([
        'prices.0.unitPricePerMwhMinor',
        'prices.1.monthlyFeeMinor',
        'validFrom',
      ]);
    });
  });
});
