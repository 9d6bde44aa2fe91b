/**
 * The case token in a mail's subject, `[#C-1234]`: replies carry it back, so
 * a customer's answer finds its case even when the mail client dropped the
 * threading headers.
 */

/** Tolerates the spaces and case changes mail clients and people add; leading zeros are ignored. */
const tokenPattern = /\[\s*#\s*c\s*-\s*0*([1-9]\d{0,14})\s*\]/i;
const anyToken = new RegExp(tokenPattern.source, 'gi');

/**
 * Reply and forward prefixes of the mail clients customers use: English,
 * Swedish (SV, VB), German (AW), Polish and Czech (Odp), Nordic (VS) and
 * Slovak (PD), with Outlook's counters such as `RE[2]:`.
 */
const replyPrefix = /^\s*(?:re|fwd?|sv|vb|aw|odp|vs|pd)\s*(?:\[\d+\])?\s*:\s*/i;

/** The case number in the subject's first token, or undefined when it has none. */
export function caseTokenOf(subject: string): number | undefined {
  const match = tokenPattern.exec(subject);
  return match ? Number(match[1]) : undefined;
}

export function caseToken(caseNumber: number): string {
  if (!Number.isSafeInteger(caseNumber) || caseNumber < 1)
    throw new RangeError(`a case number is a positive integer, not ${caseNumber}`);
  return `[#C-${caseNumber}]`;
}

/**
 * The subject of a reply on a case: one `Re:`, the customer's words and the
 * token at the end, whatever prefixes and tokens the thread had gathered.
 * White space, line breaks included, becomes single spaces.
 */
export function replySubject(subject: string, caseNumber: number): string {
  let base = subject.replace(anyToken, ' ').replace(/\s+/g, ' ');
  while (replyPrefix.test(base)) base = base.replace(replyPrefix, '');
  base = base.trim();
  return base ? `Re: ${base} ${caseToken(caseNumber)}` : `Re: ${caseToken(caseNumber)}`;
}
