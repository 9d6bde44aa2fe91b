import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signWebhook } from '#domain/sales/leads/webhook-signature';
import type { LocalRuntime } from '../../lib/local/runtime';
import { callApi, clientFor, startTestRuntime, tokenFor } from '../support/runtime';

type Client = ReturnType<typeof clientFor>;

const tenantId = 'tatra';
const ifMatch = (version: number | string | null) => ({
  'if-match': `"${String(version).replaceAll('"', '')}"`,
});

/** A delivery as the portal sends it: the raw body and its Standard Webhooks headers. */
function delivery(secret: string, id: string, body: string) {
  const at = new Date();
  return {
    'content-type': 'application/json',
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': signWebhook(secret, id, at, body),
  };
}

describe('a campaign, end to end from a webhook lead to a signed contract', () => {
  let runtime: LocalRuntime;
  let admin: Client;
  let seller: Client;

  beforeAll(async () => {
    runtime = await startTestRuntime({ demoContracts: true });
    admin = clientFor(runtime, runtime.tenants.find((t) => t.id === tenantId)?.adminToken as string);
    seller = clientFor(runtime, await tokenFor(runtime, tenantId, 'sales'));
  });
  afterAll(() => runtime.stop());

  it('reports the lead, its qualification, deal, offer, won deal and signed contract with its value and costs', async () => {
    // A campaign whose code the portal's links carry.
    const campaign = await admin.post('/v1/campaigns', {
      name: 'Jarné sťahovanie 2027',
      channel: 'partner',
      period: { from: '2027-03-01', to: '2027-05-31' },
      budget: { amountMinor: 240_000 },
      codes: { campaign: 'stahovanie-jar-2027', source: 'portal-newsletter', medium: 'email' },
    });
    expect(campaign.status).toBe(201);

    // The portal delivers a signed inquiry with that code.
    const source = runtime.leadSources.find((s) => s.tenantId === tenantId);
    if (!source) throw new Error('the demo has no lead source for the tenant');
    const inquiry = JSON.parse(readFileSync(source.samplePayload, 'utf8'));
    const body = JSON.stringify({
      ...inquiry,
      inquiry_id: 'INQ-2027-CAMPAIGN-1',
      utm: { ...inquiry.utm, campaign: 'Stahovanie-Jar-2027' },
    });
    const delivered = await callApi(runtime, 'POST', source.webhookPath, {
      headers: delivery(source.signingSecret, 'msg_campaign_e2e', body),
      rawBody: body,
    });
    expect(delivered.status).toBe(202);
    const leadId = (delivered.body as { leadId: string }).leadId;
    await runtime.settled();

    // Qualified and converted into the school's account; the deal then takes its supply points.
    const lead = await admin.get(`/v1/leads/${leadId}`);
    expect(lead.body.attribution.campaign).toBe('Stahovanie-Jar-2027');
    const qualified = await admin.post(
      `/v1/leads/${leadId}/stage`,
      { stage: 'sales-qualified' },
      ifMatch(lead.headers.get('etag')),
    );
    expect(qualified.status).toBe(200);
    const accounts = await admin.get(`/v1/accounts?q=${encodeURIComponent('Základná')}`);
    const accountId = accounts.body.items[0].id as string;
    const supplyPointIds = (await admin.get(`/v1/accounts/${accountId}/supply-points`)).body.items.map(
      (p: { id: string }) => p.id,
    );
    const stages = await admin.get('/v1/settings/deal-stages');
    const openStageId = stages.body.items.find((s: { status: string }) => s.status === 'open').id;
    const converted = await admin.post(
      `/v1/leads/${leadId}/conversion`,
      {
        accountId,
        deal: {
          title: 'Elektrina z kampane',
          stageId: openStageId,
          valueMinor: 1_500_000,
          expectedCloseDate: '2027-04-30',
        },
      },
      ifMatch(qualified.headers.get('etag')),
    );
    expect(converted.status).toBe(201);
    const dealId = converted.body.deal.id as string;
    const withPoints = await admin.patch(
      `/v1/deals/${dealId}`,
      { commodity: 'electricity', supplyPointIds },
      ifMatch(converted.body.deal.version),
    );
    expect(withPoints.status).toBe(200);

    // An offer sent and accepted: the deal is won and the consumer drafts the contract.
    const products = await admin.get('/v1/products');
    const productId = products.body.items.find((p: { code: string }) => p.code === 'EL-FIX-27').id;
    const offer = await admin.post(`/v1/deals/${dealId}/offers`, { productId });
    expect(offer.status).toBe(201);
    const sent = await admin.post(
      `/v1/offers/${offer.body.id}/versions/1/send`,
      undefined,
      ifMatch(offer.body.version),
    );
    const accepted = await admin.post(
      `/v1/offers/${offer.body.id}/versions/1/accept`,
      undefined,
      ifMatch(sent.headers.get('etag')),
    );
    expect(accepted.status).toBe(200);
    await runtime.settled();
    const drafts = await admin.get('/v1/contracts?state=draft&limit=100');
    const draft = drafts.body.items.find((c: { deal: { dealId: string } }) => c.deal.dealId === dealId);
    expect(draft).toBeDefined();

    // Sent for signing and signed at the local Signi.
    const requested = await admin.post(`/v1/contracts/${draft.id}/send`, undefined, ifMatch(draft.version));
    expect(requested.status).toBe(200);
    await runtime.settled();
    const out = (await admin.get(`/v1/contracts/${draft.id}`)).body;
    await runtime.signi.decide(out.signing.externalId, 'completed');
    await runtime.settled();
    const signed = (await admin.get(`/v1/contracts/${draft.id}`)).body;
    expect(signed.state).toBe('signed');

    // Act
    const report = await seller.get(`/v1/campaigns/${campaign.body.id}/report`);
    const list = await seller.get('/v1/campaigns?limit=100');

    // Assess
    expect(report.status).toBe(200);
    expect(report.body).toMatchObject({
      leads: 1,
      contractsSigned: 1,
      contractValue: [{ currency: signed.currency, amountMinor: signed.offeredAnnualCost }],
      costPerLead: { amountMinor: 240_000, currency: 'EUR' },
      costPerContract: { amountMinor: 240_000, currency: 'EUR' },
      counts: { leads: 1, mql: 1, sql: 1, deals: 1, offers: 1, won: 1, contractsSigned: 1 },
    });
    expect(report.body.funnel).toEqual(
      ['awareness', 'interest', 'consideration', 'intent', 'evaluation', 'purchase'].map((step) => ({
        step,
        count: 1,
      })),
    );
    const listed = list.body.items.find(
      (i: { campaign: { id: string } }) => i.campaign.id === campaign.body.id,
    );
    expect(listed.headline).toEqual({
      leads: 1,
      contractsSigned: 1,
      contractValue: report.body.contractValue,
      costPerLead: report.body.costPerLead,
      costPerContract: report.body.costPerContract,
    });
  });

  it('seeds each demo tenant’s campaigns, the autumn fair with leads through its funnel', async () => {
    await runtime.settled();
    for (const tenant of runtime.tenants) {
      const client = clientFor(runtime, tenant.adminToken);

      // Act
      const list = await client.get('/v1/campaigns?limit=100');
      const fair = list.body.items.find(
        (i: { campaign: { codes: { campaign: string } } }) => i.campaign.codes.campaign === 'autumn-fair',
      );
      const report = await client.get(`/v1/campaigns/${fair.campaign.id}/report`);

      // Assess
      expect(report.body.counts, tenant.id).toMatchObject({ leads: 3, mql: 3, sql: 1, meetings: 1 });
      expect(
        report.body.funnel.map((s: { count: number }) => s.count),
        tenant.id,
      ).toEqual([3, 3, 3, 1, 0, 0]);
      expect(report.body.costPerLead.amountMinor, tenant.id).toBe(
        Math.round(fair.campaign.budget.amountMinor / 3),
      );
    }
  });
});
