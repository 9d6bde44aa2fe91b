import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SecretsManagerWebhookSecrets } from '#adapters/secrets/secrets-manager-webhook-secrets';
import type { WebhookSecrets } from '#domain/sales/leads/webhook-secrets';

let built: WebhookSecrets | undefined;

/**
 * The signing secrets of lead sources in Secrets Manager, under the stack's
 * prefix (`LEAD_SOURCE_SECRET_PREFIX`); locally the runtime points the SDK
 * at its own Secrets Manager endpoint.
 */
export function environmentWebhookSecrets(): WebhookSecrets {
  const namePrefix = process.env.LEAD_SOURCE_SECRET_PREFIX;
  built ??= new SecretsManagerWebhookSecrets(new SecretsManagerClient({}), namePrefix ? { namePrefix } : {});
  return built;
}
