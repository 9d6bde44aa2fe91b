import { dealsApi } from '../shared/api/deals-api';
import { leadSourcesApi } from '../shared/api/lead-sources-api';
import { leadsApi } from '../shared/api/leads-api';
import { offersApi } from '../shared/api/offers-api';
import { reportsApi } from '../shared/api/reports-api';
import { salesSettingsApi } from '../shared/api/sales-settings-api';
import { httpFunction } from '../shared/runtime/http-function';
import { leadSourceServices, webhookSecretsFromEnvironment } from '../shared/runtime/lead-source-services';
import { salesReportServices } from '../shared/runtime/sales-report-services';
import { salesServices } from '../shared/runtime/sales-services';
import { tableFromEnvironment } from '../shared/table/table';

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
