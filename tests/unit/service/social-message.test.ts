import * as crypto from 'node:crypto';
import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ValidationError } from '#domain/errors';
import { parseSocialMessages, verifyHubSignature, verifySubscription } from '#domain/service/social-message';

// The comparison is watched, so a test can tell that digests are compared in constant time.
vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>();
  return { ...actual, timingSafeEqual: vi.fn(actual.timingSafeEqual) };
});

afterEach(() => vi.mocked(crypto.timingSafeEqual).mockClear());

const appSecret = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
const rawBody =
  '{"object":"page","entry":[{"id":"104","messaging":[{"sender":{"id":"7"},"text":"Hej Åsa"}]}]}';
const signed = (secret: string, body: string | Uint8Array) =>
  `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

describe('verifyHubSignature', () => {
  it('accepts the HMAC of the raw body under the app secret, compared in constant time', () => {
    // Act
    const valid = verifyHubSignature(appSecret, rawBody, signed(appSecret, rawBody));

    // Assess
    expect(valid).toBe(true);
    expect(crypto.timingSafeEqual).toHaveBeenCalledTimes(1);
  });

  it('reads the body as UTF-8 bytes whether it comes as text or bytes', () => {
    // Prepare
    const bytes = new TextEncoder().encode(rawBody);

    // Act
    const valid = verifyHubSignature(appSecret, bytes, signed(appSecret, rawBody));

    // Assess
    expect(valid).toBe(true);
  });

  it('accepts upper-case hex', () => {
    const header = signed(appSecret, rawBody)
      .replace(/[a-f]/g, (c) => c.toUpperCase())
      .replace('SHA', 'sha');
    expect(verifyHubSignature(appSecret, rawBody, header)).toBe(true);
  });

  it('refuses a signature of another body', () => {
    expect(verifyHubSignature(appSecret, `${rawBody} `, signed(appSecret, rawBody))).toBe(false);
  });

  it('refuses a signature made with another secret', () => {
    expect(verifyHubSignature(appSecret, rawBody, signed('another-secret', rawBody))).toBe(false);
  });

  it.each([
    ['a missing header', undefined],
    ['an empty header', ''],
    [
      'the SHA-1 header of the old scheme',
      `sha1=${createHmac('sha1', appSecret).update(rawBody).digest('hex')}`,
    ],
    ['a digest without its prefix', signed(appSecret, rawBody).slice('sha256='.length)],
    ['a digest one byte short', signed(appSecret, rawBody).slice(0, -2)],
    ['a digest one character too long', `${signed(appSecret, rawBody)}0`],
    ['a digest that is not hex', `sha256=${'g'.repeat(64)}`],
  ])('refuses %s without comparing', (_, header) => {
    // Act
    const valid = verifyHubSignature(appSecret, rawBody, header);

    // Assess
    expect(valid).toBe(false);
    expect(crypto.timingSafeEqual).not.toHaveBeenCalled();
  });

  it('throws on an empty app secret: a fault of the set-up, not of the request', () => {
    expect(() => verifyHubSignature('', rawBody, signed('', rawBody))).toThrow(/must not be empty/);
  });
});

describe('verifySubscription', () => {
  const handshake = {
    'hub.mode': 'subscribe',
    'hub.verify_token': 'gridline-meta',
    'hub.challenge': '1158201444',
  };

  it('answers the challenge when the token matches', () => {
    expect(verifySubscription(handshake, 'gridline-meta')).toBe('1158201444');
  });

  it.each([
    ['another token', { ...handshake, 'hub.verify_token': 'guess' }],
    ['a token that only starts like ours', { ...handshake, 'hub.verify_token': 'gridline-met' }],
    ['no token', { ...handshake, 'hub.verify_token': undefined }],
    ['another mode', { ...handshake, 'hub.mode': 'unsubscribe' }],
    ['no challenge', { ...handshake, 'hub.challenge': undefined }],
    ['a challenge with markup', { ...handshake, 'hub.challenge': '<script>x</script> y' }],
  ])('answers nothing to %s', (_, query) => {
    expect(verifySubscription(query, 'gridline-meta')).toBeUndefined();
  });

  it('throws on an empty verify token', () => {
    expect(() => verifySubscription({ ...handshake, 'hub.verify_token': '' }, '')).toThrow(
      /must not be empty/,
    );
  });
});

const messaging = (overrides: Record<string, unknown> = {}) => ({
  sender: { id: '2417' },
  recipient: { id: '104' },
  timestamp: 1_751_356_800_000,
  message: { mid: 'm_1', text: 'Hej, min faktura?' },
  ...overrides,
});

describe('parseSocialMessages', () => {
  it('reads a Messenger message', () => {
    // Prepare
    const body = {
      object: 'page',
      entry: [{ id: '104', time: 1_751_356_800_500, messaging: [messaging()] }],
    };

    // Act
    const messages = parseSocialMessages(body);

    // Assess
    expect(messages).toEqual([
      {
        platform: 'messenger',
        pageId: '104',
        senderId: '2417',
        conversationKey: 'messenger:104:2417',
        messageId: 'm_1',
        text: 'Hej, min faktura?',
        sentAt: '2025-07-01T08:00:00.000Z',
        attachmentUrls: [],
      },
    ]);
  });

  it('reads Instagram messages with attachments from several entries', () => {
    // Prepare
    const photo = { type: 'image', payload: { url: 'https://lookaside.fbsbx.com/ig/1.jpg' } };
    const body = {
      object: 'instagram',
      entry: [
        { id: '178', time: 1, messaging: [messaging({ message: { mid: 'ig_1', attachments: [photo] } })] },
        { id: '179', time: 2, messaging: [messaging({ sender: { id: '55' } })] },
      ],
    };

    // Act
    const messages = parseSocialMessages(body);

    // Assess
    expect(messages.map((m) => [m.platform, m.conversationKey, m.text, m.attachmentUrls])).toEqual([
      ['instagram', 'instagram:178:2417', '', ['https://lookaside.fbsbx.com/ig/1.jpg']],
      ['instagram', 'instagram:179:55', 'Hej, min faktura?', []],
    ]);
  });

  it('skips echoes, taken-back messages, receipts and entries without messaging', () => {
    // Prepare
    const body = {
      object: 'page',
      entry: [
        {
          id: '104',
          time: 1,
          messaging: [
            messaging({ message: { mid: 'm_echo', text: 'Our answer', is_echo: true } }),
            messaging({ message: { mid: 'm_gone', is_deleted: true } }),
            messaging({ message: undefined, delivery: { mids: ['m_0'], watermark: 1 } }),
            messaging({ message: undefined, read: { watermark: 1 } }),
            messaging({ message: { mid: 'm_2', text: 'Still here' } }),
          ],
        },
        { id: '104', time: 2, changes: [{ field: 'feed', value: {} }] },
      ],
    };

    // Act
    const messages = parseSocialMessages(body);

    // Assess
    expect(messages.map((m) => m.messageId)).toEqual(['m_2']);
  });

  it('takes attachments without a URL, such as a template, without their URL', () => {
    // Prepare
    const message = {
      mid: 'm_3',
      attachments: [
        { type: 'fallback', payload: null },
        { type: 'template', payload: {} },
      ],
    };

    // Act
    const [read] = parseSocialMessages({
      object: 'page',
      entry: [{ id: '1', messaging: [messaging({ message })] }],
    });

    // Assess
    expect(read?.attachmentUrls).toEqual([]);
  });

  it.each([
    ['another object', { object: 'whatsapp_business_account', entry: [] }, 'object'],
    ['no entries', { object: 'page' }, 'entry'],
    [
      'a sender without id',
      { object: 'page', entry: [{ id: '1', messaging: [messaging({ sender: {} })] }] },
      'entry.0.messaging.0.sender.id',
    ],
    [
      'a text timestamp',
      { object: 'page', entry: [{ id: '1', messaging: [messaging({ timestamp: 'now' })] }] },
      'entry.0.messaging.0.timestamp',
    ],
    [
      'a message without mid',
      { object: 'page', entry: [{ id: '1', messaging: [messaging({ message: { text: 'x' } })] }] },
      'entry.0.messaging.0.message.mid',
    ],
    ['no body', null, 'body'],
  ])('refuses a body with %s, naming the field', (_, body, field) => {
    // Act
    const error = (() => {
      try {
        parseSocialMessages(body);
      } catch (thrown) {
        return thrown;
      }
    })();

    // Assess
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fields.map((f) => f.name)).toContain(field);
  });
});
