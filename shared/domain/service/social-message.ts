import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import * as z from 'zod';
import { ValidationError } from '#domain/errors';

/**
 * Messages from Facebook Messenger and Instagram, as Meta's webhooks deliver
 * them: a signed POST of entries per page, each with its messaging events,
 * after a GET handshake that proves the endpoint is ours.
 */

export type SocialPlatform = 'messenger' | 'instagram';

export interface SocialMessage {
  readonly platform: SocialPlatform;
  /** The Facebook page or Instagram account written to. */
  readonly pageId: string;
  readonly senderId: string;
  /** One conversation per person and page: `${platform}:${pageId}:${senderId}`. */
  readonly conversationKey: string;
  readonly messageId: string;
  /** Empty when the message is only attachments. */
  readonly text: string;
  /** ISO 8601. */
  readonly sentAt: string;
  readonly attachmentUrls: readonly string[];
}

const signaturePattern = /^sha256=([0-9a-f]{64})$/i;

/**
 * Whether `header` (X-Hub-Signature-256) is `sha256=` and the hex HMAC-SHA256
 * of the body exactly as received under the app secret.
 */
export function verifyHubSignature(
  appSecret: string,
  rawBody: string | Uint8Array,
  header: string | undefined,
): boolean {
  // An empty secret is a configuration fault: anyone could sign with it.
  if (!appSecret) throw new Error('the app secret of a Meta webhook must not be empty');
  const offered = signaturePattern.exec(header?.trim() ?? '')?.[1];
  if (!offered) return false;
  const expected = createHmac('sha256', appSecret).update(rawBody).digest();
  const digest = Buffer.from(offered, 'hex');
  // timingSafeEqual throws on buffers of different lengths.
  return digest.length === expected.length && timingSafeEqual(digest, expected);
}

/** The challenge Meta echoes back, printable and short: it is written into the response. */
const challengePattern = /^[\x21-\x7e]{1,256}$/;

/**
 * Meta's subscription handshake: a GET with `hub.mode=subscribe`, the verify
 * token set up in the app and a challenge. The challenge is the answer when
 * the token matches, otherwise undefined.
 */
export function verifySubscription(
  query: Readonly<Record<string, string | undefined>>,
  verifyToken: string,
): string | undefined {
  if (!verifyToken) throw new Error('the verify token of a Meta webhook must not be empty');
  const challenge = query['hub.challenge'];
  if (query['hub.mode'] !== 'subscribe' || !challenge || !challengePattern.test(challenge)) return undefined;
  return sameText(query['hub.verify_token'] ?? '', verifyToken) ? challenge : undefined;
}

/** Compares digests, so that neither the time taken nor a length check tells how much of the token was right. */
function sameText(left: string, right: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(left), digest(right));
}

const id = z.string().min(1).max(512);
/** Epoch milliseconds that a Date can hold. */
const epochMillis = z.int().min(0).max(8.64e15);

// Only the fields read are checked, so that a field Meta changes and nobody reads costs no delivery.
const messagingEvent = z.object({
  sender: z.object({ id }),
  timestamp: epochMillis,
  // Absent on delivery and read receipts, reactions and postbacks.
  message: z
    .object({
      mid: id,
      text: z.string().optional(),
      is_echo: z.boolean().optional(),
      // An Instagram message its sender took back.
      is_deleted: z.boolean().optional(),
      // Lenient: a sticker or a share without a URL must not cost the rest of the delivery.
      attachments: z
        .array(z.object({ type: z.string(), payload: z.object({ url: z.string().optional() }).nullish() }))
        .optional(),
    })
    .optional(),
});

const webhookBody = z.object({
  object: z.enum(['page', 'instagram']),
  entry: z.array(
    z.object({
      id,
      // Entries of other subscriptions (`changes`, `standby`) carry no messaging.
      messaging: z.array(messagingEvent).optional(),
    }),
  ),
});

const platformOf = { page: 'messenger', instagram: 'instagram' } as const;

/**
 * The messages people sent in a webhook delivery. The page's own messages
 * (echoes), taken-back messages and events without a message are skipped; a
 * body of another shape is a ValidationError naming the field.
 */
export function parseSocialMessages(body: unknown): SocialMessage[] {
  const parsed = webhookBody.safeParse(body);
  if (!parsed.success)
    throw new ValidationError(
      parsed.error.issues.map((issue) => ({ name: issue.path.join('.') || 'body', reason: issue.message })),
    );
  const platform = platformOf[parsed.data.object];
  return parsed.data.entry.flatMap((entry) =>
    (entry.messaging ?? []).flatMap((event): SocialMessage[] => {
      const { message } = event;
      if (!message || message.is_echo || message.is_deleted) return [];
      return [
        {
          platform,
          pageId: entry.id,
          senderId: event.sender.id,
          conversationKey: `${platform}:${entry.id}:${event.sender.id}`,
          messageId: message.mid,
          text: message.text ?? '',
          sentAt: new Date(event.timestamp).toISOString(),
          attachmentUrls: (message.attachments ?? []).flatMap((attachment) => attachment.payload?.url ?? []),
        },
      ];
    }),
  );
}
