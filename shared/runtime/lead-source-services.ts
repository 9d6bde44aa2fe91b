import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SecretsManagerWebhookSecrets } from '#adapters/secrets/secrets-manager-webhook-secrets';
import type { LeadService } from '#domain/sales/leads/lead-service';
import { LeadSourceService } from '#domain/sales/leads/lead-source-service';
import type { WebhookSecrets } from '#domain/sales/leads/webhook-secrets';
import type { ServiceDeps } from '#domain/service-context';
import type { Table } from '#table/core/table';
import { DynamoLeadSourceStore } from '#table/sales/lead-source-store';
import { serviceDeps } from './service-deps';

/**
 * The signing secrets of lead sources in Secrets Manager, under the stack's
 * prefix (`LEAD_SOURCE_SECRET_PREFIX`); locally the runtime points the SDK
 * at its own Secrets Manager endpoint.
 */
export function webhookSecretsFromEnvironment(): WebhookSecrets {
  const namePrefix = process.env.LEAD_SOURCE_SECRET_PREFIX;
  return new SecretsManagerWebhookSecrets(new SecretsManagerClient({}), namePrefix ? { namePrefix } : {});
}

/** Wires lead sources and their webhook: the source items, the secrets and the lead service. */
export function leadSourceServices(
  table: Table,
  wiring: { readonly secrets: WebhookSecrets; readonly leads: LeadService },
  overrides: Partial<ServiceDeps> = {},
): LeadSourceService {
  return new LeadSourceService({
    ...serviceDeps(table, overrides),
    ...wiring,
    sources: new DynamoLeadSourceStore(table),
  });
}
