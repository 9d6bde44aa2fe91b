import { dealsApi } from '#api/sales/deals-bindings';
import { leadSourcesApi } from '#api/sales/lead-sources-bindings';
import { leadsApi } from '#api/sales/leads-bindings';
import { offersApi } from '#api/sales/offers-bindings';
import { reportsApi } from '#api/sales/reports-bindings';
import { salesSettingsApi } from '#api/sales/sales-settings-bindings';
import { environmentTable } from '#runtime/environment/table';
import { environmentWebhookSecrets } from '#runtime/environment/webhook-secrets';
import { httpFunction } from '#runtime/http-function';
import { leadSourceServices } from '#runtime/lead-source-services';
import { salesReportServices } from '#runtime/sales-report-services';
import { salesServices } from '#runtime/sales-services';

/** Leads, deals, offers, lead sources, the sales rules and the sales reports. */
export const handler = httpFunction('sales-api', () => {
  const env = { table: environmentTable(), webhookSecrets: environmentWebhookSecrets() };
  const sales = salesServices(env);
  return [
    ...leadsApi(sales),
    ...dealsApi(sales.deals),
    ...offersApi(sales.offers),
    ...leadSourcesApi(leadSourceServices(env).sources),
    ...salesSettingsApi(sales.salesSettings),
    ...reportsApi(salesReportServices(env).reports),
  ];
});
