import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  readUnsubscribeToken,
  signUnsubscribeToken,
  type UnsubscribeClaims,
} from '#domain/newsletters/unsubscribe-token';

const secret = 'k'.repeat(32);
const claims: UnsubscribeClaims = {
  tenantId: 't1',
  newsletterId: 'nl-2027-01',
  contactId: 'c42',
  expiresAt: new Date('2027-03-01T00:00:00Z'),
};
const now = new Date('2027-01-15T12:00:00Z');

/** The token with one character of the chosen part swapped for another. */
const tampered = (token: string, part: 0 | 1): string => {
  const parts = token.split('.');
  const text = parts[part] as string;
  parts[part] = (text[0] === 'A' ? 'B' : 'A') + text.slice(1);
  return parts.join('.');
};

describe('an unsubscribe token', () => {
  it('reads back the claims it was signed with', () => {
    // Prepare
    const token = signUnsubscribeToken(secret, claims);

    // Act
    const reading = readUnsubscribeToken(secret, token, now);

    // Assess
    expect(reading).toEqual({ ok: true, claims });
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
  });

  it('accepts the secret as bytes as well as text', () => {
    // Prepare
    const bytes = new TextEncoder().encode(secret);

    // Act
    const reading = readUnsubscribeToken(bytes, signUnsubscribeToken(secret, claims), now);

    // Assess
    expect(reading.ok).toBe(true);
  });

  it('names ids only, never an e-mail address, in a compact payload', () => {
    // Prepare
    const token = signUnsubscribeToken(secret, claims);

    // Act
    const payload = JSON.parse(Buffer.from(token.split('.')[0] as string, 'base64url').toString('utf8'));

    // Assess
    expect(payload).toEqual({ t: 't1', n: 'nl-2027-01', c: 'c42', e: 1803859200 });
    expect(token.length).toBeLessThan(120);
  });

  it('refuses a changed payload or signature as badly signed', () => {
    // Prepare
    const token = signUnsubscribeToken(secret, claims);
    const otherContact = signUnsubscribeToken(secret, { ...claims, contactId: 'c43' }).split('.')[0];
    const swapped = `${otherContact}.${token.split('.')[1]}`;

    // Act
    const readings = [tampered(token, 0), tampered(token, 1), swapped].map((t) =>
      readUnsubscribeToken(secret, t, now),
    );

    // Assess
    for (const reading of readings) expect(reading).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('refuses a token another secret signed', () => {
    // Prepare
    const token = signUnsubscribeToken('x'.repeat(32), claims);

    // Act
    const reading = readUnsubscribeToken(secret, token, now);

    // Assess
    expect(reading).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('refuses a token from its expiry on', () => {
    // Prepare
    const token = signUnsubscribeToken(secret, claims);

    // Act
    const justBefore = readUnsubscribeToken(secret, token, new Date(claims.expiresAt.getTime() - 1));
    const atExpiry = readUnsubscribeToken(secret, token, claims.expiresAt);

    // Assess
    expect(justBefore.ok).toBe(true);
    expect(atExpiry).toEqual({ ok: false, reason: 'expired' });
  });

  it('answers garbage as malformed and never throws', () => {
    // Prepare
    const token = signUnsubscribeToken(secret, claims);
    const [payload, signature] = token.split('.') as [string, string];
    const garbage = [
      '',
      '.',
      'a.b.c',
      'x'.repeat(4096),
      `${payload}.${signature}`.padEnd(4096, 'A'),
      'no dots at all',
      '%%%.***',
      `${payload}=.${signature}`,
      `${payload}.${signature}==`,
      `${payload}.${signature.slice(0, -2)}`,
      `${token}.`,
      '\u0000.\uffff',
    ];

    // Act
    const readings = garbage.map((text) => readUnsubscribeToken(secret, text, now));

    // Assess
    for (const reading of readings) expect(reading).toEqual({ ok: false, reason: 'malformed' });
  });

  it('refuses a signed payload that does not hold the claims', () => {
    // Prepare
    const signed = (json: string) => {
      const payload = Buffer.from(json).toString('base64url');
      return `${payload}.${createHmac('sha256', secret).update(payload).digest('base64url')}`;
    };
    const payloads = [
      'null',
      '[]',
      '{"t":"t1","n":"n1","c":"","e":1}',
      '{"t":"t1","n":"n1","c":"c1","e":"1"}',
    ];

    // Act
    const readings = payloads.map((json) => readUnsubscribeToken(secret, signed(json), now));

    // Assess
    for (const reading of readings) expect(reading).toEqual({ ok: false, reason: 'malformed' });
  });

  it('throws on a short secret or unusable claims, which are wiring faults', () => {
    // Act
    const shortSecret = () => signUnsubscribeToken('short', claims);
    const noExpiry = () => signUnsubscribeToken(secret, { ...claims, expiresAt: new Date(Number.NaN) });
    const noContact = () => signUnsubscribeToken(secret, { ...claims, contactId: '' });
    const hugeIds = () => signUnsubscribeToken(secret, { ...claims, contactId: 'c'.repeat(2000) });

    // Assess
    expect(shortSecret).toThrow(/at least 32 bytes/);
    expect(noExpiry).toThrow(/valid expiry/);
    expect(noContact).toThrow(/non-empty ids/);
    expect(hugeIds).toThrow(/too long/);
  });
});
