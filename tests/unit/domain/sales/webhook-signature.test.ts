import * as crypto from 'node:crypto';
import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { newWebhookSecret, signWebhook, verifyWebhook } from '#domain/sales/leads/webhook-signature';

// The comparison is watched, so a test can tell that digests are compared in constant time.
vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>();
  return { ...actual, timingSafeEqual: vi.fn(actual.timingSafeEqual) };
});

// The published example of the Standard Webhooks reference libraries.
const vector = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: '1614265330',
  body: '{"test": 2432232314}',
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};
const vectorTime = new Date(1614265330 * 1000);

const headersOf = (id: string, timestamp: string, signature: string) => ({
  'webhook-id': id,
  'webhook-timestamp': timestamp,
  'webhook-signature': signature,
});

function delivery(secret: string, at: Date, body = '{"inquiry_id":"INQ-1"}', id = 'msg_2n8Kx') {
  return {
    headers: headersOf(id, String(Math.floor(at.getTime() / 1000)), signWebhook(secret, id, at, body)),
    rawBody: body,
  };
}

const now = new Date('2026-11-20T09:41:17Z');
const tolerance = 300;

afterEach(() => vi.mocked(crypto.timingSafeEqual).mockClear());

describe('signWebhook', () => {
  it('signs the published example as the specification does', () => {
    expect(signWebhook(vector.secret, vector.id, vectorTime, vector.body)).toBe(vector.signature);
  });

  it('agrees with an HMAC computed here from the decoded key and the signed content', () => {
    // Prepare
    const secret = newWebhookSecret();
    const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
    const body = '{"name":"Åsa Öberg"}';
    const independent = createHmac('sha256', key)
      .update(Buffer.from(`msg_1.1763631677.${body}`, 'utf8'))
      .digest('base64');

    // Act
    const signature = signWebhook(secret, 'msg_1', new Date(1763631677_000), body);

    // Assess
    expect(signature).toBe(`v1,${independent}`);
  });
});

describe('newWebhookSecret', () => {
  it('is whsec_ and 32 random bytes in base64, new each time', () => {
    // Act
    const secrets = [newWebhookSecret(), newWebhookSecret()];

    // Assess
    for (const secret of secrets) {
      expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
      expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32);
    }
    expect(secrets[0]).not.toBe(secrets[1]);
  });
});

describe('verifyWebhook', () => {
  it('accepts the published example and returns its id and time', () => {
    // Act
    const result = verifyWebhook({
      secrets: [vector.secret],
      headers: headersOf(vector.id, vector.timestamp, vector.signature),
      rawBody: vector.body,
      now: new Date(vectorTime.getTime() + 299_000),
      toleranceSeconds: tolerance,
    });

    // Assess
    expect(result).toEqual({ ok: true, deliveryId: vector.id, timestamp: vectorTime });
  });

  it('compares digests in constant time, and a signature one bit off does not match', () => {
    // Prepare
    const { headers, rawBody } = delivery(vector.secret, now);
    const digest = Buffer.from(headers['webhook-signature'].slice(3), 'base64');
    digest[31] = (digest[31] as number) ^ 1;
    const tampered = { ...headers, 'webhook-signature': `v1,${digest.toString('base64')}` };

    // Act
    const valid = verifyWebhook({
      secrets: [vector.secret],
      headers,
      rawBody,
      now,
      toleranceSeconds: tolerance,
    });
    const invalid = verifyWebhook({
      secrets: [vector.secret],
      headers: tampered,
      rawBody,
      now,
      toleranceSeconds: tolerance,
    });

    // Assess
    expect(valid.ok).toBe(true);
    expect(invalid).toEqual({ ok: false, reason: 'no matching signature' });
    expect(crypto.timingSafeEqual).toHaveBeenCalledTimes(2);
  });

  it('skips signatures of other versions and of the wrong length without comparing them', () => {
    // Prepare
    const { headers, rawBody } = delivery(vector.secret, now);
    const digest = headers['webhook-signature'].slice(3);
    const listed = `v2,${digest} v1,${digest.slice(0, 20)} v1,not-base64!`;

    // Act
    const result = verifyWebhook({
      secrets: [vector.secret],
      headers: { ...headers, 'webhook-signature': listed },
      rawBody,
      now,
      toleranceSeconds: tolerance,
    });

    // Assess
    expect(result).toEqual({ ok: false, reason: 'no matching signature' });
    expect(crypto.timingSafeEqual).not.toHaveBeenCalled();
  });

  it('finds the valid signature among several the sender lists', () => {
    // Prepare
    const { headers, rawBody } = delivery(vector.secret, now);
    const other = signWebhook(newWebhookSecret(), 'msg_2n8Kx', now, rawBody);
    const listed = `${other} v2,abc ${headers['webhook-signature']}`;

    // Act
    const result = verifyWebhook({
      secrets: [vector.secret],
      headers: { ...headers, 'webhook-signature': listed },
      rawBody,
      now,
      toleranceSeconds: tolerance,
    });

    // Assess
    expect(result.ok).toBe(true);
  });

  it('accepts the current and the previous secret during a rotation, and no other', () => {
    // Prepare
    const previous = newWebhookSecret();
    const current = newWebhookSecret();
    const stranger = newWebhookSecret();
    const verify = (secret: string) =>
      verifyWebhook({
        secrets: [current, previous],
        ...delivery(secret, now),
        now,
        toleranceSeconds: tolerance,
      });

    // Act
    const results = [verify(current), verify(previous), verify(stranger)];

    // Assess
    expect(results.map((r) => r.ok)).toEqual([true, true, false]);
  });

  it('accepts a secret written without its whsec_ prefix', () => {
    // Act
    const result = verifyWebhook({
      secrets: [vector.secret.slice('whsec_'.length)],
      headers: headersOf(vector.id, vector.timestamp, vector.signature),
      rawBody: vector.body,
      now: vectorTime,
      toleranceSeconds: tolerance,
    });

    // Assess
    expect(result.ok).toBe(true);
  });

  it('refuses a body changed after signing', () => {
    // Prepare
    const { headers } = delivery(vector.secret, now, '{"inquiry_id":"INQ-1"}');

    // Act
    const result = verifyWebhook({
      secrets: [vector.secret],
      headers,
      rawBody: '{"inquiry_id": "INQ-1"}',
      now,
      toleranceSeconds: tolerance,
    });

    // Assess
    expect(result).toEqual({ ok: false, reason: 'no matching signature' });
  });

  it('refuses a delivery id other than the signed one', () => {
    // Prepare
    const { headers, rawBody } = delivery(vector.secret, now);

    // Act
    const result = verifyWebhook({
      secrets: [vector.secret],
      headers: { ...headers, 'webhook-id': 'msg_other' },
      rawBody,
      now,
      toleranceSeconds: tolerance,
    });

    // Assess
    expect(result).toEqual({ ok: false, reason: 'no matching signature' });
  });

  it('refuses a verification without secrets', () => {
    // Act
    const result = verifyWebhook({
      secrets: [],
      ...delivery(vector.secret, now),
      now,
      toleranceSeconds: tolerance,
    });

    // Assess
    expect(result).toEqual({ ok: false, reason: 'no matching signature' });
  });

  it.each(['webhook-id', 'webhook-timestamp', 'webhook-signature'] as const)(
    'names the missing %s',
    (name) => {
      // Prepare
      const { headers, rawBody } = delivery(vector.secret, now);

      // Act
      const absent = verifyWebhook({
        secrets: [vector.secret],
        headers: { ...headers, [name]: undefined },
        rawBody,
        now,
        toleranceSeconds: tolerance,
      });
      const blank = verifyWebhook({
        secrets: [vector.secret],
        headers: { ...headers, [name]: ' ' },
        rawBody,
        now,
        toleranceSeconds: tolerance,
      });

      // Assess
      expect(absent).toEqual({ ok: false, reason: `missing header ${name}` });
      expect(blank).toEqual(absent);
    },
  );

  it.each(['2026-11-20T09:41:17Z', '1763631677.5', '-1763631677', '1763631677000000', '17636 31677'])(
    'refuses the timestamp %j as malformed',
    (timestamp) => {
      // Prepare
      const { headers, rawBody } = delivery(vector.secret, now);

      // Act
      const result = verifyWebhook({
        secrets: [vector.secret],
        headers: { ...headers, 'webhook-timestamp': timestamp },
        rawBody,
        now,
        toleranceSeconds: tolerance,
      });

      // Assess
      expect(result).toEqual({ ok: false, reason: 'malformed webhook-timestamp: expected unix seconds' });
    },
  );

  it('refuses a delivery id with spaces or longer than 200 characters', () => {
    // Prepare
    const verify = (id: string) =>
      verifyWebhook({
        secrets: [vector.secret],
        ...delivery(vector.secret, now, '{}', id),
        now,
        toleranceSeconds: 300,
      });

    // Act
    const results = [verify('msg 1'), verify('m'.repeat(201)), verify('m'.repeat(200))];

    // Assess
    expect(results.map((r) => r.ok)).toEqual([false, false, true]);
    expect(results[0]).toEqual({
      ok: false,
      reason: 'malformed webhook-id: 1 to 200 printable characters without spaces',
    });
  });

  it('accepts a timestamp at the edge of the tolerance, past and future, and refuses one beyond', () => {
    // Prepare
    const at = (offsetSeconds: number) => new Date(now.getTime() + offsetSeconds * 1000);
    const verify = (offsetSeconds: number) =>
      verifyWebhook({
        secrets: [vector.secret],
        ...delivery(vector.secret, at(offsetSeconds)),
        now,
        toleranceSeconds: tolerance,
      });

    // Act
    const results = [verify(-300), verify(300), verify(-301), verify(301)];

    // Assess
    expect(results.slice(0, 2).map((r) => r.ok)).toEqual([true, true]);
    expect(results[2]).toEqual({
      ok: false,
      reason: 'timestamp outside tolerance: 301 s in the past, at most 300 s allowed',
    });
    expect(results[3]).toEqual({
      ok: false,
      reason: 'timestamp outside tolerance: 301 s in the future, at most 300 s allowed',
    });
  });

  it('checks the time before the signature: an old but validly signed delivery is refused', () => {
    // Act
    const result = verifyWebhook({
      secrets: [vector.secret],
      headers: headersOf(vector.id, vector.timestamp, vector.signature),
      rawBody: vector.body,
      now,
      toleranceSeconds: tolerance,
    });

    // Assess
    expect(result).toMatchObject({ ok: false, reason: expect.stringContaining('in the past') });
  });

  it('throws on a stored secret too short to be one, rather than calling the request bad', () => {
    // Prepare
    const request = {
      secrets: ['whsec_c2hvcnQ='],
      ...delivery(vector.secret, now),
      now,
      toleranceSeconds: tolerance,
    };

    // Act + Assess
    expect(() => verifyWebhook(request)).toThrow(
      'a webhook secret must be whsec_ and base64 of 24 to 64 bytes',
    );
  });
});
