import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Signatures of incoming webhooks as the Standard Webhooks specification
 * (standardwebhooks.com) defines them: the sender puts `webhook-id`,
 * `webhook-timestamp` (unix seconds) and `webhook-signature` on the request;
 * the signature is `v1,` and the base64 HMAC-SHA256 of
 * `${id}.${timestamp}.${rawBody}` under the secret, and the header may list
 * several space-separated signatures (one per secret while the sender
 * rotates). Secrets are `whsec_` and base64 of the key bytes.
 */

const secretPrefix = 'whsec_';
const signatureVersion = 'v1';
const digestBytes = 32;
/** The specification's bounds on a secret's key. */
const minKeyBytes = 24;
const maxKeyBytes = 64;
/** The delivery id becomes a key of the replay guard: printable, no spaces, bounded. */
const deliveryIdPattern = /^[\x21-\x7e]{1,200}$/;

export interface WebhookRequest {
  /** The current secret first and, during a rotation, the previous one. */
  readonly secrets: readonly string[];
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** The body exactly as received: re-serialised JSON would not match the signature. */
  readonly rawBody: string;
  readonly now: Date;
  /** How far the timestamp may lie from `now`, into the past or the future. */
  readonly toleranceSeconds: number;
}

export type WebhookVerification =
  | { readonly ok: true; readonly deliveryId: string; readonly timestamp: Date }
  | { readonly ok: false; readonly reason: string };

export function verifyWebhook(input: WebhookRequest): WebhookVerification {
  const { headers } = input;
  const id = headers['webhook-id'];
  const timestamp = headers['webhook-timestamp'];
  const signatures = headers['webhook-signature'];
  for (const [name, value] of [
    ['webhook-id', id],
    ['webhook-timestamp', timestamp],
    ['webhook-signature', signatures],
  ] as const) {
    if (value === undefined || value.trim() === '') return { ok: false, reason: `missing header ${name}` };
  }
  if (!deliveryIdPattern.test(id as string))
    return { ok: false, reason: 'malformed webhook-id: 1 to 200 printable characters without spaces' };
  const stamp = timestamp as string;
  if (!/^\d{1,12}$/.test(stamp))
    return { ok: false, reason: 'malformed webhook-timestamp: expected unix seconds' };
  const seconds = Number(stamp);
  const skew = Math.floor(input.now.getTime() / 1000) - seconds;
  if (Math.abs(skew) > input.toleranceSeconds) {
    const where = skew > 0 ? 'in the past' : 'in the future';
    return {
      ok: false,
      reason: `timestamp outside tolerance: ${Math.abs(skew)} s ${where}, at most ${input.toleranceSeconds} s allowed`,
    };
  }
  const offered = offeredDigests(signatures as string);
  // The sender signed the header's text, so the content is built from it, not from `seconds`.
  const content = `${id}.${stamp}.${input.rawBody}`;
  for (const secret of input.secrets) {
    const expected = hmac(secret, content);
    if (offered.some((digest) => timingSafeEqual(digest, expected)))
      return { ok: true, deliveryId: id as string, timestamp: new Date(seconds * 1000) };
  }
  return { ok: false, reason: 'no matching signature' };
}

/** The `webhook-signature` header value of a delivery (one signature). */
export function signWebhook(secret: string, deliveryId: string, timestamp: Date, rawBody: string): string {
  const seconds = Math.floor(timestamp.getTime() / 1000);
  const digest = hmac(secret, `${deliveryId}.${seconds}.${rawBody}`);
  return `${signatureVersion},${digest.toString('base64')}`;
}

/** A new secret: `whsec_` and 32 random bytes in base64. */
export function newWebhookSecret(): string {
  return secretPrefix + randomBytes(32).toString('base64');
}

/**
 * The v1 digests of the header, decoded. Other versions are skipped, as the
 * specification asks; a digest of the wrong length cannot match and is left
 * out, which also keeps `timingSafeEqual` from throwing on it.
 */
function offeredDigests(header: string): Buffer[] {
  const digests: Buffer[] = [];
  for (const entry of header.split(' ')) {
    const comma = entry.indexOf(',');
    if (comma < 0 || entry.slice(0, comma) !== signatureVersion) continue;
    const digest = Buffer.from(entry.slice(comma + 1), 'base64');
    if (digest.length === digestBytes) digests.push(digest);
  }
  return digests;
}

function hmac(secret: string, content: string): Buffer {
  return createHmac('sha256', secretKey(secret)).update(content, 'utf8').digest();
}

/** A malformed stored secret is a configuration fault, not a bad request: it throws. */
function secretKey(secret: string): Buffer {
  const key = Buffer.from(
    secret.startsWith(secretPrefix) ? secret.slice(secretPrefix.length) : secret,
    'base64',
  );
  if (key.length < minKeyBytes || key.length > maxKeyBytes)
    throw new Error(
      `a webhook secret must be ${secretPrefix} and base64 of ${minKeyBytes} to ${maxKeyBytes} bytes`,
    );
  return key;
}
