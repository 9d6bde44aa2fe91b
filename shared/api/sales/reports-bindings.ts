import type { SalesReportService } from '#domain/sales/reports/sales-report-service';
import { type BoundRoute, bind } from '#http/route';
import { reportRoutes as r } from './reports-routes';

/** Maps each report route onto the report service. */
export function reportsApi(reports: SalesReportService): BoundRoute[] {
  return [
    bind(r.getForecast, async ({ caller, query }) => ({ body: await reports.forecast(caller, query) })),
    bind(r.getWinLoss, async ({ caller, query }) => ({ body: await reports.winLoss(caller, query) })),
    bind(r.getFunnel, async ({ caller, query }) => ({ body: await reports.funnel(caller, query) })),
  ];
}
