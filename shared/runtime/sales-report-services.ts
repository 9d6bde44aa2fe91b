import { SalesProjection } from '#domain/sales/reports/sales-projection';
import { SalesReportService } from '#domain/sales/reports/sales-report-service';
import type { SalesReportServices } from '#domain/sales/sales-services';
import type { ServiceDeps } from '#domain/service-context';
import { DynamoSalesAggregates } from '#table/sales/sales-aggregates-store';
import { DynamoSettingTitles } from '#table/settings/setting-titles';
import type { Environment } from './environment';
import { serviceDeps } from './service-deps';

/** Wires the sales reports and the projection that keeps their aggregates to the table. */
export function salesReportServices(
  env: Pick<Environment, 'table'>,
  overrides: Partial<ServiceDeps> = {},
): SalesReportServices {
  const { table } = env;
  const { tenants } = serviceDeps(table, overrides);
  const aggregates = new DynamoSalesAggregates(table);
  return {
    reports: new SalesReportService({ tenants, aggregates, titles: new DynamoSettingTitles(table) }),
    projection: new SalesProjection(aggregates),
  };
}
