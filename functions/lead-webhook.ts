import { leadWebhookApi } from '#api/sales/lead-webhook-bindings';
import { environmentTable } from '#runtime/environment/table';
import { environmentWebhookSecrets } from '#runtime/environment/webhook-secrets';
import { httpFunction } from '#runtime/http-function';
import { leadSourceServices } from '#runtime/lead-source-services';

/** Leads delivered by lead platforms, signed with their source's secret. */
export const handler = httpFunction('lead-webhook', () =>
  leadWebhookApi(
    leadSourceServices({ table: environmentTable(), webhookSecrets: environmentWebhookSecrets() }).sources,
  ),
);
