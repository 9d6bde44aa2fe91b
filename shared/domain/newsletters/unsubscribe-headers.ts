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
 * Whether a POST to the link is a one-click unsubscribe: a urlencoded form
 * (or a body sent without a content type) whose `List-Unsubscribe` field is
 * exactly `One-Click`. Anything else, such as a link scanner's empty POST,
 * unsubscribes no one.
 */
export function isOneClickBody(contentType: string | undefined, body: string): boolean {
  const mediaType = contentType?.split(';')[0]?.trim().toLowerCase();
  if (mediaType && mediaType !== formType) return false;
  return new URLSearchParams(body).getAll(oneClickKey).includes(oneClickValue);
}
