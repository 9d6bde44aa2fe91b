import { plainTextOfHtml } from '#domain/service/html-text';

/**
 * Makes a newsletter's HTML safe to send (R-NL-1): keeps text formatting,
 * headings, lists, tables, links and images, and removes what runs or
 * submits. `written` is the HTML as given, serialised the same way, so the
 * two compare.
 */
export interface HtmlSanitiser {
  sanitise(html: string): { readonly kept: string; readonly written: string };
}

export interface NewsletterBody {
  readonly html: string;
  /** The text part mail clients without HTML show, made from the kept HTML. */
  readonly text: string;
  /** Whether anything of the HTML as written was removed. */
  readonly changed: boolean;
}

/** The HTML as it will be sent, and its text part. */
export function newsletterBody(html: string, sanitiser: HtmlSanitiser): NewsletterBody {
  const { kept, written } = sanitiser.sanitise(html);
  return { html: kept, text: plainTextOfHtml(kept), changed: kept !== written };
}
