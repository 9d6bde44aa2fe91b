import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { secretApiKey } from '#adapters/secrets/secret-api-key';
import type { SocialSecrets } from '#domain/service/social-secrets';
import { required } from './required';

let built: SocialSecrets | undefined;

/** The Meta app's secret and verify token, from Secrets Manager (`META_APP_SECRET_SECRET_ID`, `META_VERIFY_TOKEN_SECRET_ID`). */
export function environmentSocialSecrets(): SocialSecrets {
  if (built) return built;
  const client = new SecretsManagerClient({});
  built = {
    appSecret: secretApiKey(required('META_APP_SECRET_SECRET_ID'), client),
    verifyToken: secretApiKey(required('META_VERIFY_TOKEN_SECRET_ID'), client),
  };
  return built;
}
