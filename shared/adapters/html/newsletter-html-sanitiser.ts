import sanitizeHtml from 'sanitize-html';
import type { HtmlSanitiser } from '#domain/newsletters/newsletter-body';

/**
 * What a newsletter's HTML may keep (R-NL-1): text formatting, headings,
 * lists, tables, links and images, nothing that runs or submits. Scripts,
 * styles, forms, frames, event handlers and inline styles go; links keep
 * only web and mail addresses, images only https ones (a mail client
 * fetching over http warns the reader).
 */
const allowed: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'hr',
    'div',
    'span',
    'h1',
    'h2',
    'h3',
    'h4',
    'strong',
    'b',
    'em',
    'i',
    'u',
    's',
    'blockquote',
    'ul',
    'ol',
    'li',
    'a',
    'img',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
  ],
  allowedAttributes: {
    a: ['href', 'title'],
    img: ['src', 'alt', 'width', 'height'],
    td: ['colspan', 'rowspan', 'align'],
    th: ['colspan', 'rowspan', 'align'],
  },
  allowedSchemes: ['https', 'http', 'mailto'],
  allowedSchemesByTag: { img: ['https'] },
  allowProtocolRelative: false,
  // The content of what is dropped is dropped too, not shown as text.
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'title', 'head'],
  disallowedTagsMode: 'discard',
};

/** The newsletter HTML policy over sanitize-html. */
export const newsletterHtmlSanitiser: HtmlSanitiser = {
  sanitise: (html) => ({
    kept: sanitizeHtml(html, allowed),
    // Everything kept, only serialised as the kept HTML is (`<img>` becomes `<img />` in both).
    written: sanitizeHtml(html, { allowedTags: false, allowedAttributes: false, allowVulnerableTags: true }),
  }),
};
