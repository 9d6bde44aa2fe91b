import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { TtlCache } from '#adapters/secrets/ttl-cache';
import { GeocoderConfigurationError } from '#domain/geocoding/errors';

export interface SecretApiKeyOptions {
  /** How long a read key is reused. Default 15 minutes, so a rotated key is picked up within that. */
  readonly ttlMs?: number;
  readonly now?: () => number;
}

/**
 * An API key kept in Secrets Manager, either as the raw key or as JSON
 * `{ "apiKey": "…" }`. The secret is read on first use and then reused for
 * `ttlMs`; concurrent first uses share one read, and a failed read is not
 * cached.
 */
export function secretApiKey(
  secretId: string,
  client = new SecretsManagerClient({}),
  options: SecretApiKeyOptions = {},
): () => Promise<string> {
  const cache = new TtlCache<string>(options.ttlMs ?? 15 * 60 * 1000, options.now);
  return () => cache.get(secretId, () => read(client, secretId));
}

async function read(client: SecretsManagerClient, secretId: string): Promise<string> {
  const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
  const text = SecretString?.trim();
  if (text === undefined || text === '')
    throw new GeocoderConfigurationError(`secret ${secretId} holds no API key (SecretString is empty)`);
  if (!text.startsWith('{')) return text;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new GeocoderConfigurationError(`secret ${secretId} looks like JSON but does not parse`, {
      cause: error,
    });
  }
  const apiKey = (parsed as { apiKey?: unknown }).apiKey;
  if (typeof apiKey !== 'string' || apiKey.trim() === '')
    throw new GeocoderConfigurationError(`secret ${secretId} has no string "apiKey" field`);
  return apiKey.trim();
}
