import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gs1CheckDigit } from '#domain/energy/identifiers/gsrn';
import { signWebhook } from '#domain/sales/leads/webhook-signature';
import type { LocalRuntime } from '../../lib/local/runtime';
import { callApi, clientFor, startTestRuntime } from '../support/runtime';

type Client = ReturnType<typeof clientFor>;

const sample = readFileSync('events/lead-webhooks/property-portal-inquiry.json', 'utf8');
const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });

/** A delivery as the portal sends it: the raw body and its Standard Webhooks headers. */
function delivery(secret: string, id: string, body: string, at = new Date()) {
  return {
    'content-type': 'application/json',
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': signWebhook(secret, id, at, body),
  };
}

describe('sales pipeline, end to end', () => {
  let runtime: LocalRuntime;
  let admin: Client;
  let webhookPath: string;
  let secret: string;
  const sellers = new Map<string, Client>();

  const post = (headers: Record<string, string>, body = sample) =>
    callApi(runtime, 'POST', webhookPath, { headers, rawBody: body }).then((r) => ({
      status: r.status,
      type: r.headers.get('content-type'),
      body: r.body as { leadId?: string; replayed?: boolean },
    }));

  beforeAll(async () => {
    runtime = await startTestRuntime();
    admin = clientFor(runtime, runtime.tenants.find((t) => t.id === 'norrsken')?.adminToken as string);
    const source = runtime.leadSources.find((s) => s.tenantId === 'norrsken');
    if (!source) throw new Error('the demo has no lead source');
    webhookPath = source.webhookPath;
    secret = source.signingSecret;
    const tenant = runtime.demoTenants.find((t) => t.profile.id === 'norrsken');
    for (const user of tenant?.users.filter((u) => u.groups.includes('sales')) ?? []) {
      sellers.set(user.sub, clientFor(runtime, await runtime.identity.mint(user)));
    }
  });
  afterAll(() => runtime.stop());

  it('takes a change with the create’s ETag after the lead pipeline scored and routed the lead', async () => {
    // Prepare: a lead by hand, scored and routed in the background.
    const lead = {
      companyName: 'Etag AB',
      lastName: 'Ek',
      email: 'ek@etag.example',
      segment: 'B2B',
      commodity: 'electricity',
      annualConsumptionKwh: 120_000,
    };
    const created = await admin.post('/v1/leads', lead);
    await runtime.settled();
    const processed = (await admin.get(`/v1/leads/${created.body.id}`)).body;

    // Act
    const changed = await admin.put(
      `/v1/leads/${created.body.id}`,
      { ...lead, firstName: 'Eva' },
      {
        'if-match': created.headers.get('etag') as string,
      },
    );

    // Assess
    expect(processed.ownerId).toBeDefined();
    expect(processed.score).toBeGreaterThan(0);
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).toBe(`"${created.body.version + 1}"`);
    expect(changed.body).toMatchObject({
      firstName: 'Eva',
      score: processed.score,
      ownerId: processed.ownerId,
    });
  });

  it('takes a signed lead from its webhook to a won deal, and the reports follow', async () => {
    // A signed delivery: scored by the tenant's rules and routed round-robin to a member of the sales team.
    const first = await post(delivery(secret, 'msg_e2e_1', sample));
    expect(first).toMatchObject({ status: 202, body: { replayed: false } });
    const leadId = first.body.leadId as string;
    await runtime.settled();
    let lead = (await admin.get(`/v1/leads/${leadId}`)).body;
    expect(lead).toMatchObject({
      firstName: 'Erik',
      lastName: 'Lindqvist',
      email: 'erik.lindqvist@lindqvist-arkitekter.example',
      segment: 'B2B',
      attribution: { campaign: 'flytt-hosten-2026' },
    });
    expect(lead.score).toBeGreaterThan(0);
    expect([...sellers.keys()]).toContain(lead.ownerId);
    expect(lead.groupId).toBeDefined();
    const owner = sellers.get(lead.ownerId) as Client;
    // Nurturing: the owner's follow-up is scheduled on the lead.
    const followUps = await owner.get(`/v1/leads/${leadId}/activities`);
    expect(followUps.body.items).toEqual([
      expect.objectContaining({ ownerId: lead.ownerId, subject: { type: 'lead', id: leadId } }),
    ]);
    const [other] = [...sellers.keys()].filter((id) => id !== lead.ownerId);

    // The same delivery again changes nothing; a forged one and a stale one are 401s.
    const replay = await post(delivery(secret, 'msg_e2e_1', sample));
    expect(replay).toMatchObject({ status: 202, body: { leadId, replayed: true } });
    const forged = await post(
      delivery(`whsec_${Buffer.alloc(32, 7).toString('base64')}`, 'msg_e2e_2', sample),
    );
    expect(forged.status).toBe(401);
    expect(forged.type).toBe('application/problem+json');
    const stale = await post(delivery(secret, 'msg_e2e_3', sample, new Date(Date.now() - 3_600_000)));
    expect(stale.status).toBe(401);
    const tampered = await post(delivery(secret, 'msg_e2e_4', sample), sample.replace('Erik', 'Eric'));
    expect(tampered.status).toBe(401);
    const unsigned = await post({ 'content-type': 'text/plain' }, 'not even JSON');
    expect(unsigned.status).toBe(401);
    await runtime.settled();
    const campaignLeads = await admin.get(`/v1/leads?ownerId=${lead.ownerId}&limit=100`);
    expect(campaignLeads.body.items.filter((l: { email?: string }) => l.email === lead.email)).toHaveLength(
      1,
    );

    // The owner qualifies and converts it: account, contact, deal with two participants and a supply point.
    lead = (await admin.get(`/v1/leads/${leadId}`)).body;
    const qualified = await owner.post(
      `/v1/leads/${leadId}/stage`,
      { stage: 'sales-qualified' },
      ifMatch(lead.version),
    );
    expect(qualified.body.stage).toBe('sales-qualified');
    const stages = (await admin.get('/v1/settings/deal-stages')).body.items as {
      id: string;
      status: string;
    }[];
    const open = stages.find((s) => s.status === 'open') as { id: string };
    const payload = '73599910000099887';
    const converted = await owner.post(
      `/v1/leads/${leadId}/conversion`,
      {
        deal: {
          stageId: open.id,
          valueMinor: 2_400_000,
          expectedCloseDate: '2027-01-31',
          participants: [
            { userId: lead.ownerId, shareBasisPoints: 6000 },
            { userId: other, shareBasisPoints: 4000 },
          ],
        },
        supplyPoint: {
          identifier: `${payload}${gs1CheckDigit(payload)}`,
          commodity: 'electricity',
          country: 'SE',
          territoryCode: 'ELLEVIO-STHLM',
          customerType: 'B2B',
          annualConsumptionKwh: 18_500,
          services: ['electricity-retail'],
          meter: { number: 'M-5512093', tariff: 'Säkring 25 A', mainBreakerAmps: 25 },
          payment: { method: 'invoice' },
          address: {
            street: 'Götgatan',
            houseNumber: '48',
            postcode: '118 26',
            city: 'Stockholm',
            country: 'SE',
          },
          currentTariff: { unitPricePerMwhMinor: 150_000, monthlyFeeMinor: 5_900, currency: 'SEK' },
        },
      },
      { ...ifMatch(qualified.body.version), 'idempotency-key': 'convert-e2e' },
    );
    expect(converted.body).toEqual(expect.objectContaining({ deal: expect.anything() }));
    expect(converted.status).toBe(201);
    const deal = converted.body.deal;
    expect(deal.participants).toHaveLength(2);
    expect(deal.supplyPointIds).toEqual([converted.body.supplyPoint.id]);
    const again = await owner.post(
      `/v1/leads/${leadId}/conversion`,
      { deal: { stageId: open.id, valueMinor: 1, expectedCloseDate: '2027-01-31' } },
      ifMatch(converted.body.lead.version),
    );
    expect(again.status).toBe(409);
    // The other participant sees the deal too.
    expect((await (sellers.get(other as string) as Client).get(`/v1/deals/${deal.id}`)).status).toBe(200);

    // Offers: v1, then v2 with another pricing date; v2 is accepted and the deal is won.
    const products = (await admin.get('/v1/products')).body.items as { id: string }[];
    const productId = products[0]?.id as string;
    const v1 = await owner.post(`/v1/deals/${deal.id}/offers`, { productId, pricingDate: '2026-11-20' });
    expect(v1.status).toBe(201);
    const offerId = v1.body.id as string;
    const line = (await owner.get(`/v1/offers/${offerId}/versions/1`)).body.lines[0];
    expect(line).toMatchObject({ currentAnnualCost: expect.any(Number), saving: expect.any(Number) });
    let offer = await owner.get(`/v1/offers/${offerId}`);
    const sent1 = await owner.post(
      `/v1/offers/${offerId}/versions/1/send`,
      {},
      ifMatch(Number(offer.headers.get('etag')?.replaceAll('"', ''))),
    );
    expect(sent1.status).toBe(200);
    const v2 = await owner.post(
      `/v1/offers/${offerId}/versions`,
      { productId, pricingDate: '2026-12-01', note: 'Längre bindning' },
      ifMatch(Number(sent1.headers.get('etag')?.replaceAll('"', ''))),
    );
    expect(v2.status).toBe(201);
    const sent2 = await owner.post(
      `/v1/offers/${offerId}/versions/2/send`,
      {},
      ifMatch(Number(v2.headers.get('etag')?.replaceAll('"', ''))),
    );
    expect(sent2.status).toBe(200);
    offer = await owner.get(`/v1/offers/${offerId}`);
    const etag = Number(offer.headers.get('etag')?.replaceAll('"', ''));
    const superseded = await owner.post(`/v1/offers/${offerId}/versions/1/accept`, {}, ifMatch(etag));
    expect(superseded.status).toBe(409);
    const accepted = await owner.post(`/v1/offers/${offerId}/versions/2/accept`, {}, ifMatch(etag));
    expect(accepted.status).toBe(200);
    const won = await owner.get(`/v1/deals/${deal.id}`);
    expect(won.body.stage.status).toBe('won');
    expect(won.body.stageHistory.map((v: { status: string }) => v.status)).toEqual(['open', 'won']);

    // The reports, kept by the consumers from the events.
    await runtime.settled();
    const month = won.body.closedAt.slice(0, 7);
    const winLoss = await admin.get(`/v1/reports/win-loss?from=${month}&to=${month}`);
    expect(winLoss.status).toBe(200);
    expect(JSON.stringify(winLoss.body)).toContain('2400000');
    const forecast = await admin.get('/v1/reports/forecast?by=owner&from=2027-01&to=2027-01');
    expect(forecast.status).toBe(200);
    const funnel = await admin.get('/v1/reports/funnel?by=campaign');
    expect(funnel.status).toBe(200);
    expect(JSON.stringify(funnel.body)).toContain('flytt-hosten-2026');
    expect(JSON.stringify(funnel.body)).toContain('converted');
  });

  it('accepts the sample delivery of every seeded tenant’s lead source, as `npm run send-lead` posts it', async () => {
    // Prepare
    const callingCodes: Record<string, string> = { SE: '+46', SK: '+421' };
    const tenants = runtime.demoTenants.map((t) => t.profile);

    // Act
    const delivered = await Promise.all(
      runtime.leadSources.map(async (source) => {
        const body = readFileSync(source.samplePayload, 'utf8');
        const answer = await fetch(`${runtime.apiUrl}${source.webhookPath}`, {
          method: 'POST',
          headers: delivery(source.signingSecret, `msg_sample_${source.tenantId}`, body),
          body,
        });
        return {
          source,
          sample: JSON.parse(body),
          status: answer.status,
          answer: (await answer.json()) as { leadId: string },
        };
      }),
    );

    // Assess
    expect(runtime.leadSources.map((s) => s.tenantId).sort()).toEqual(tenants.map((t) => t.id).sort());
    for (const { source, sample, status, answer } of delivered) {
      expect({ tenant: source.tenantId, status }).toEqual({ tenant: source.tenantId, status: 202 });
      const country = tenants.find((t) => t.id === source.tenantId)?.country as string;
      const token = runtime.tenants.find((t) => t.id === source.tenantId)?.adminToken as string;
      const lead = (await clientFor(runtime, token).get(`/v1/leads/${answer.leadId}`)).body;
      expect(lead).toMatchObject({
        companyName: sample.contact.company.name,
        address: { country },
        attribution: { source: expect.any(String), externalId: sample.inquiry_id },
      });
      expect(lead.phone.startsWith(callingCodes[country] as string)).toBe(true);
    }
  });
});
