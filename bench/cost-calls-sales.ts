import { readFileSync } from 'node:fs';
import path from 'node:path';
import { signWebhook } from '#domain/sales/leads/webhook-signature';
import { type RouteCall, replacementOf } from './route-call';

const portalInquiry = readFileSync(
  path.resolve(import.meta.dirname, '../events/lead-webhooks/property-portal-inquiry.json'),
  'utf8',
);

const lead = {
  segment: 'B2B',
  companyName: 'Kostnad Lead AB',
  firstName: 'Lea',
  lastName: 'Lead',
  email: 'lea@kostnadlead.example',
  phone: '+46701234588',
  commodity: 'electricity',
  annualConsumptionKwh: 30_000,
};

export const salesCalls: RouteCall[] = [
  {
    route: 'POST /v1/leads',
    body: () => lead,
    keep: (a, ids) => {
      ids.leadId = a.body.id;
    },
  },
  { route: 'GET /v1/leads' },
  { route: 'GET /v1/leads/{leadId}' },
  {
    route: 'PUT /v1/leads/{leadId}',
    body: () => ({ ...lead, annualConsumptionKwh: 32_000 }),
    ifMatch: '/v1/leads/{leadId}',
  },
  { route: 'POST /v1/leads/{leadId}/engagements', body: () => ({ kind: 'meeting' }) },
  {
    route: 'POST /v1/leads/{leadId}/owner',
    body: () => ({ ownerId: 'norrsken-sales' }),
    ifMatch: '/v1/leads/{leadId}',
  },
  {
    route: 'POST /v1/leads/{leadId}/stage',
    body: () => ({ stage: 'sales-qualified' }),
    ifMatch: '/v1/leads/{leadId}',
  },
  { route: 'GET /v1/leads/{leadId}/activities' },
  {
    route: 'POST /v1/leads/{leadId}/conversion',
    prepare: async (w) => {
      const stages = (await w.api('GET', '/v1/settings/deal-stages?limit=100')).body.items as {
        id: string;
        status: string;
      }[];
      w.ids.openStageId = stages.find((s) => s.status === 'open')?.id as string;
    },
    body: (ids) => ({
      deal: { stageId: ids.openStageId, valueMinor: 100_000, expectedCloseDate: '2027-01-31' },
    }),
    ifMatch: '/v1/leads/{leadId}',
  },
  {
    route: 'POST /v1/deals',
    body: (ids) => ({
      title: 'Kostnad el',
      stageId: ids.openStageId,
      valueMinor: 500_000,
      expectedCloseDate: '2027-01-31',
      accountId: ids.accountId,
      contactId: ids.contactId,
      commodity: 'electricity',
      supplyPointIds: [ids.supplyPointId],
    }),
    keep: (a, ids) => {
      ids.dealId = a.body.id;
    },
  },
  { route: 'GET /v1/deals' },
  { route: 'GET /v1/deals/{dealId}' },
  { route: 'PATCH /v1/deals/{dealId}', body: () => ({ valueMinor: 550_000 }), ifMatch: '/v1/deals/{dealId}' },
  {
    route: 'POST /v1/deals/{dealId}/offers',
    prepare: async (w) => {
      const products = (await w.api('GET', '/v1/products?limit=100')).body.items as {
        id: string;
        code: string;
      }[];
      w.ids.demoProductId = products.find((p) => p.code === 'EL-FAST-12')?.id as string;
    },
    body: (ids) => ({ productId: ids.demoProductId }),
    keep: (a, ids) => {
      ids.offerId = a.body.id;
    },
  },
  { route: 'GET /v1/deals/{dealId}/offers' },
  { route: 'GET /v1/offers/{offerId}' },
  {
    route: 'POST /v1/offers/{offerId}/versions',
    body: (ids) => ({ productId: ids.demoProductId, note: 'Ny prisdag' }),
    ifMatch: '/v1/offers/{offerId}',
    keep: (_a, ids) => {
      ids.version = '2';
    },
  },
  { route: 'GET /v1/offers/{offerId}/versions/{version}' },
  { route: 'POST /v1/offers/{offerId}/versions/{version}/send', ifMatch: '/v1/offers/{offerId}' },
  // The sent version's PDF, rendered by its consumer once the send settled.
  { route: 'GET /v1/offers/{offerId}/versions/{version}/document' },
  { route: 'POST /v1/offers/{offerId}/versions/{version}/document/emails', body: () => ({}) },
  { route: 'POST /v1/offers/{offerId}/versions/{version}/accept', ifMatch: '/v1/offers/{offerId}' },
  {
    route: 'POST /v1/lead-sources',
    body: () => ({ name: 'Kostnad källa', preset: 'property-portal' }),
    keep: (a, ids) => {
      ids.sourceId = a.body.source?.id ?? a.body.id;
    },
  },
  { route: 'GET /v1/lead-sources' },
  { route: 'GET /v1/lead-sources/{sourceId}' },
  {
    route: 'PATCH /v1/lead-sources/{sourceId}',
    body: () => ({ name: 'Kostnad källa 2' }),
    ifMatch: '/v1/lead-sources/{sourceId}',
  },
  { route: 'POST /v1/lead-sources/{sourceId}/secret', body: () => ({}) },
  {
    route: 'POST /v1/webhooks/leads/{sourceId}',
    as: 'public',
    prepare: async (w) => {
      const source = w.runtime.leadSources.find((s) => s.tenantId === 'norrsken');
      if (!source) throw new Error('the demo has no lead source');
      w.ids.sourceId = source.webhookPath.split('/').at(-1) as string;
      w.ids.sourceSecret = source.signingSecret;
    },
    headers: (ids) => {
      const at = new Date();
      return {
        'webhook-id': 'msg_cost_1',
        'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
        'webhook-signature': signWebhook(ids.sourceSecret as string, 'msg_cost_1', at, portalInquiry),
      };
    },
    body: () => ({ raw: portalInquiry }),
  },
  { route: 'GET /v1/sales/settings' },
  {
    route: 'PUT /v1/sales/settings',
    prepare: replacementOf('/v1/sales/settings', 'salesSettings'),
    body: (ids) => JSON.parse(ids.salesSettings as string),
    ifMatch: '/v1/sales/settings',
  },
  { route: 'GET /v1/reports/forecast', query: () => ({ by: 'owner', from: '2026-12', to: '2027-03' }) },
  { route: 'GET /v1/reports/win-loss', query: () => ({ from: '2026-01', to: '2026-12' }) },
  { route: 'GET /v1/reports/funnel' },
];
