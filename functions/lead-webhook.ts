import { leadWebhookApi } from '../shared/api/lead-sources-api';
import { httpFunction } from '../shared/runtime/http-function';
import { leadSourceServices, webhookSecretsFromEnvironment } from '../shared/runtime/lead-source-services';
import { leadService } from '../shared/runtime/sales-services';
import { serviceDeps } from '../shared/runtime/service-deps';
import { tableFromEnvironment } from '../shared/table/table';

/** Leads delivered by lead platforms, signed with their source's secret. */
export const handler = httpFunction('lead-webhook', () => {
  const table = tableFromEnvironment();
  const leads = leadService(table, serviceDeps(table));
  return leadWebhookApi(leadSourceServices(table, { secrets: webhookSecretsFromEnvironment(), leads }));
});
