/**
 * The plain text of an HTML mail body, for a mail that has no text part: the
 * words in reading order with the line breaks of its paragraphs, lines and
 * list items. Not a renderer: tables, links and images become their text.
 */

/*
 * The patterns run in linear time on hostile input: a tag is `[^<>]*` long, so
 * a `<` without its `>` is not scanned to the end of the text again and again,
 * and an element or comment left open ends at the end of the text.
 */

/** Elements whose content is never shown. */
const hiddenElements = /<(head|script|style|title|template)\b[^<>]*>[\s\S]*?(?:<\/\1\s*>|$)/gi;
const comments = /<!--[\s\S]*?(?:-->|$)/g;
const lineBreak = /<br\b[^<>]*>/gi;
/** Elements set off by a blank line; a run of their tags (`</p><p>`) makes one. */
const paragraphEdges = /(?: ?<\/?(?:p|h[1-6]|blockquote|pre|table|ul|ol|hr)\b[^<>]*> ?)+/gi;
/** Elements that start on a line of their own; a run of their tags (`</div><div>`) makes one break. */
const lineEdges = /(?: ?<\/?(?:div|li|tr|section|article|header|footer|address)\b[^<>]*> ?)+/gi;
const cellEnd = /<\/t[dh]\s*>/gi;
/** Tags, doctypes and processing instructions. */
const anyTag = /<(?:\/?[A-Za-z]|[!?])[^<>]*>/g;

const namedEntities: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  shy: '',
  szlig: 'ß',
  aelig: 'æ',
  AElig: 'Æ',
  oslash: 'ø',
  Oslash: 'Ø',
  euro: '€',
  copy: '©',
  reg: '®',
  trade: '™',
  hellip: '…',
  ndash: '–',
  mdash: '—',
  bull: '•',
  lsquo: '‘',
  rsquo: '’',
  sbquo: '‚',
  ldquo: '“',
  rdquo: '”',
  bdquo: '„',
};

/** The combining marks of HTML's accented-letter entities (`&auml;`, `&ccaron;`, `&ocirc;`). */
const accents: Readonly<Record<string, string>> = {
  uml: '\u0308',
  acute: '\u0301',
  grave: '\u0300',
  circ: '\u0302',
  tilde: '\u0303',
  ring: '\u030a',
  cedil: '\u0327',
  caron: '\u030c',
};

const entity = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{1,31}));/g;

function characterOf(codePoint: number): string | undefined {
  const valid = codePoint > 0 && codePoint <= 0x10ffff && !(codePoint >= 0xd800 && codePoint <= 0xdfff);
  return valid ? String.fromCodePoint(codePoint) : undefined;
}

/** An accented letter as one character, or undefined when the name is no such entity. */
function accentedLetter(name: string): string | undefined {
  const mark = accents[name.slice(1)];
  if (mark === undefined) return undefined;
  const letter = `${name[0]}${mark}`.normalize('NFC');
  return letter.length === 1 ? letter : undefined;
}

/** Decodes numeric references, the common named ones and the accented letters; leaves others as written. */
function decodeEntities(text: string): string {
  return text.replace(entity, (written, decimal?: string, hex?: string, name?: string) => {
    const decoded =
      decimal !== undefined
        ? characterOf(Number.parseInt(decimal, 10))
        : hex !== undefined
          ? characterOf(Number.parseInt(hex, 16))
          : (namedEntities[name as string] ?? accentedLetter(name as string));
    return decoded ?? written;
  });
}

export function plainTextOfHtml(html: string): string {
  const marked = html
    .replace(comments, '')
    .replace(hiddenElements, '')
    // The source's own line breaks are white space in HTML; only the markup breaks lines.
    .replace(/\s+/g, ' ')
    .replace(lineBreak, '\n')
    .replace(paragraphEdges, '\n\n')
    .replace(lineEdges, '\n')
    .replace(cellEnd, ' ')
    .replace(anyTag, '');
  return decodeEntities(marked)
    .replace(/\u00a0/g, ' ')
    .split('\n')
    .map((line) => line.replace(/ {2,}/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
