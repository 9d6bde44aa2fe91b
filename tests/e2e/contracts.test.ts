import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../lib/local/runtime';
import { callApi, clientFor, startTestRuntime, tokenFor } from '../support/runtime';

type Client = ReturnType<typeof clientFor>;

const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });
const tenantId = 'tatra';

describe('contracts, end to end through the local runtime and the local Signi', () => {
  let runtime: LocalRuntime;
  let admin: Client;
  let seller: Client;
  let accountId: string;
  let supplyPointIds: string[];
  let productId: string;
  let openStageId: string;

  beforeAll(async () => {
    runtime = await startTestRuntime({ demoContracts: true });
    admin = clientFor(runtime, runtime.tenants.find((t) => t.id === tenantId)?.adminToken as string);
    seller = clientFor(runtime, await tokenFor(runtime, tenantId, 'sales'));
    const accounts = await admin.get(`/v1/accounts?q=${encodeURIComponent('Základná')}`);
    accountId = accounts.body.items[0].id;
    supplyPointIds = (await admin.get(`/v1/accounts/${accountId}/supply-points`)).body.items.map(
      (p: { id: string }) => p.id,
    );
    const products = await admin.get('/v1/products');
    productId = products.body.items.find((p: { code: string }) => p.code === 'EL-FIX-27').id;
    const stages = await admin.get('/v1/settings/deal-stages');
    openStageId = stages.body.items.find((s: { status: string }) => s.status === 'open').id;
    const settings = await admin.get('/v1/contracts/settings');
    const { tenantId: _t, version, updatedAt: _u, updatedBy: _b, ...rules } = settings.body;
    const saved = await admin.put(
      '/v1/contracts/settings',
      {
        ...rules,
        proposer: { firstName: 'Tomáš', lastName: 'Obchodník', email: 'zmluvy@tatra-energia.example' },
      },
      ifMatch(version),
    );
    expect(saved.status).toBe(200);
  });
  afterAll(() => runtime.stop());

  /** A deal over the school's supply points, its offer sent and accepted: the draft contract the consumer made. */
  async function acceptedOfferContract() {
    const deal = await seller.post('/v1/deals', {
      title: 'Elektrina pre školu 2027',
      accountId,
      commodity: 'electricity',
      supplyPointIds,
      stageId: openStageId,
      valueMinor: 1_500_000,
      expectedCloseDate: '2027-01-31',
    });
    expect(deal.status).toBe(201);
    const offer = await seller.post(`/v1/deals/${deal.body.id}/offers`, { productId });
    expect(offer.status).toBe(201);
    const sent = await seller.post(
      `/v1/offers/${offer.body.id}/versions/1/send`,
      undefined,
      ifMatch(offer.body.version),
    );
    const accepted = await seller.post(
      `/v1/offers/${offer.body.id}/versions/1/accept`,
      undefined,
      ifMatch(Number(sent.headers.get('etag')?.replaceAll('"', ''))),
    );
    expect(accepted.status).toBe(200);
    await runtime.settled();
    const contracts = await seller.get('/v1/contracts?state=draft');
    const contract = contracts.body.items.find(
      (c: { deal: { dealId: string } }) => c.deal.dealId === deal.body.id,
    );
    expect(contract).toBeDefined();
    return contract as { id: string; version: number; number: string; state: string };
  }

  /** Sends a draft: the signing worker hands it to the local Signi. */
  async function sendForSigning(contract: { id: string; version: number }) {
    const requested = await seller.post(
      `/v1/contracts/${contract.id}/send`,
      undefined,
      ifMatch(contract.version),
    );
    expect(requested.status).toBe(200);
    await runtime.settled();
    const sent = (await seller.get(`/v1/contracts/${contract.id}`)).body;
    expect(sent.state).toBe('sent');
    return sent as { id: string; version: number; signing: { externalId: string } };
  }

  it('takes an accepted offer to a signed contract, its signed PDF stored and its supplier switches started', async () => {
    const draft = await acceptedOfferContract();
    expect(draft).toMatchObject({ state: 'draft', number: expect.stringMatching(/^\d{4}-\d{6}$/) });
    const document = await seller.get(`/v1/contracts/${draft.id}/document`);
    expect(document.status).toBe(409);

    const sent = await sendForSigning(draft);
    const draftPdf = await seller.get(`/v1/contracts/${draft.id}/document`);
    expect(draftPdf.body).toMatchObject({ signed: false });
    const pdf = await fetch(draftPdf.body.url);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');

    const delivery = await runtime.signi.decide(sent.signing.externalId, 'completed');
    await runtime.settled();

    expect(delivery?.status).toBe(200);
    const signed = (await seller.get(`/v1/contracts/${draft.id}`)).body;
    expect(signed).toMatchObject({ state: 'signed', signedDocument: { sizeBytes: expect.any(Number) } });
    const signedPdf = await seller.get(`/v1/contracts/${draft.id}/document`);
    expect(signedPdf.body).toMatchObject({ signed: true });
    const history = await seller.get(`/v1/contracts/${draft.id}/transitions`);
    expect(
      history.body.items.map((t: { to: string; actor: { kind: string } }) => [t.to, t.actor.kind]),
    ).toEqual([
      ['draft', 'user'],
      ['sent', 'e-signature'],
      ['signed', 'e-signature'],
    ]);
    const journeys = await admin.get(`/v1/accounts/${accountId}/journeys`);
    const switches = journeys.body.items.filter(
      (j: { type: string; note?: string }) =>
        j.type === 'supplier-switch' && j.note === `Contract ${draft.number}`,
    );
    expect(switches.map((j: { supplyPointId: string }) => j.supplyPointId).sort()).toEqual(
      [...supplyPointIds].sort(),
    );

    // The same callback again changes nothing; a forged token is a 404 with nothing written.
    const replayUrl = new URL(delivery?.url as string);
    const replay = await callApi(runtime, 'POST', `${replayUrl.pathname}${replayUrl.search}`, {
      body: delivery?.body,
    });
    expect(replay).toMatchObject({ status: 200, body: { contractId: draft.id, state: 'signed' } });
    const forged = await callApi(runtime, 'POST', `/v1/webhooks/e-signature/signi?token=${'x'.repeat(43)}`, {
      body: delivery?.body,
    });
    expect(forged.status).toBe(404);
    const after = (await seller.get(`/v1/contracts/${draft.id}`)).body;
    expect(after.version).toBe(signed.version);
  });

  it('seeds a signed and a sent contract for each demo tenant', async () => {
    for (const tenant of runtime.tenants) {
      const client = clientFor(runtime, tenant.adminToken);
      const [signed, sent] = await Promise.all([
        client.get('/v1/contracts?state=signed'),
        client.get('/v1/contracts?state=sent'),
      ]);
      expect(signed.body.items.length, tenant.id).toBeGreaterThanOrEqual(1);
      expect(sent.body.items.length, tenant.id).toBeGreaterThanOrEqual(1);
    }
  });

  it('seeds each demo tenant’s commission rules, under which its signed contract earned a commission', async () => {
    for (const tenant of runtime.tenants) {
      const client = clientFor(runtime, tenant.adminToken);
      const [rules, commissions, gaps] = await Promise.all([
        client.get('/v1/commission-rules'),
        client.get('/v1/commissions'),
        client.get('/v1/commissions/gaps'),
      ]);
      expect(rules.body.items.length, tenant.id).toBe(2);
      expect(commissions.body.items.length, tenant.id).toBeGreaterThanOrEqual(1);
      expect(commissions.body.items[0].totalMinor, tenant.id).toBeGreaterThan(0);
      expect(gaps.body.items, tenant.id).toEqual([]);
    }
  });

  it('ends a rejected contract declined and an expired one expired', async () => {
    const rejected = await sendForSigning(await acceptedOfferContract());
    const expired = await sendForSigning(await acceptedOfferContract());

    await runtime.signi.decide(rejected.signing.externalId, 'rejected');
    await runtime.signi.decide(expired.signing.externalId, 'expired');
    await runtime.settled();

    expect((await seller.get(`/v1/contracts/${rejected.id}`)).body.state).toBe('declined');
    expect((await seller.get(`/v1/contracts/${expired.id}`)).body.state).toBe('expired');
  });
});
