import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SigniClient } from '#adapters/e-signature/signi-client';
import { secretApiKey } from '#adapters/secrets/secret-api-key';
import type { ESignature } from '#domain/contracts/e-signature';
import { required } from './required';

let built: ESignature | undefined;

/**
 * Signi, its workspace key from Secrets Manager (`SIGNI_API_KEY_SECRET_ID`,
 * the `signi-api-key` secret of the topology). `SIGNI_API_URL` points it
 * elsewhere: the local runtime sets it to its Signi stand-in. A TEST or DEV
 * workspace is the same URL with another key.
 *
 * Eight seconds per attempt, and for reads two more attempts after waits of
 * under a second (or a Retry-After of at most 5 s): a read takes at most
 * about 35 s, so functions calling it need a timeout above that.
 */
export function environmentESignature(): ESignature {
  built ??= new SigniClient({
    baseUrl: process.env.SIGNI_API_URL || 'https://api.signi.com',
    apiKey: secretApiKey(required('SIGNI_API_KEY_SECRET_ID'), new SecretsManagerClient({})),
    timeoutMs: 8000,
    retries: 2,
    maxRetryAfterMs: 5000,
  });
  return built;
}
