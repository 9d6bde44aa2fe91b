import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { TtlCache } from '#adapters/secrets/ttl-cache';
import { RegisterAnswerError } from '#domain/registers/company-register';
import type { ClientCredentials } from './bolagsverket-register';

/**
 * An OAuth client kept in Secrets Manager as JSON
 * `{ "clientId": "…", "clientSecret": "…" }`, read on first use and reused
 * for 15 minutes, so a rotated secret is picked up within that. A secret
 * without both is a permanent error: a human has to fill it in.
 */
export function secretClientCredentials(
  secretId: string,
  client = new SecretsManagerClient({}),
): () => Promise<ClientCredentials> {
  const cache = new TtlCache<ClientCredentials>(15 * 60 * 1000);
  return () => cache.get(secretId, () => read(client, secretId));
}

async function read(client: SecretsManagerClient, secretId: string): Promise<ClientCredentials> {
  const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
  let parsed: unknown;
  try {
    parsed = JSON.parse(SecretString ?? '');
  } catch (error) {
    throw new RegisterAnswerError(`secret ${secretId} is not JSON with clientId and clientSecret`, {
      cause: error,
    });
  }
  const { clientId, clientSecret } = (parsed ?? {}) as Record<string, unknown>;
  if (
    typeof clientId !== 'string' ||
    clientId === '' ||
    typeof clientSecret !== 'string' ||
    clientSecret === ''
  )
    throw new RegisterAnswerError(`secret ${secretId} has no string "clientId" and "clientSecret"`);
  return { clientId, clientSecret };
}
