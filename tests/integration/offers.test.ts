import { randomUUID } from 'node:crypto';
import { Logger } from '@aws-lambda-powertools/logger';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { offersApi } from '#api/sales/offers-bindings';
import { gs1CheckDigit } from '#domain/energy/identifiers/gsrn';
import { calculateSavings } from '#domain/energy/savings';
import type { CurrentTariff } from '#domain/energy/supply-point';
import type { DomainEvent } from '#domain/events';
import type { DealService } from '#domain/sales/deals/deal-service';
import type { SalesActor } from '#domain/sales/sales-ports';
import { createHttpHandler } from '#http/http-handler';
import { accountsServices } from '#runtime/accounts-services';
import { energyServices } from '#runtime/energy-services';
import { salesServices } from '#runtime/sales-services';
import { settingsServices } from '#runtime/settings-services';
import { outboxEventEntity } from '#table/core/entities';
import type { Table } from '#table/core/table';
import { DynamoTenantDirectory } from '#table/core/tenant-directory';
import { everyUserActive } from '../support/accounts-fakes';
import { answerOf, httpEvent, type TestRequest } from '../support/http-event';
import { freshTable, swedishTenant } from '../support/local-table';

type Role = 'admin' | 'sales' | 'viewer';

/** A tenant ready to sell: a territory, a band table, a product with a price list, deal stages. */
interface World {
  readonly tenantId: string;
  readonly admin: SalesActor;
  readonly seller: SalesActor;
  readonly productId: string;
  readonly accountId: string;
  readonly stages: { readonly open: string; readonly won: string; readonly lost: string };
  readonly lossReasonId: string;
}

const currentTariff: CurrentTariff = {
  unitPricePerMwhMinor: 99_000,
  monthlyFeeMinor: 4_900,
  currency: 'SEK',
};
/** The product's prices for band E1 (below 20 MWh a year) and E2. */
const offered = {
  E1: { unitPricePerMwhMinor: 89_500, monthlyFeeMinor: 3_900 },
  E2: { unitPricePerMwhMinor: 79_000, monthlyFeeMinor: 9_900 },
};
const logger = new Logger({ serviceName: 'offers-test', logLevel: 'SILENT' });

let identifiers = 0;
/** A new valid GSRN (Swedish electricity supply point id). */
function gsrn(): string {
  identifiers += 1;
  const payload = `7359991000${String(identifiers).padStart(7, '0')}`;
  return `${payload}${gs1CheckDigit(payload)}`;
}

describe('versioned offers of a deal', () => {
  let table: Table;
  let now: Date;
  const clock = { now: () => now };
  /** Every transaction written, as the items it held. */
  const transactions: Record<string, unknown>[][] = [];
  let energy: ReturnType<typeof energyServices>;
  let accounts: ReturnType<typeof accountsServices>;
  let settings: ReturnType<typeof settingsServices>;
  let deals: DealService;
  let handler: ReturnType<typeof createHttpHandler>;

  beforeAll(async () => {
    table = await freshTable((command, input) => {
      if (command !== 'TransactWriteItemsCommand') return;
      const items = (input.TransactItems ?? []) as { Put?: { Item?: Record<string, unknown> } }[];
      transactions.push(items.flatMap((i) => (i.Put?.Item ? [i.Put.Item] : [])));
    });
    energy = energyServices({ table }, { clock });
    accounts = accountsServices({ table }, { clock });
    settings = settingsServices({ table }, { clock });
    // Every user named is an active user of the tenant: the users module is not under test here.
    // The tenant keeps the default sales rules: offers are valid 30 days.
    const sales = salesServices({ table }, { clock, users: everyUserActive });
    deals = sales.deals;
    handler = createHttpHandler(offersApi(sales.offers), logger);
  });

  beforeEach(() => {
    now = new Date('2025-03-03T09:00:00.000Z');
  });

  async function world(): Promise<World> {
    const profile = swedishTenant();
    await new DynamoTenantDirectory(table).save(profile);
    const tenantId = profile.id;
    const admin: SalesActor = { tenantId, userId: 'admin-1', roles: ['admin'] };
    await energy.referenceData.createTerritory(admin, {
      code: 'ELLEVIO',
      name: 'Ellevio',
      country: 'SE',
      commodity: 'electricity',
    });
    await energy.referenceData.saveBandTable(admin, {
      commodity: 'electricity',
      customerType: 'B2B',
      unit: 'kWh',
      bands: [
        { code: 'E1', label: 'below 20 MWh', fromInclusive: 0, toExclusive: 20_000 },
        { code: 'E2', label: '20 MWh and more', fromInclusive: 20_000 },
      ],
    });
    const product = await energy.pricing.createProduct(admin, {
      name: 'Fast pris 12 mån',
      code: 'FAST-12',
      commodity: 'electricity',
    });
    await energy.pricing.publishPriceList(admin, product.value.id, {
      validFrom: '2025-01-01',
      prices: [
        { territoryCode: 'ELLEVIO', bandCode: 'E1', ...offered.E1 },
        { territoryCode: 'ELLEVIO', bandCode: 'E2', ...offered.E2 },
      ],
    });
    const account = await accounts.accounts.create(admin, {
      name: 'Bageri Solrosen AB',
      customerType: 'B2B',
    });
    const stage = async (title: string, status: 'open' | 'won' | 'lost', probabilityBasisPoints: number) =>
      (await settings.settings.create(admin, 'deal-stage', { title, status, probabilityBasisPoints })).value
        .id;
    const lossReason = await settings.settings.create(admin, 'loss-reason', { title: 'Price' });
    return {
      tenantId,
      admin,
      seller: { tenantId, userId: 'seller-1', roles: ['sales'] },
      productId: product.value.id,
      accountId: account.value.id,
      stages: {
        open: await stage('Offer', 'open', 5_000),
        won: await stage('Won', 'won', 10_000),
        lost: await stage('Lost', 'lost', 0),
      },
      lossReasonId: lossReason.value.id,
    };
  }

  async function supplyPoint(
    w: World,
    annualConsumptionKwh: number,
    tariff: CurrentTariff | null = currentTariff,
  ) {
    const created = await energy.supplyPoints.create(w.admin, {
      identifier: gsrn(),
      commodity: 'electricity',
      country: 'SE',
      accountId: w.accountId,
      territoryCode: 'ELLEVIO',
      customerType: 'B2B',
      annualConsumptionKwh,
      address: {
        street: 'Storgatan',
        houseNumber: '1',
        postcode: '111 11',
        city: 'Stockholm',
        country: 'SE',
      },
      ...(tariff ? { currentTariff: tariff } : {}),
    });
    return created.value.id;
  }

  /** A deal owned by the seller over the given supply points. */
  async function dealOf(w: World, supplyPointIds: string[]) {
    const created = await deals.create(w.seller, {
      title: 'Elavtal 2025',
      accountId: w.accountId,
      commodity: 'electricity',
      supplyPointIds,
      stageId: w.stages.open,
      valueMinor: 2_500_000,
      expectedCloseDate: '2025-04-30',
    });
    return created.value.id;
  }

  function as(who: { tenantId: string; userId: string }, role: Role) {
    return async (routeKey: string, options: TestRequest = {}) =>
      answerOf(await handler(httpEvent(routeKey, { ...who, roles: [role] }, options)));
  }

  /** The seller's calls on offers. */
  function sellerOf(w: World) {
    const call = as(w.seller, 'sales');
    return {
      call,
      create: (dealId: string, body: unknown, headers: Record<string, string> = {}) =>
        call('POST /v1/deals/{dealId}/offers', { params: { dealId }, body, headers }),
      get: (offerId: string) => call('GET /v1/offers/{offerId}', { params: { offerId } }),
      version: (offerId: string, version: number) =>
        call('GET /v1/offers/{offerId}/versions/{version}', {
          params: { offerId, version: String(version) },
        }),
      add: (offerId: string, etag: string, body: unknown) =>
        call('POST /v1/offers/{offerId}/versions', {
          params: { offerId },
          body,
          headers: { 'if-match': etag },
        }),
      send: (offerId: string, version: number, etag: string) =>
        call('POST /v1/offers/{offerId}/versions/{version}/send', {
          params: { offerId, version: String(version) },
          headers: { 'if-match': etag },
        }),
      accept: (offerId: string, version: number, etag: string) =>
        call('POST /v1/offers/{offerId}/versions/{version}/accept', {
          params: { offerId, version: String(version) },
          headers: { 'if-match': etag },
        }),
    };
  }

  const etagOf = (answer: ReturnType<typeof answerOf>) => answer.headers.etag as string;

  it('prices version 1 for each supply point of the deal with the energy module’s saving', async () => {
    // Prepare
    const w = await world();
    const small = await supplyPoint(w, 18_000);
    const large = await supplyPoint(w, 45_000);
    const dealId = await dealOf(w, [small, large]);
    const seller = sellerOf(w);

    // Act
    const created = await seller.create(dealId, { productId: w.productId, note: 'Två års bindning' });
    const read = await seller.version(created.body.id, 1);

    // Assess
    const current = {
      unitPricePerMwh: currentTariff.unitPricePerMwhMinor,
      monthlyFee: currentTariff.monthlyFeeMinor,
      currency: 'SEK',
    };
    const price = (band: 'E1' | 'E2') => ({
      unitPricePerMwh: offered[band].unitPricePerMwhMinor,
      monthlyFee: offered[band].monthlyFeeMinor,
      currency: 'SEK',
    });
    const smallSaving = calculateSavings(current, price('E1'), 18_000);
    const largeSaving = calculateSavings(current, price('E2'), 45_000);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      dealId,
      accountId: w.accountId,
      state: 'draft',
      latestVersion: 1,
      version: 1,
      versions: [{ number: 1, state: 'draft', productCode: 'FAST-12', pricingDate: '2025-03-03' }],
    });
    expect(created.body).not.toHaveProperty('tenantId');
    expect(created.headers.etag).toBe('"1"');
    expect(read.status).toBe(200);
    expect(read.body.lines).toEqual([
      {
        supplyPointId: small,
        territoryCode: 'ELLEVIO',
        bandCode: 'E1',
        annualConsumptionKwh: 18_000,
        ...offered.E1,
        priceListVersion: 1,
        ...smallSaving,
      },
      {
        supplyPointId: large,
        territoryCode: 'ELLEVIO',
        bandCode: 'E2',
        annualConsumptionKwh: 45_000,
        ...offered.E2,
        priceListVersion: 1,
        ...largeSaving,
      },
    ]);
    const currentTotal = smallSaving.currentAnnualCost + largeSaving.currentAnnualCost;
    const saving = smallSaving.saving + largeSaving.saving;
    expect(read.body.totals).toEqual({
      currency: 'SEK',
      currentAnnualCost: currentTotal,
      offeredAnnualCost: smallSaving.offeredAnnualCost + largeSaving.offeredAnnualCost,
      saving,
      savingBasisPoints: Math.round((saving * 10_000) / currentTotal),
    });
    expect(read.body).toMatchObject({ offerId: created.body.id, note: 'Två års bindning', state: 'draft' });
  });

  it('answers a retried create with the same Idempotency-Key with the first offer', async () => {
    // Prepare
    const w = await world();
    const dealId = await dealOf(w, [await supplyPoint(w, 18_000)]);
    const seller = sellerOf(w);
    const key = { 'idempotency-key': `offer-${randomUUID()}` };

    // Act
    const first = await seller.create(dealId, { productId: w.productId }, key);
    const retry = await seller.create(dealId, { productId: w.productId }, key);
    const listed = await seller.call('GET /v1/deals/{dealId}/offers', { params: { dealId } });

    // Assess
    expect([first.status, retry.status]).toEqual([201, 201]);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body).toEqual(first.body);
    expect(listed.body.items.map((o: { id: string }) => o.id)).toEqual([first.body.id]);
  });

  it('fixes a sent version, supersedes it by a newer one sent, and wins the deal when that one is accepted', async () => {
    // Prepare: version 1 sent, then version 2 made and sent.
    const w = await world();
    const dealId = await dealOf(w, [await supplyPoint(w, 18_000), await supplyPoint(w, 45_000)]);
    const seller = sellerOf(w);
    const created = await seller.create(dealId, { productId: w.productId });
    const offerId = created.body.id as string;
    const sent1 = await seller.send(offerId, 1, etagOf(created));
    const sentTwice = await seller.send(offerId, 1, etagOf(sent1));
    now = new Date('2025-03-10T09:00:00.000Z');
    const added = await seller.add(offerId, etagOf(sent1), {
      productId: w.productId,
      pricingDate: '2025-04-01',
    });
    const sent2 = await seller.send(offerId, 2, etagOf(added));

    // Act
    const acceptOld = await seller.accept(offerId, 1, etagOf(sent2));
    const accepted = await seller.accept(offerId, 2, etagOf(sent2));

    // Assess: the refusals name the state.
    expect(sent1.status).toBe(200);
    expect(sent1.body).toMatchObject({
      number: 1,
      state: 'sent',
      validUntil: '2025-04-02',
      sentBy: 'seller-1',
    });
    expect(sentTwice.status).toBe(409);
    expect(sentTwice.headers['content-type']).toBe('application/problem+json');
    expect(sentTwice.body['invalid-params']).toEqual([
      { name: 'version.state', reason: 'version 1 is sent' },
    ]);
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ number: 2, state: 'draft', pricingDate: '2025-04-01' });
    expect(sent2.body).toMatchObject({ number: 2, state: 'sent', validUntil: '2025-04-09' });
    expect(acceptOld.status).toBe(409);
    expect(acceptOld.body.detail).toBe('version 1 is superseded by version 2');
    expect(acceptOld.body['invalid-params']).toEqual([
      { name: 'version.state', reason: 'version 1 is superseded' },
    ]);
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ number: 2, state: 'accepted', acceptedBy: 'seller-1' });

    // Assess: the offer and its versions as read back.
    const read = await seller.get(offerId);
    expect(read.body).toMatchObject({
      state: 'accepted',
      acceptedVersion: 2,
      sentVersion: 2,
      latestVersion: 2,
    });
    expect(
      read.body.versions.map((v: { number: number; state: string }) => `${v.number} ${v.state}`),
    ).toEqual(['1 superseded', '2 accepted']);

    // Assess: the deal is won, with the move in its history.
    const deal = await deals.get(w.seller, dealId);
    expect(deal.stage).toMatchObject({ id: w.stages.won, status: 'won' });
    expect(deal.closedAt).toBe('2025-03-10T09:00:00.000Z');
    expect(deal.stageHistory.map((v) => `${v.stageId} ${v.status} ${v.enteredBy}`)).toEqual([
      `${w.stages.open} open seller-1`,
      `${w.stages.won} won seller-1`,
    ]);

    // Assess: the acceptance and the deal's move went in one transaction, and both events are in the outbox.
    const outboxOf = (items: Record<string, unknown>[]) =>
      items.filter((i) => i.entity === 'Outbox').map((i) => i.event as DomainEvent);
    const acceptance = transactions.find((items) =>
      outboxOf(items).some((e) => e.type === 'OfferAccepted' && e.subject.id === offerId),
    );
    const events = outboxOf(acceptance ?? []);
    expect(events.map((e) => e.type)).toEqual(['OfferAccepted', 'DealStageChanged']);
    expect(acceptance?.some((i) => i.entity === 'Deal' && i.id === dealId)).toBe(true);
    for (const event of events) {
      const { Item } = await table.client.send(
        new GetCommand({
          TableName: table.name,
          Key: outboxEventEntity.key({ tenantId: w.tenantId, eventId: event.id }),
          ConsistentRead: true,
        }),
      );
      expect(Item?.event).toEqual(event);
    }
    const [offerAccepted] = events;
    expect(offerAccepted).toMatchObject({
      source: 'gridline.sales',
      subject: { type: 'offer', id: offerId, accountId: w.accountId },
      data: {
        offerId,
        dealId,
        accountId: w.accountId,
        versionNumber: 2,
        version: {
          number: 2,
          state: 'accepted',
          pricingDate: '2025-04-01',
          totals: accepted.body.totals,
          lines: accepted.body.lines,
        },
      },
    });
  });

  it('refuses a version accepted after its last valid day, and shows it as expired', async () => {
    // Prepare: sent on 3 March, valid until 2 April in Stockholm.
    const w = await world();
    const dealId = await dealOf(w, [await supplyPoint(w, 18_000)]);
    const seller = sellerOf(w);
    const created = await seller.create(dealId, { productId: w.productId });
    const offerId = created.body.id as string;
    const sent = await seller.send(offerId, 1, etagOf(created));
    now = new Date('2025-04-02T22:30:00.000Z');

    // Act
    const accepted = await seller.accept(offerId, 1, etagOf(sent));

    // Assess
    expect(accepted.status).toBe(409);
    expect(accepted.body.detail).toBe('version 1 expired: it was valid until 2025-04-02');
    expect(accepted.body['invalid-params']).toEqual([
      { name: 'version.state', reason: 'version 1 is expired' },
    ]);
    const read = await seller.get(offerId);
    expect(read.body).toMatchObject({ state: 'expired', validUntil: '2025-04-02' });
    expect(read.body.versions[0].state).toBe('expired');
    expect((await deals.get(w.seller, dealId)).stage.status).toBe('open');
  });

  it('lets one offer win a deal: another offer of the won deal cannot be accepted', async () => {
    // Prepare
    const w = await world();
    const dealId = await dealOf(w, [await supplyPoint(w, 18_000)]);
    const seller = sellerOf(w);
    const first = await seller.create(dealId, { productId: w.productId });
    const second = await seller.create(dealId, { productId: w.productId });
    const firstSent = await seller.send(first.body.id, 1, etagOf(first));
    const secondSent = await seller.send(second.body.id, 1, etagOf(second));
    await seller.accept(first.body.id, 1, etagOf(firstSent));

    // Act
    const refused = await seller.accept(second.body.id, 1, etagOf(secondSent));

    // Assess
    expect(refused.status).toBe(409);
    expect(refused.body['invalid-params']).toEqual([
      { name: 'dealId', reason: `offer ${first.body.id} of the deal is accepted` },
    ]);
  });

  it('refuses a deal without supply points, a supply point that cannot be priced and a lost deal', async () => {
    // Prepare
    const w = await world();
    const seller = sellerOf(w);
    const bare = await dealOf(w, []);
    const untariffed = await supplyPoint(w, 18_000, null);
    const partly = await dealOf(w, [await supplyPoint(w, 45_000), untariffed]);
    const lostDeal = await dealOf(w, [await supplyPoint(w, 18_000)]);
    const offer = await seller.create(lostDeal, { productId: w.productId });
    const current = await deals.get(w.seller, lostDeal);
    await deals.update(w.seller, lostDeal, current.version, {
      stageId: w.stages.lost,
      lossReasonId: w.lossReasonId,
    });

    // Act
    const withoutPoints = await seller.create(bare, { productId: w.productId });
    const unpriced = await seller.create(partly, { productId: w.productId });
    const unknownProduct = await seller.create(partly, { productId: w.accountId });
    const onLost = await seller.send(offer.body.id, 1, etagOf(offer));

    // Assess
    expect(withoutPoints.status).toBe(400);
    expect(withoutPoints.body['invalid-params']).toEqual([
      { name: 'supplyPointIds', reason: `deal ${bare} has no supply points; add them to the deal first` },
    ]);
    expect(unpriced.status).toBe(409);
    expect(unpriced.body['invalid-params']).toEqual([
      {
        name: 'supplyPointIds.1',
        reason: `supply point ${untariffed}: the supply point has no current tariff to compare with`,
      },
    ]);
    expect(unknownProduct.status).toBe(400);
    expect(unknownProduct.body['invalid-params']).toEqual([{ name: 'productId', reason: 'no such product' }]);
    expect(onLost.status).toBe(409);
    expect(onLost.body['invalid-params']).toEqual([
      { name: 'deal.stage', reason: 'the deal is in the lost stage Lost' },
    ]);
  });

  it('answers 404 to another tenant and to a sales user who has no part in the deal; a viewer reads but does not write', async () => {
    // Prepare
    const w = await world();
    const other = await world();
    const dealId = await dealOf(w, [await supplyPoint(w, 18_000)]);
    const created = await sellerOf(w).create(dealId, { productId: w.productId });
    const offerId = created.body.id as string;
    const outsider = as({ tenantId: w.tenantId, userId: 'seller-2' }, 'sales');
    const foreign = as(other.admin, 'admin');
    const viewer = as({ tenantId: w.tenantId, userId: 'viewer-1' }, 'viewer');
    const params = { offerId, version: '1' };

    // Act
    const answers = {
      foreignRead: await foreign('GET /v1/offers/{offerId}', { params }),
      foreignSend: await foreign('POST /v1/offers/{offerId}/versions/{version}/send', {
        params,
        headers: { 'if-match': '"1"' },
      }),
      foreignList: await foreign('GET /v1/deals/{dealId}/offers', { params: { dealId } }),
      outsiderRead: await outsider('GET /v1/offers/{offerId}/versions/{version}', { params }),
      outsiderCreate: await outsider('POST /v1/deals/{dealId}/offers', {
        params: { dealId },
        body: { productId: w.productId },
      }),
      viewerRead: await viewer('GET /v1/offers/{offerId}', { params }),
      viewerSend: await viewer('POST /v1/offers/{offerId}/versions/{version}/send', {
        params,
        headers: { 'if-match': '"1"' },
      }),
    };

    // Assess
    expect(Object.fromEntries(Object.entries(answers).map(([name, a]) => [name, a.status]))).toEqual({
      foreignRead: 404,
      foreignSend: 404,
      foreignList: 404,
      outsiderRead: 404,
      outsiderCreate: 404,
      viewerRead: 200,
      viewerSend: 403,
    });
    expect(answers.outsiderRead.body.detail).toBe(`offer ${offerId} does not exist`);
  });
});
