import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { TtlCache } from './ttl-cache';

export interface SecretApiKeyOptions {
  /** How long a read key is reused. Default 15 minutes, so a rotated key is picked up within that. */
  readonly ttlMs?: number;
  readonly now?: () => number;
  /** What a secret without a usable key becomes: the caller's configuration error; a plain Error by default. */
  readonly invalid?: (message: string, options?: ErrorOptions) => Error;
}

/**
 * An outside provider's API key kept in Secrets Manager, either as the raw
 * key or as JSON `{ "apiKey": "…" }`. The secret is read on first use and
 * then reused for `ttlMs`; concurrent first uses share one read, and a
 * failed read is not cached.
 */
export function secretApiKey(
  secretId: string,
  client = new SecretsManagerClient({}),
  options: SecretApiKeyOptions = {},
): () => Promise<string> {
  const cache = new TtlCache<string>(options.ttlMs ?? 15 * 60 * 1000, options.now);
  const invalid = options.invalid ?? ((message, errorOptions) => new Error(message, errorOptions));
  return () => cache.get(secretId, () => read(client, secretId, invalid));
}

async function read(
  client: SecretsManagerClient,
  secretId: string,
  invalid: (message: string, options?: ErrorOptions) => Error,
): Promise<string> {
  const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
  const text = SecretString?.trim();
  if (text === undefined || text === '')
    throw invalid(`secret ${secretId} holds no API key (SecretString is empty)`);
  if (!text.startsWith('{')) return text;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw invalid(`secret ${secretId} looks like JSON but does not parse`, { cause: error });
  }
  const apiKey = (parsed as { apiKey?: unknown }).apiKey;
  if (typeof apiKey !== 'string' || apiKey.trim() === '')
    throw invalid(`secret ${secretId} has no string "apiKey" field`);
  return apiKey.trim();
}
