import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The token of a newsletter's one-click unsubscribe link (RFC 8058): it names
 * the tenant, newsletter and contact, and when it stops working, signed so
 * that the link alone proves which recipient asked to leave. It names no
 * e-mail address, so a forwarded or logged link leaks nothing beyond ids.
 *
 * The form is `payload.signature`: the payload is base64url of compact JSON,
 * the signature base64url of the HMAC-SHA256 of the payload's text. The
 * secret must serve these tokens only, so that no other signed text of the
 * system can pass for one.
 */
export interface UnsubscribeClaims {
  readonly tenantId: string;
  readonly newsletterId: string;
  readonly contactId: string;
  /** Kept to the whole second: the token carries unix seconds. */
  readonly expiresAt: Date;
}

export type UnsubscribeTokenReading =
  | { readonly ok: true; readonly claims: UnsubscribeClaims }
  | { readonly ok: false; readonly reason: 'malformed' | 'bad-signature' | 'expired' };

/** Longer tokens are refused unread, so a hostile link costs no decoding. */
const maxTokenLength = 2048;
/** A shorter key would be weaker than the hash it keys. */
const minSecretBytes = 32;
const digestBytes = 32;
const base64url = /^[A-Za-z0-9_-]+$/;

/** The payload as stored: short keys keep the link short. */
interface Payload {
  readonly t: string;
  readonly n: string;
  readonly c: string;
  /** Expiry in unix seconds. */
  readonly e: number;
}

/** Claims that cannot make a readable token are a wiring fault: it throws. */
export function signUnsubscribeToken(secret: Uint8Array | string, claims: UnsubscribeClaims): string {
  const expires = claims.expiresAt.getTime();
  if (!Number.isFinite(expires)) throw new Error('an unsubscribe token needs a valid expiry');
  for (const id of [claims.tenantId, claims.newsletterId, claims.contactId])
    if (typeof id !== 'string' || id === '') throw new Error('an unsubscribe token needs non-empty ids');
  const payload: Payload = {
    t: claims.tenantId,
    n: claims.newsletterId,
    c: claims.contactId,
    e: Math.floor(expires / 1000),
  };
  const encoded = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
  const token = `${encoded}.${sign(secret, encoded).toString('base64url')}`;
  if (token.length > maxTokenLength)
    throw new Error(
      `an unsubscribe token must stay within ${maxTokenLength} characters; the ids are too long`,
    );
  return token;
}

/**
 * What a token from a link says, if this secret signed it and it has not
 * expired at `now`. Any text is answered, none throws: the link is the
 * public's input. The signature is checked before the payload is parsed.
 * A bad secret or clock is a wiring fault and throws.
 */
export function readUnsubscribeToken(
  secret: Uint8Array | string,
  token: string,
  now: Date,
): UnsubscribeTokenReading {
  const key = secretKey(secret);
  if (!Number.isFinite(now.getTime())) throw new Error('reading an unsubscribe token needs a valid time');
  if (typeof token !== 'string' || token.length > maxTokenLength) return malformed;
  const parts = token.split('.');
  if (parts.length !== 2) return malformed;
  const [encoded, signature] = parts as [string, string];
  const payloadBytes = decodeCanonical(encoded);
  const offered = decodeCanonical(signature);
  if (!payloadBytes || !offered || offered.length !== digestBytes) return malformed;
  if (!timingSafeEqual(offered, sign(key, encoded))) return { ok: false, reason: 'bad-signature' };
  const payload = parsePayload(payloadBytes);
  if (!payload) return malformed;
  if (now.getTime() >= payload.e * 1000) return { ok: false, reason: 'expired' };
  return {
    ok: true,
    claims: {
      tenantId: payload.t,
      newsletterId: payload.n,
      contactId: payload.c,
      expiresAt: new Date(payload.e * 1000),
    },
  };
}

const malformed: UnsubscribeTokenReading = { ok: false, reason: 'malformed' };

function sign(secret: Uint8Array | string, encodedPayload: string): Buffer {
  return createHmac('sha256', secretKey(secret)).update(encodedPayload, 'ascii').digest();
}

/** A missing or short secret is a configuration fault, not a bad link: it throws. */
function secretKey(secret: Uint8Array | string): Uint8Array {
  const key = typeof secret === 'string' ? Buffer.from(secret, 'utf8') : secret;
  if (key.length < minSecretBytes)
    throw new Error(`an unsubscribe secret must hold at least ${minSecretBytes} bytes`);
  return key;
}

/**
 * The bytes of a base64url segment, or undefined. The decoder ignores stray
 * characters and a last character's spare bits; re-encoding and comparing
 * refuses those, so each token has exactly one spelling.
 */
function decodeCanonical(segment: string): Buffer | undefined {
  if (!base64url.test(segment)) return undefined;
  const bytes = Buffer.from(segment, 'base64url');
  return bytes.toString('base64url') === segment ? bytes : undefined;
}

function parsePayload(bytes: Buffer): Payload | undefined {
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { t, n, c, e } = value as Record<string, unknown>;
  const ids = [t, n, c].every((id) => typeof id === 'string' && id !== '');
  if (!ids || typeof e !== 'number' || !Number.isSafeInteger(e)) return undefined;
  return { t, n, c, e } as Payload;
}
