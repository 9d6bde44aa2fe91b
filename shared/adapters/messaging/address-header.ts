import { domainToASCII } from 'node:url';

/** An encoded word is at most 75 characters: `=?UTF-8?B?` + base64 + `?=` leaves 63, so 45 bytes. */
const maxBytesPerWord = 45;

/** Printable ASCII without control characters: a quoted string can hold it. */
const plainAscii = /^[\x20-\x7e]*$/;

/**
 * Splits text into runs of at most `maxBytes` UTF-8 bytes, never inside a
 * character (RFC 2047 §5: an encoded word holds whole characters).
 */
function chunksOf(text: string, maxBytes: number): string[] {
  const chunks: string[] = [];
  let current = '';
  let bytes = 0;
  for (const char of text) {
    const size = Buffer.byteLength(char, 'utf8');
    if (bytes + size > maxBytes && current) {
      chunks.push(current);
      current = '';
      bytes = 0;
    }
    current += char;
    bytes += size;
  }
  if (current) chunks.push(current);
  return chunks;
}

/**
 * A display name as a header phrase: a quoted string when it is plain ASCII,
 * otherwise RFC 2047 encoded words (`=?UTF-8?B?…?=`), split so that none is
 * longer than 75 characters. Line breaks and other control characters are
 * never passed on (they could start a new header).
 */
export function encodeDisplayName(name: string): string {
  const clean = name
    .replace(/\p{Cc}+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (!clean) return '';
  if (plainAscii.test(clean)) return `"${clean.replace(/(["\\])/g, '\\$1')}"`;
  return chunksOf(clean, maxBytesPerWord)
    .map((chunk) => `=?UTF-8?B?${Buffer.from(chunk, 'utf8').toString('base64')}?=`)
    .join(' ');
}

/** The domain of an address in ASCII (Punycode for an internationalised domain), as SES requires. */
export function asciiAddress(address: string): string {
  const at = address.lastIndexOf('@');
  if (at < 0) return address;
  const domain = address.slice(at + 1);
  const ascii = domainToASCII(domain);
  return `${address.slice(0, at)}@${ascii || domain}`;
}

/** `"Name" <address>` or `=?UTF-8?B?…?= <address>`; just the address when the name is blank. */
export function formatMailbox(mailbox: { readonly name?: string; readonly address: string }): string {
  const address = asciiAddress(mailbox.address.trim());
  const phrase = encodeDisplayName(mailbox.name ?? '');
  return phrase ? `${phrase} <${address}>` : address;
}
