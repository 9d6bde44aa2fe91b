import type { RouteCall } from './route-call';

/** A campaign set up, listed with its numbers, read, changed, reported on and deleted. */
export const campaignCalls: RouteCall[] = [
  {
    route: 'POST /v1/campaigns',
    body: () => ({
      name: 'Kostnad kampanj',
      channel: 'paid-search',
      period: { from: '2027-01-01', to: '2027-03-31' },
      budget: { amountMinor: 5_000_000 },
      codes: { campaign: 'kostnad-2027', source: 'google', medium: 'cpc' },
    }),
    keep: (a, ids) => {
      ids.campaignId = a.body.id;
    },
  },
  { route: 'GET /v1/campaigns' },
  { route: 'GET /v1/campaigns/{campaignId}' },
  {
    route: 'PATCH /v1/campaigns/{campaignId}',
    body: () => ({ budget: { amountMinor: 6_000_000, currency: 'SEK' } }),
    ifMatch: '/v1/campaigns/{campaignId}',
  },
  { route: 'GET /v1/campaigns/{campaignId}/report' },
  { route: 'DELETE /v1/campaigns/{campaignId}', ifMatch: '/v1/campaigns/{campaignId}' },
];
