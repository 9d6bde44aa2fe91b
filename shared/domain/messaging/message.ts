import type { CountryCode, PhoneNumberType } from 'libphonenumber-js';
import type { Contact } from '#domain/accounts/contact';
import { ConflictError, type InvalidField, UnprocessableError, ValidationError } from '#domain/errors';
import { normaliseEmail } from '#domain/identifiers/email';
import { normalisePhone, phoneTypeOf } from '#domain/identifiers/phone';
import type { ChangeContext } from '#domain/stamps';
import type { EmailAttachment } from './mailer';

export const messageChannels = ['email', 'sms'] as const;
export type MessageChannel = (typeof messageChannels)[number];

/**
 * `sending`: claimed by a request with an Idempotency-Key, not yet known to
 * be sent; `sent`: the provider took it; `failed`: the provider did not.
 */
export const messageStates = ['sending', 'sent', 'failed'] as const;
export type MessageState = (typeof messageStates)[number];

/**
 * An e-mail or SMS sent to a contact (R-CM-E1), kept in the contact's
 * partition. It holds an excerpt, not the whole text: the record says that
 * and what was sent, the provider's id finds the rest.
 */
export interface Message {
  readonly id: string;
  readonly tenantId: string;
  readonly contactId: string;
  readonly accountId?: string;
  readonly channel: MessageChannel;
  /** The sender's address, or the SMS origination identity when the tenant has one. */
  readonly from?: string;
  /** An e-mail address or an E.164 phone number. */
  readonly to: string;
  /** E-mail only. */
  readonly subject?: string;
  readonly excerpt: string;
  readonly state: MessageState;
  /** Why the provider did not take it, when `failed`. */
  readonly failure?: string;
  readonly providerMessageId?: string;
  readonly sentBy: string;
  readonly createdAt: string;
  readonly sentAt?: string;
  readonly updatedAt: string;
  readonly version: number;
}

export const messageLimits = {
  subjectChars: 200,
  /** Each of the text and the HTML part, in UTF-8. */
  emailBodyBytes: 100 * 1024,
  /** Ten concatenated segments of 160 GSM-7 characters; providers split longer texts. */
  smsChars: 1600,
  excerptChars: 140,
} as const;

export interface EmailDraft {
  readonly subject: string;
  /** Files sent with it (an offer's PDF); the record keeps the text's excerpt, not them. */
  readonly attachments?: readonly EmailAttachment[];
  readonly text?: string;
  readonly html?: string;
  /** Defaults to the contact's e-mail; must be it. */
  readonly to?: string;
}

export interface SmsDraft {
  readonly text: string;
  /** Defaults to the contact's first mobile phone; must be one of the contact's phones. */
  readonly to?: string;
}

export interface ComposedEmail {
  readonly to: string;
  readonly subject: string;
  readonly text?: string;
  readonly html?: string;
  readonly excerpt: string;
}

export interface ComposedSms {
  readonly to: string;
  readonly body: string;
  readonly excerpt: string;
}

/** Whitespace collapsed, clipped to `max` characters (not UTF-16 units) with an ellipsis. */
export function excerptOf(text: string, max: number = messageLimits.excerptChars): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const chars = [...flat];
  return chars.length <= max
    ? flat
    : `${chars
        .slice(0, max - 1)
        .join('')
        .trimEnd()}…`;
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** The readable text of an HTML body, good enough for an excerpt. */
export function textOfHtml(html: string): string {
  return html
    .replace(/<(script|style|head)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
      if (name.startsWith('#x') || name.startsWith('#X'))
        return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
      if (name.startsWith('#')) return String.fromCodePoint(Number.parseInt(name.slice(1), 10));
      return entities[name.toLowerCase()] ?? whole;
    });
}

const utf8Bytes = (text: string) => new TextEncoder().encode(text).length;

/**
 * Checks an e-mail to a contact and fills in its recipient. Bad input is a
 * 400 naming the field; a contact without an e-mail address is a conflict
 * with the contact's state (409 naming `email`).
 */
export function composeEmail(contact: Contact, draft: EmailDraft): ComposedEmail {
  const invalid: InvalidField[] = [];
  const subject = draft.subject.trim();
  if (subject.length === 0) invalid.push({ name: 'subject', reason: 'must not be blank' });
  else if (/[\r\n]/.test(subject)) invalid.push({ name: 'subject', reason: 'must be one line' });
  else if ([...subject].length > messageLimits.subjectChars) {
    invalid.push({ name: 'subject', reason: `must be at most ${messageLimits.subjectChars} characters` });
  }
  const text = draft.text?.trim() ? draft.text : undefined;
  const html = draft.html?.trim() ? draft.html : undefined;
  if (text === undefined && html === undefined) {
    invalid.push({ name: 'text', reason: 'give a text, an HTML body or both' });
  }
  for (const [name, body] of [
    ['text', text],
    ['html', html],
  ] as const) {
    if (body !== undefined && utf8Bytes(body) > messageLimits.emailBodyBytes) {
      invalid.push({ name, reason: `must be at most ${messageLimits.emailBodyBytes / 1024} KB` });
    }
  }
  if (invalid.length > 0) throw new ValidationError(invalid);

  if (!contact.email) {
    throw new ConflictError('missing-prerequisite', 'the contact has no e-mail address', [
      { name: 'email', reason: 'the contact has no e-mail address' },
    ]);
  }
  if (draft.to !== undefined) {
    const to = normaliseEmail(draft.to);
    if (!to.ok) throw new ValidationError([{ name: 'to', reason: to.reason }]);
    if (to.value !== contact.email) {
      throw new ValidationError([{ name: 'to', reason: "must be the contact's own e-mail address" }]);
    }
  }
  return {
    to: contact.email,
    subject,
    ...(text !== undefined ? { text } : {}),
    ...(html !== undefined ? { html } : {}),
    excerpt: excerptOf(text ?? textOfHtml(html ?? '')),
  };
}

/** Mobile numbers, and numbers the numbering plan cannot tell from mobile ones. */
function isMobile(e164: string): boolean {
  const type = phoneTypeOf(e164);
  return type === 'MOBILE' || type === 'FIXED_LINE_OR_MOBILE';
}

/** Kinds of number that never take a text message, as a sentence names them. */
const untextable: Partial<Record<PhoneNumberType, string>> = {
  FIXED_LINE: 'a fixed-line number',
  TOLL_FREE: 'a toll-free number',
  PREMIUM_RATE: 'a premium-rate number',
  SHARED_COST: 'a shared-cost number',
  VOICEMAIL: 'a voicemail number',
};

/** What a number is when it cannot take a text ('a fixed-line number'); nothing when it may. */
function whyNotTextable(e164: string): string | undefined {
  const type = phoneTypeOf(e164);
  return type === undefined ? undefined : untextable[type];
}

const textsGoToMobiles = 'text messages go to mobile numbers';

/**
 * Checks an SMS to a contact and fills in its recipient: the number given,
 * which must be one of the contact's phones, or else the contact's first
 * mobile number (its first number that may take a text when none is known
 * to be mobile). A number that cannot take a text (a fixed-line number, by
 * libphonenumber's full metadata) is refused with 422: naming `to` when it
 * was asked for, `phones` when the contact has no other.
 */
export function composeSms(contact: Contact, draft: SmsDraft, country: CountryCode): ComposedSms {
  const body = draft.text.trim();
  if (body.length === 0) throw new ValidationError([{ name: 'text', reason: 'must not be blank' }]);
  if ([...body].length > messageLimits.smsChars) {
    throw new ValidationError([
      { name: 'text', reason: `must be at most ${messageLimits.smsChars} characters` },
    ]);
  }
  if (contact.phones.length === 0) {
    throw new ConflictError('missing-prerequisite', 'the contact has no phone number', [
      { name: 'phones', reason: 'the contact has no phone number' },
    ]);
  }
  if (draft.to !== undefined) {
    const phone = normalisePhone(draft.to, country);
    if (!phone.ok) throw new ValidationError([{ name: 'to', reason: phone.reason }]);
    if (!contact.phones.includes(phone.e164)) {
      throw new ValidationError([{ name: 'to', reason: "must be one of the contact's phone numbers" }]);
    }
    const why = whyNotTextable(phone.e164);
    if (why !== undefined) {
      const reason = `${phone.e164} is ${why}; ${textsGoToMobiles}`;
      throw new UnprocessableError(reason, [{ name: 'to', reason }]);
    }
    return { to: phone.e164, body, excerpt: excerptOf(body) };
  }
  const to = contact.phones.find(isMobile) ?? contact.phones.find((p) => whyNotTextable(p) === undefined);
  if (to === undefined) {
    const numbers = contact.phones.map((p) => `${p} is ${whyNotTextable(p)}`).join(', ');
    const reason = `the contact has no number that takes a text message: ${numbers}; ${textsGoToMobiles}`;
    throw new UnprocessableError(reason, [{ name: 'phones', reason }]);
  }
  return { to, body, excerpt: excerptOf(body) };
}

/** A message about to be sent: `sending`, version 1. */
export function newMessage(
  id: string,
  ctx: ChangeContext,
  contact: Pick<Contact, 'id' | 'accountId'>,
  fields: Pick<Message, 'channel' | 'from' | 'to' | 'subject' | 'excerpt'>,
): Message {
  const at = ctx.now.toISOString();
  return {
    id,
    tenantId: ctx.tenant.id,
    contactId: contact.id,
    ...(contact.accountId ? { accountId: contact.accountId } : {}),
    ...fields,
    state: 'sending',
    sentBy: ctx.userId,
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
}
