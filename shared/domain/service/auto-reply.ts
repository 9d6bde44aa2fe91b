/** A header of a message; the key in lower case, the value unfolded. */
export interface MailHeader {
  readonly key: string;
  readonly value: string;
}

const bulkPrecedences = new Set(['bulk', 'junk', 'list', 'auto_reply']);

/** Microsoft's values that ask for no automatic answer, which its own automatic answers carry. */
const suppressedResponses = new Set(['all', 'oof', 'autoreply']);

/** The first token of a header value, before any parameters, in lower case. */
const tokenOf = (value: string) => (value.split(';')[0] ?? '').trim().toLowerCase();

function isAutomaticHeader({ key, value }: MailHeader): boolean {
  switch (key) {
    // RFC 3834: any value but `no` marks a message a program sent.
    case 'auto-submitted':
      return tokenOf(value) !== 'no';
    case 'precedence':
      return bulkPrecedences.has(tokenOf(value));
    case 'x-autoreply':
    case 'x-autorespond':
    // A mailing list's post: answering it would write to the list.
    case 'list-id':
    case 'list-unsubscribe':
      return true;
    case 'x-auto-response-suppress':
      return value.split(',').some((part) => suppressedResponses.has(part.trim().toLowerCase()));
    // The null sender of bounces and delivery reports (RFC 5321 §4.5.5).
    case 'return-path':
      return value.replace(/\s/g, '') === '<>';
    default:
      return false;
  }
}

/**
 * Whether a program sent the message (an out-of-office reply, a bounce, a
 * newsletter): a case is not answered automatically then, so that two
 * auto-responders cannot write to each other for ever.
 */
export function isAutoReply(headers: readonly MailHeader[]): boolean {
  return headers.some(isAutomaticHeader);
}
