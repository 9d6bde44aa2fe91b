/**
 * One-click unsubscribe as RFC 8058 defines it: every newsletter mail names
 * an https link in `List-Unsubscribe` and says, in `List-Unsubscribe-Post`,
 * that a POST to it unsubscribes; the mailbox provider then POSTs the form
 * `List-Unsubscribe=One-Click` there, with no cookies and no confirmation.
 */
export interface MailHeader {
  readonly name: string;
  readonly value: string;
}

const oneClickKey = 'List-Unsubscribe';
const oneClickValue = 'One-Click';
const formType = 'application/x-www-form-urlencoded';
const multipartType = 'multipart/form-data';

/** The local runtime's API answers on loopback without TLS; nothing else may go without it. */
const loopback: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The two headers of a mail whose recipient leaves through `url`. RFC 8058
 * allows https only (plain http only to a loopback address, the local
 * runtime); any other link is a wiring fault and throws. The URL is
 * written as parsed, so it can hold no `>`, space or line break that would
 * break the header.
 */
export function unsubscribeHeaders(url: string): MailHeader[] {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error('a one-click unsubscribe link must be an absolute https URL');
  }
  if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && loopback.has(parsed.hostname)))
    throw new Error('a one-click unsubscribe link must use https');
  return [
    { name: 'List-Unsubscribe', value: `<${parsed.href}>` },
    { name: 'List-Unsubscribe-Post', value: `${oneClickKey}=${oneClickValue}` },
  ];
}

/**
 * Whether a POST to the link is a one-click unsubscribe: a form whose
 * `List-Unsubscribe` field is exactly `One-Click`, sent as
 * `multipart/form-data` (what RFC 8058 says mail receivers should send) or
 * urlencoded (what they may send, and what the page's button sends; also a
 * body without a content type). Anything else, such as a link scanner's
 * empty POST, unsubscribes no one.
 */
export function isOneClickBody(contentType: string | undefined, body: string): boolean {
  const mediaType = contentType?.split(';')[0]?.trim().toLowerCase();
  if (mediaType === multipartType)
    return multipartFields(contentType ?? '', body, oneClickKey).includes(oneClickValue);
  if (mediaType && mediaType !== formType) return false;
  return new URLSearchParams(body).getAll(oneClickKey).includes(oneClickValue);
}

/** The values of the parts named `name` of a multipart/form-data body (RFC 7578); none when it has no boundary. */
function multipartFields(contentType: string, body: string, name: string): string[] {
  const boundary = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const delimiter = boundary?.[1] ?? boundary?.[2];
  if (!delimiter) return [];
  return body
    .split(`--${delimiter}`)
    .slice(1)
    .flatMap((part) => {
      const split = part.search(/\r?\n\r?\n/);
      if (split < 0) return [];
      const headers = part.slice(0, split);
      const disposition = /^content-disposition:\s*form-data;[^\r\n]*\bname="([^"]*)"/im.exec(headers);
      if (disposition?.[1] !== name) return [];
      return [
        part
          .slice(split)
          .replace(/^\r?\n\r?\n/, '')
          .replace(/\r?\n$/, ''),
      ];
    });
}
