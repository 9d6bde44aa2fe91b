import { dealsApi } from '#api/sales/deals-bindings';
import { leadSourcesApi } from '#api/sales/lead-sources-bindings';
import { leadsApi } from '#api/sales/leads-bindings';
import { offersApi } from '#api/sales/offers-bindings';
import { reportsApi } from '#api/sales/reports-bindings';
import { salesSettingsApi } from '#api/sales/sales-settings-bindings';
import { httpFunction } from '#runtime/http-function';
import { leadSourceServices, webhookSecretsFromEnvironment } from '#runtime/lead-source-services';
import { salesReportServices } from '#runtime/sales-report-services';
import { salesServices } from '#runtime/sales-services';
import { tableFromEnvironment } from '#table/core/table';

/** Leads, deals, offers, lead sources, the sales rules and the sales reports. */
export const handler = httpFunction('sales-api', () => {
  const table = tableFromEnvironment();
  const sales = salesServices(table);
  return [
    ...leadsApi(sales),
    ...dealsApi(sales.deals),
    ...offersApi(sales.offers),
    ...leadSourcesApi(
      leadSourceServices(table, { secrets: webhookSecretsFromEnvironment(), leads: sales.leads }),
    ),
    ...salesSettingsApi(sales.salesSettings),
    ...reportsApi(salesReportServices(table).reports),
  ];
});
