import { leadWebhookApi } from '#api/sales/lead-sources-bindings';
import { httpFunction } from '#runtime/http-function';
import { leadSourceServices, webhookSecretsFromEnvironment } from '#runtime/lead-source-services';
import { leadService } from '#runtime/sales-services';
import { serviceDeps } from '#runtime/service-deps';
import { tableFromEnvironment } from '#table/core/table';

/** Leads delivered by lead platforms, signed with their source's secret. */
export const handler = httpFunction('lead-webhook', () => {
  const table = tableFromEnvironment();
  const leads = leadService(table, serviceDeps(table));
  return leadWebhookApi(leadSourceServices(table, { secrets: webhookSecretsFromEnvironment(), leads }));
});
