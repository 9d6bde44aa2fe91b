import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { secretApiKey } from '#adapters/secrets/secret-api-key';
import type { UnsubscribeLinks } from '#domain/newsletters/newsletter-ports';
import { signUnsubscribeToken } from '#domain/newsletters/unsubscribe-token';
import { required } from './required';

/** How long a newsletter's unsubscribe link works: mail is read, and forwarded, long after it came. */
export const unsubscribeLinkDays = 366;

let key: (() => Promise<string>) | undefined;

/** The key that signs unsubscribe links, from Secrets Manager (`UNSUBSCRIBE_SIGNING_KEY_SECRET_ID`). */
export function environmentUnsubscribeKey(): () => Promise<string> {
  key ??= secretApiKey(required('UNSUBSCRIBE_SIGNING_KEY_SECRET_ID'), new SecretsManagerClient({}));
  return key;
}

/** Signed links under `UNSUBSCRIBE_BASE_URL` (the API's `/v1/unsubscribe`), one per recipient. */
export function environmentUnsubscribeLinks(now: () => Date = () => new Date()): UnsubscribeLinks {
  const signingKey = environmentUnsubscribeKey();
  return {
    async url(tenantId, newsletterId, contactId) {
      // Read on each use: the local runtime knows its address only once it listens.
      const base = required('UNSUBSCRIBE_BASE_URL').replace(/\/$/, '');
      const expiresAt = new Date(now().getTime() + unsubscribeLinkDays * 24 * 3600 * 1000);
      const token = signUnsubscribeToken(await signingKey(), {
        tenantId,
        newsletterId,
        contactId,
        expiresAt,
      });
      return `${base}/${token}`;
    },
  };
}
