import { Logger } from '@aws-lambda-powertools/logger';
import { beforeAll, describe, expect, it } from 'vitest';
import { campaignsApi } from '#api/campaigns/campaigns-bindings';
import { createHttpHandler } from '#http/http-handler';
import { campaignsServices } from '#runtime/campaigns-services';
import { DynamoTenantDirectory } from '#table/core/tenant-directory';
import { answerOf, httpEvent, type TestCaller, type TestRequest } from '../../support/http-event';
import { freshTable, slovakTenant, swedishTenant } from '../../support/local-table';

const body = (code: string) => ({
  name: 'Jarné teplo',
  channel: 'paid-search',
  period: { from: '2027-03-01', to: '2027-05-31' },
  budget: { amountMinor: 450_000 },
  codes: { campaign: code, source: 'google', medium: 'cpc' },
});

describe('the campaigns API', () => {
  let call: (
    route: string,
    caller: TestCaller,
    request?: TestRequest,
  ) => Promise<ReturnType<typeof answerOf>>;
  let admin: TestCaller;
  let seller: TestCaller;
  let stranger: TestCaller;

  beforeAll(async () => {
    const table = await freshTable();
    const sk = slovakTenant();
    const se = swedishTenant();
    await new DynamoTenantDirectory(table).save(sk);
    await new DynamoTenantDirectory(table).save(se);
    const handler = createHttpHandler(
      campaignsApi(campaignsServices({ table }).campaigns),
      new Logger({ logLevel: 'SILENT' }),
    );
    call = async (route, caller, request) => answerOf(await handler(httpEvent(route, caller, request)));
    admin = { tenantId: sk.id, userId: 'admin', roles: ['admin'] };
    seller = { tenantId: sk.id, userId: 'seller', roles: ['sales'] };
    stranger = { tenantId: se.id, userId: 'admin', roles: ['admin'] };
  });

  it('sets up a campaign in the tenant’s currency and refuses its code again in another case', async () => {
    // Act
    const created = await call('POST /v1/campaigns', admin, { body: body('spring-heat') });
    const again = await call('POST /v1/campaigns', admin, { body: body(' SPRING-HEAT ') });

    // Assess
    expect(created.status).toBe(201);
    expect(created.headers.etag).toBe('"1"');
    expect(created.body.budget).toEqual({ amountMinor: 450_000, currency: 'EUR' });
    expect(again.status).toBe(409);
    expect(again.body['invalid-params']).toEqual([{ name: 'codes.campaign', reason: expect.any(String) }]);
  });

  it('names each bad field and writes nothing', async () => {
    // Act
    const bad = await call('POST /v1/campaigns', admin, {
      body: { ...body('bad-one'), channel: 'billboard', period: { from: '2027-06-01', to: '2027-05-01' } },
    });
    const backwards = await call('POST /v1/campaigns', admin, {
      body: { ...body('bad-two'), period: { from: '2027-06-01', to: '2027-05-01' } },
    });
    const list = await call('GET /v1/campaigns', admin, { query: { limit: '100' } });

    // Assess
    expect(bad.status).toBe(400);
    expect(bad.body['invalid-params'].map((p: { name: string }) => p.name)).toContain('channel');
    expect(backwards.status).toBe(400);
    expect(backwards.body['invalid-params']).toEqual([{ name: 'period.to', reason: expect.any(String) }]);
    const codes = list.body.items.map(
      (i: { campaign: { codes: { campaign: string } } }) => i.campaign.codes.campaign,
    );
    expect(codes).not.toContain('bad-one');
    expect(codes).not.toContain('bad-two');
  });

  it('changes a campaign only with its version, for admins, and hides it from another tenant', async () => {
    const created = await call('POST /v1/campaigns', admin, { body: body('autumn') });
    const params = { campaignId: created.body.id };
    const patch = { budget: { amountMinor: 500_000, currency: 'EUR' }, medium: null };

    // Act
    const withoutVersion = await call('PATCH /v1/campaigns/{campaignId}', admin, { params, body: patch });
    const stale = await call('PATCH /v1/campaigns/{campaignId}', admin, {
      params,
      body: patch,
      headers: { 'if-match': '"7"' },
    });
    const bySeller = await call('PATCH /v1/campaigns/{campaignId}', seller, {
      params,
      body: patch,
      headers: { 'if-match': '"1"' },
    });
    const changed = await call('PATCH /v1/campaigns/{campaignId}', admin, {
      params,
      body: patch,
      headers: { 'if-match': '"1"' },
    });
    const readBySeller = await call('GET /v1/campaigns/{campaignId}', seller, { params });
    const readByStranger = await call('GET /v1/campaigns/{campaignId}', stranger, { params });
    const reportOfStranger = await call('GET /v1/campaigns/{campaignId}/report', stranger, { params });

    // Assess
    expect([withoutVersion.status, stale.status, bySeller.status]).toEqual([428, 412, 403]);
    expect(changed.status).toBe(200);
    expect(changed.body.budget.amountMinor).toBe(500_000);
    expect(changed.body.codes).toEqual({ campaign: 'autumn', source: 'google' });
    expect(readBySeller.headers.etag).toBe('"2"');
    expect([readByStranger.status, reportOfStranger.status]).toEqual([404, 404]);
  });

  it('lists campaigns newest first a page at a time, with their headline numbers', async () => {
    // Act
    const first = await call('GET /v1/campaigns', seller, { query: { limit: '1' } });
    const second = await call('GET /v1/campaigns', seller, {
      query: { limit: '1', cursor: first.body.nextCursor },
    });

    // Assess
    expect(first.body.items).toHaveLength(1);
    expect(first.body.items[0].campaign.codes.campaign).toBe('autumn');
    expect(first.body.items[0].headline).toEqual({ leads: 0, contractsSigned: 0, contractValue: [] });
    expect(second.body.items[0].campaign.codes.campaign).toBe('spring-heat');
  });

  it('deletes a campaign with its version; it is gone, and its code stays taken', async () => {
    const created = await call('POST /v1/campaigns', admin, { body: body('gone-soon') });
    const params = { campaignId: created.body.id };

    // Act
    const deleted = await call('DELETE /v1/campaigns/{campaignId}', admin, {
      params,
      headers: { 'if-match': '"1"' },
    });
    const read = await call('GET /v1/campaigns/{campaignId}', admin, { params });
    const reused = await call('POST /v1/campaigns', admin, { body: body('gone-soon') });
    const report = await call('GET /v1/campaigns/{campaignId}/report', admin, { params });

    // Assess
    expect(deleted.status).toBe(204);
    expect([read.status, report.status, reused.status]).toEqual([404, 404, 409]);
  });

  it('reports a campaign nothing counted for yet as zeros, without costs', async () => {
    const created = await call('POST /v1/campaigns', admin, { body: body('quiet') });

    // Act
    const report = await call('GET /v1/campaigns/{campaignId}/report', seller, {
      params: { campaignId: created.body.id },
    });

    // Assess
    expect(report.status).toBe(200);
    expect(report.body.leads).toBe(0);
    expect(report.body.costPerLead).toBeUndefined();
    expect(report.body.funnel.map((s: { step: string }) => s.step)).toEqual([
      'awareness',
      'interest',
      'consideration',
      'intent',
      'evaluation',
      'purchase',
    ]);
  });
});
