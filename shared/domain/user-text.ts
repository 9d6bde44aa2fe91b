/**
 * Text people send (names, titles, identifiers, notes) is stored as sent,
 * which needs it to be text: valid Unicode in one normal form, and free of
 * characters that change how other text around it is shown or parsed.
 *
 * - `line`: names, titles, codes and identifiers. No control characters at
 *   all (C0, DEL, C1), so no line breaks and no tabs.
 * - `multiline`: notes, descriptions, message bodies. Line breaks (LF, CR)
 *   and tabs are allowed; other control characters are not.
 *
 * Both refuse lone surrogates (a JSON `"\ud800"` parses, but no strict JSON
 * client can read it back), the bidirectional embedding, override and
 * isolate characters U+202A–U+202E and U+2066–U+2069 (they make text show
 * in another order than it is stored), and U+FEFF (a byte order mark or
 * zero-width no-break space, invisible and never meant).
 */
export type TextKind = 'line' | 'multiline';

/** Unicode white space at either end; unlike `String.prototype.trim`, U+FEFF is not white space here. */
const edgeSpace = /^\p{White_Space}+|\p{White_Space}+$/gu;

/** The text in NFC, without white space at either end: the form it is checked and stored in. */
export function tidyText(value: string): string {
  return value.normalize('NFC').replace(edgeSpace, '');
}

const allowedInMultiline = new Set([0x09, 0x0a, 0x0d]);

const codePoint = (cp: number) => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * Why `value` is not text of this kind, as a phrase that follows the
 * field's name ("contains U+202E, …"), or undefined when it is.
 */
export function userTextProblem(value: string, kind: TextKind): string | undefined {
  for (const char of value) {
    const cp = char.codePointAt(0) as number;
    if (cp >= 0xd800 && cp <= 0xdfff)
      return `contains a lone surrogate (${codePoint(cp)}): not valid Unicode text`;
    if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) {
      if (kind === 'multiline' && allowedInMultiline.has(cp)) continue;
      return kind === 'line' && allowedInMultiline.has(cp)
        ? `contains a line break or tab (${codePoint(cp)}): one line of text is expected`
        : `contains the control character ${codePoint(cp)}`;
    }
    if ((cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069))
      return `contains ${codePoint(cp)}, a bidirectional control character`;
    if (cp === 0xfeff) return 'contains U+FEFF, a byte order mark or zero-width no-break space';
  }
  return undefined;
}

/**
 * Text from a channel no schema stands in front of (an e-mail, a social
 * message), made into text of the kind: what `userTextProblem` refuses is
 * dropped rather than refused, since the sender cannot be asked again; in a
 * line, line breaks and tabs become spaces. NFC and trimmed, as stored.
 */
export function channelText(value: string, kind: TextKind): string {
  let text = '';
  for (const char of value.normalize('NFC')) {
    const cp = char.codePointAt(0) as number;
    if (kind === 'line' && allowedInMultiline.has(cp)) text += ' ';
    else if (userTextProblem(char, kind) === undefined) text += char;
  }
  return tidyText(text);
}

/** At most `max` UTF-16 units of `text`, never ending in half of a character. */
export function clipText(text: string, max: number): string {
  if (text.length <= max) return text;
  const last = text.charCodeAt(max - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? max - 1 : max);
}
