/**
 * Threading of the mails on a case. A reply's In-Reply-To and References name
 * the mails it answers, so mail clients show the case as one conversation and
 * a customer's answer finds its case.
 *
 * SES replaces the Message-ID a sent mail is given with one of its own, and
 * tells it only after sending. So each outbound mail also names itself in its
 * References, as `<case.{caseId}.{messageId}@{domain}>`: a client answering it
 * copies that id into the answer's References (RFC 5322 §3.6.4), and
 * `caseIdOfReference` reads the case back from it, without SES's id stored.
 */

/** How many ids References holds at most: enough to thread, short enough for any mail system. */
const maxReferences = 20;
/** SES takes a header value of at most 870 characters; References is cut from its middle to fit. */
const maxHeaderLength = 870;
/** An id longer than this is left out: a few such would fill the header alone. */
const maxIdLength = 250;

/** The parts of our own ids: no dots (they separate the parts), nothing a header could trip on. */
const idPart = /^[A-Za-z0-9_-]{1,64}$/;
const domainName = /^[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$/;

/** Printable ASCII without `<`, `>` and spaces: an id that cannot break the header it is written into. */
const writableId = /^[\x21-\x3b\x3d\x3f-\x7e]+$/;

const bracketed = (id: string) => `<${id}>`;
const unbracketed = (id: string) => id.trim().replace(/^<|>$/g, '');

export interface ThreadingHeaders {
  /** Absent on a case's first mail when nothing came before it. */
  readonly inReplyTo?: string;
  readonly references: string;
}

/** The id an outbound mail on the case names itself by, with its angle brackets. */
export function outboundMessageId(caseId: string, messageId: string, domain: string): string {
  if (!idPart.test(caseId) || !idPart.test(messageId))
    throw new RangeError(
      `case and message ids of a mail id are letters, digits, _ and -: ${caseId}, ${messageId}`,
    );
  if (!domainName.test(domain)) throw new RangeError(`not a domain name: ${domain}`);
  return `<case.${caseId}.${messageId}@${domain}>`;
}

/**
 * The threading headers of an outbound mail on a case: it answers the case's
 * last mail, and References names the thread's first mail, the latest ones and,
 * last, the outbound mail's own id (`outboundMessageId`). `caseMessageIds` are
 * the ids of the case's mails, oldest first, without angle brackets; an id that
 * could not be written into a header is left out.
 */
export function threadingHeaders(caseMessageIds: readonly string[], ownMessageId: string): ThreadingHeaders {
  const own = unbracketed(ownMessageId);
  if (!writableId.test(own)) throw new RangeError(`not a message id: ${JSON.stringify(ownMessageId)}`);
  const ids = caseMessageIds.filter((id) => writableId.test(id) && id.length <= maxIdLength);
  const last = ids.at(-1);
  const room = maxReferences - 1;
  let thread = ids.length > room ? [ids[0] as string, ...ids.slice(-(room - 1))] : ids;
  const joined = (list: readonly string[]) => [...list, own].map(bracketed).join(' ');
  // Drop the oldest after the first until it fits: the first and the latest thread best.
  while (thread.length > 1 && joined(thread).length > maxHeaderLength)
    thread = [thread[0] as string, ...thread.slice(2)];
  const references = joined(thread);
  return last === undefined ? { references } : { inReplyTo: bracketed(last), references };
}

/**
 * The message ids of a Message-ID, In-Reply-To or References header, without
 * angle brackets. Ids in brackets are taken and the words around them (some
 * clients add a phrase) ignored; a header without brackets is read as ids
 * separated by white space or commas.
 */
export function messageIdsIn(value: string): string[] {
  const inBrackets = [...value.matchAll(/<([^<>\s]+)>/g)].map((match) => match[1] as string);
  if (inBrackets.length > 0 || value.includes('<')) return inBrackets;
  return value.split(/[\s,]+/).filter((id) => writableId.test(id));
}

/** The case an id of `outboundMessageId` on this domain names, or undefined for any other id. */
export function caseIdOfReference(reference: string, domain: string): string | undefined {
  const id = unbracketed(reference);
  const at = id.lastIndexOf('@');
  if (at < 0 || id.slice(at + 1).toLowerCase() !== domain.toLowerCase()) return undefined;
  const [prefix, caseId, messageId, ...rest] = id.slice(0, at).split('.');
  if (prefix !== 'case' || rest.length > 0 || !caseId || !messageId) return undefined;
  return idPart.test(caseId) && idPart.test(messageId) ? caseId : undefined;
}
