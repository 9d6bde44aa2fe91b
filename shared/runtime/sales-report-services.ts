import { SalesProjection } from '#domain/sales/reports/sales-projection';
import { SalesReportService } from '#domain/sales/reports/sales-report-service';
import type { ServiceDeps } from '#domain/service-context';
import type { Table } from '#table/core/table';
import { DynamoSalesAggregates } from '#table/sales/sales-aggregates-store';
import { DynamoSettingTitles } from '#table/settings/setting-titles';
import { serviceDeps } from './service-deps';

export interface SalesReportServices {
  /** The forecast, win/loss and funnel reports (R-SA-5, R-MK-1). */
  readonly reports: SalesReportService;
  /** What the `sales-reports` consumer runs for each event. */
  readonly projection: SalesProjection;
}

/** Wires the sales reports and the projection that keeps their aggregates to the table. */
export function salesReportServices(table: Table, overrides: Partial<ServiceDeps> = {}): SalesReportServices {
  const { tenants } = serviceDeps(table, overrides);
  const aggregates = new DynamoSalesAggregates(table);
  return {
    reports: new SalesReportService({ tenants, aggregates, titles: new DynamoSettingTitles(table) }),
    projection: new SalesProjection(aggregates),
  };
}
