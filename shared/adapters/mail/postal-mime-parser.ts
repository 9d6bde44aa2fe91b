import PostalMime, { type Address, type Attachment, type Email, type Mailbox } from 'postal-mime';
import { normaliseEmail } from '#domain/identifiers/email';
import { isAutoReply } from '#domain/service/auto-reply';
import { plainTextOfHtml } from '#domain/service/html-text';
import {
  type InboundAttachment,
  type InboundMail,
  type MailParser,
  MalformedMailError,
} from '#domain/service/inbound-mail';
import { messageIdsIn } from '#domain/service/mail-threading';

/**
 * Reads inbound mail with postal-mime. postal-mime reads anything: bytes that
 * are no mail come back as a message without headers and the bytes as its
 * text, so a message without a single header line is refused here.
 */
export class PostalMimeParser implements MailParser {
  async parse(raw: Uint8Array): Promise<InboundMail> {
    let email: Email;
    try {
      email = await PostalMime.parse(raw, { attachmentEncoding: 'arraybuffer' });
    } catch (error) {
      throw new MalformedMailError(`the message cannot be parsed: ${(error as Error).message}`, {
        cause: error,
      });
    }
    if (email.headers.length === 0) throw new MalformedMailError('the message has no header lines');
    return inboundMailOf(email);
  }
}

function inboundMailOf(email: Email): InboundMail {
  const messageId = email.messageId ? messageIdsIn(email.messageId)[0] : undefined;
  const inReplyTo = email.inReplyTo ? messageIdsIn(email.inReplyTo)[0] : undefined;
  const from = senderOf(email.from);
  const date = isoDateOf(email.date);
  return {
    ...(messageId ? { messageId } : {}),
    ...(from ? { from } : {}),
    to: recipientsOf(email),
    subject: (email.subject ?? '').trim(),
    text: textOf(email),
    ...(inReplyTo ? { inReplyTo } : {}),
    references: email.references ? messageIdsIn(email.references) : [],
    autoReply: isAutoReply(email.headers),
    ...(date ? { date } : {}),
    attachments: email.attachments.map(attachmentOf),
  };
}

const mailboxesOf = (addresses: readonly Address[]): Mailbox[] =>
  addresses.flatMap((address) => (address.group ? address.group : [address]));

const normalised = (address: string): string | undefined => {
  const result = normaliseEmail(address);
  return result.ok ? result.value : undefined;
};

/** The first mailbox of From with a valid address; a group or an invalid address names no sender. */
function senderOf(from: Address | undefined): InboundMail['from'] {
  const mailbox = from ? mailboxesOf([from])[0] : undefined;
  const address = mailbox ? normalised(mailbox.address) : undefined;
  return mailbox && address ? { name: mailbox.name, address } : undefined;
}

/** Delivered-To and X-Original-To name the service address when the mail came by Bcc or a forward. */
function recipientsOf(email: Email): string[] {
  const addresses = [
    ...mailboxesOf([...(email.to ?? []), ...(email.cc ?? [])]).map((mailbox) => mailbox.address),
    ...email.headers
      .filter((header) => header.key === 'delivered-to' || header.key === 'x-original-to')
      .map((header) => header.value),
  ];
  return [...new Set(addresses.flatMap((address) => normalised(address) ?? []))];
}

/** postal-mime passes on a Date header it cannot read as it is. */
function isoDateOf(value: string | undefined): string | undefined {
  const time = value === undefined ? Number.NaN : Date.parse(value);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

function textOf(email: Email): string {
  if (email.text?.trim()) return email.text.trim();
  return email.html ? plainTextOfHtml(email.html) : '';
}

function attachmentOf(attachment: Attachment): InboundAttachment {
  // The parser is asked for `arraybuffer` content: strings come only with the other encodings.
  const bytes = new Uint8Array(attachment.content as ArrayBuffer);
  return {
    filename: attachment.filename ?? '',
    contentType: attachment.mimeType,
    size: bytes.byteLength,
    content: bytes,
    inline: attachment.disposition === 'inline' || attachment.related === true,
  };
}
