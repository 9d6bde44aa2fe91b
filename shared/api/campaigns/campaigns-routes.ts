import * as z from 'zod';
import { idSchema, pageOnlyQuery } from '#api/common/common-schemas';
import { defineRoute } from '#http/route';
import {
  campaignReportSchema,
  campaignSchema,
  campaignSummaryPage,
  createCampaignBody,
  updateCampaignBody,
} from './campaigns-schemas';

const campaignParams = z.object({ campaignId: idSchema });
const tag = 'Campaigns';

/** Marketing campaigns and their funnel reports (R-MK-1). */
export const campaignRoutes = {
  createCampaign: defineRoute({
    operationId: 'createCampaign',
    method: 'POST',
    path: '/v1/campaigns',
    summary: 'Set up a campaign: channel, period, budget and the code its leads carry',
    tag,
    permission: 'admin',
    body: createCampaignBody,
    idempotent: true,
    etag: true,
    success: { status: 201, description: 'The campaign', schema: campaignSchema },
    errors: [400, 401, 403, 409, 415],
    problems: ['already-exists'],
  }),
  listCampaigns: defineRoute({
    operationId: 'listCampaigns',
    method: 'GET',
    path: '/v1/campaigns',
    summary: 'Campaigns, newest first, each with its leads, contracts, value and costs',
    tag,
    permission: 'read',
    query: pageOnlyQuery,
    success: { status: 200, description: 'A page of campaigns', schema: campaignSummaryPage },
    errors: [400, 401, 403],
  }),
  getCampaign: defineRoute({
    operationId: 'getCampaign',
    method: 'GET',
    path: '/v1/campaigns/{campaignId}',
    summary: 'Read a campaign',
    tag,
    permission: 'read',
    params: campaignParams,
    etag: true,
    success: { status: 200, description: 'The campaign', schema: campaignSchema },
    errors: [400, 401, 403, 404],
  }),
  updateCampaign: defineRoute({
    operationId: 'updateCampaign',
    method: 'PATCH',
    path: '/v1/campaigns/{campaignId}',
    summary: 'Change a campaign’s name, channel, period, budget, source or medium',
    tag,
    permission: 'admin',
    params: campaignParams,
    body: updateCampaignBody,
    ifMatch: 'required',
    etag: true,
    success: { status: 200, description: 'The campaign', schema: campaignSchema },
    errors: [400, 401, 403, 404, 412, 415, 428],
  }),
  deleteCampaign: defineRoute({
    operationId: 'deleteCampaign',
    method: 'DELETE',
    path: '/v1/campaigns/{campaignId}',
    summary: 'Delete a campaign; its code stays taken',
    tag,
    permission: 'admin',
    params: campaignParams,
    ifMatch: 'required',
    success: { status: 204, description: 'Deleted' },
    errors: [400, 401, 403, 404, 412, 428],
  }),
  getCampaignReport: defineRoute({
    operationId: 'getCampaignReport',
    method: 'GET',
    path: '/v1/campaigns/{campaignId}/report',
    summary: 'The campaign’s funnel, leads to signed contracts, value and cost per lead and contract',
    tag,
    permission: 'read',
    params: campaignParams,
    success: {
      status: 200,
      description: 'The report, from the campaign’s totals',
      schema: campaignReportSchema,
    },
    errors: [400, 401, 403, 404],
  }),
} as const;
