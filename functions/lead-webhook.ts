import { leadWebhookApi } from '../shared/api/lead-sources-api';
import { httpFunction } from '../shared/runtime/http-function';
import { leadSourceServices, webhookSecretsFromEnvironment } from '../shared/runtime/lead-source-services';
import { salesServices } from '../shared/runtime/sales-services';
import { tableFromEnvironment } from '../shared/table/table';

/** Leads delivered by lead platforms, signed with their source's secret. */
export const handler = httpFunction('lead-webhook', () => {
  const table = tableFromEnvironment();
  return leadWebhookApi(
    leadSourceServices(table, {
      secrets: webhookSecretsFromEnvironment(),
      leads: salesServices(table).leads,
    }),
  );
});
