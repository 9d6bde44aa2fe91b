import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { type SecretApiKeyOptions, secretApiKey as secretKey } from '#adapters/secrets/secret-api-key';
import { GeocoderConfigurationError } from '#domain/geocoding/errors';

/**
 * The Mapy.cz API key in Secrets Manager (see `#adapters/secrets/secret-api-key`);
 * a secret without a usable key is a {@link GeocoderConfigurationError}.
 */
export function secretApiKey(
  secretId: string,
  client?: SecretsManagerClient,
  options: Omit<SecretApiKeyOptions, 'invalid'> = {},
): () => Promise<string> {
  return secretKey(secretId, client, {
    ...options,
    invalid: (message, errorOptions) => new GeocoderConfigurationError(message, errorOptions),
  });
}
