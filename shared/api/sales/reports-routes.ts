import { defineRoute } from '#http/route';
import {
  forecastQuery,
  forecastSchema,
  funnelQuery,
  funnelSchema,
  winLossQuery,
  winLossSchema,
} from './reports-schemas';

const errors = [400, 401, 403] as const;

/** Sales reports, read from aggregates: forecast, win/loss (R-SA-5) and the lead funnel (R-MK-1). */
export const reportRoutes = {
  getForecast: defineRoute({
    operationId: 'getForecast',
    method: 'GET',
    path: '/v1/reports/forecast',
    summary: 'Weighted pipeline per owner, group or month; a sales user reads their own row by owner',
    tag: 'Reports',
    permission: 'read',
    query: forecastQuery,
    success: { status: 200, description: 'The forecast', schema: forecastSchema },
    errors,
  }),
  getWinLoss: defineRoute({
    operationId: 'getWinLoss',
    method: 'GET',
    path: '/v1/reports/win-loss',
    summary: 'Deals won and lost, by loss reason and month (admins and viewers)',
    tag: 'Reports',
    permission: 'read',
    query: winLossQuery,
    success: { status: 200, description: 'The win/loss report', schema: winLossSchema },
    errors,
  }),
  getFunnel: defineRoute({
    operationId: 'getFunnel',
    method: 'GET',
    path: '/v1/reports/funnel',
    summary: 'Leads per lifecycle stage, for the tenant or per source or campaign',
    tag: 'Reports',
    permission: 'read',
    query: funnelQuery,
    success: { status: 200, description: 'The funnel', schema: funnelSchema },
    errors,
  }),
} as const;
