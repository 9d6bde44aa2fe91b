import { expect } from 'vitest';
import type { LocalRuntime } from '../../lib/local/runtime';
import { eic } from './contract-world';
import type { clientFor } from './runtime';

type Client = ReturnType<typeof clientFor>;

export const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });
const etagOf = (response: { headers: Headers }) => Number(response.headers.get('etag')?.replaceAll('"', ''));

/** A household in Bratislava with a signing person and one supply point in ZSD: a consumer, who may withdraw. */
async function household(seller: Client): Promise<string> {
  const account = await seller.post('/v1/accounts', {
    name: 'Novákovci',
    customerType: 'B2C',
    addresses: [
      { kind: 'visiting', street: 'Palisády 12', postcode: '811 06', city: 'Bratislava', country: 'SK' },
    ],
  });
  expect(account.status).toBe(201);
  await seller.post('/v1/contacts', {
    firstName: 'Peter',
    lastName: 'Novák',
    email: 'peter.novak@example.sk',
    accountId: account.body.id,
    isSigningPerson: true,
  });
  const point = await seller.post('/v1/supply-points', {
    identifier: eic(),
    commodity: 'electricity',
    country: 'SK',
    accountId: account.body.id,
    territoryCode: 'ZSD',
    customerType: 'B2C',
    services: ['electricity-retail'],
    annualConsumptionKwh: 3_200,
    meter: { number: 'E-778120', tariff: 'D2' },
    address: { street: 'Palisády', houseNumber: '12', postcode: '811 06', city: 'Bratislava', country: 'SK' },
    currentTariff: { unitPricePerMwhMinor: 17_500, monthlyFeeMinor: 450, currency: 'EUR' },
  });
  expect(point.status).toBe(201);
  return account.body.id;
}

/**
 * A Slovak household's electricity contract, made as users make one: a deal
 * shared by `participants`, its offer accepted, the contract sent and signed
 * at the local Signi. The tenant's proposer must be set.
 */
export async function signedHouseholdContract(
  runtime: LocalRuntime,
  clients: { readonly admin: Client; readonly seller: Client },
  participants: readonly { readonly userId: string; readonly shareBasisPoints: number }[],
): Promise<{ id: string; version: number; number: string; lines: { identifier: string }[] }> {
  const { admin, seller } = clients;
  const accountId = await household(seller);
  const points = await admin.get(`/v1/accounts/${accountId}/supply-points`);
  const products = await admin.get('/v1/products');
  const productId = products.body.items.find((p: { code: string }) => p.code === 'EL-FIX-27').id;
  const stages = await admin.get('/v1/settings/deal-stages');
  const deal = await seller.post('/v1/deals', {
    title: 'Elektrina pre domácnosť 2027',
    accountId,
    commodity: 'electricity',
    supplyPointIds: points.body.items.map((p: { id: string }) => p.id),
    stageId: stages.body.items.find((s: { status: string }) => s.status === 'open').id,
    valueMinor: 1_500_000,
    expectedCloseDate: '2027-01-31',
    participants,
  });
  expect(deal.status).toBe(201);
  const offer = await seller.post(`/v1/deals/${deal.body.id}/offers`, { productId });
  const sent = await seller.post(
    `/v1/offers/${offer.body.id}/versions/1/send`,
    undefined,
    ifMatch(offer.body.version),
  );
  await seller.post(`/v1/offers/${offer.body.id}/versions/1/accept`, undefined, ifMatch(etagOf(sent)));
  await runtime.settled();
  const drafts = await seller.get('/v1/contracts?state=draft');
  const draft = drafts.body.items.find((c: { deal: { dealId: string } }) => c.deal.dealId === deal.body.id);
  const send = await seller.post(`/v1/contracts/${draft.id}/send`, undefined, ifMatch(draft.version));
  expect(send.body).toMatchObject({ state: 'draft' });
  await runtime.settled();
  const forSigning = (await seller.get(`/v1/contracts/${draft.id}`)).body;
  await runtime.signi.decide(forSigning.signing.externalId, 'completed');
  await runtime.settled();
  const signed = (await seller.get(`/v1/contracts/${draft.id}`)).body;
  expect(signed.state).toBe('signed');
  return signed;
}

/** The tenant's contract rules with a proposer, so contracts can be sent for signing. */
export async function setProposer(admin: Client): Promise<void> {
  const settings = await admin.get('/v1/contracts/settings');
  const { tenantId: _t, version, updatedAt: _u, updatedBy: _b, ...rules } = settings.body;
  const saved = await admin.put(
    '/v1/contracts/settings',
    { ...rules, proposer: { firstName: 'Tomáš', lastName: 'Obchodník', email: 'zmluvy@tatra.example' } },
    ifMatch(version),
  );
  expect(saved.status).toBe(200);
}
