/**
 * The page behind a newsletter's unsubscribe link (RFC 8058's companion for
 * people): a `GET` shows it with a confirm button, the button posts the same
 * one-click form a mail client posts, and the answer shows it done. Plain
 * HTML with no script, so it works in any browser; it names only the
 * tenant, never the recipient, and reads the same for an unknown link.
 */
export const pageLanguages = ['sv', 'sk', 'en'] as const;
export type PageLanguage = (typeof pageLanguages)[number];

export type PageState = 'confirm' | 'done' | 'invalid';

const words: Readonly<
  Record<PageLanguage, { title: string; confirm: string; button: string; done: string; invalid: string }>
> = {
  sv: {
    title: 'Avsluta nyhetsbrev',
    confirm: 'Vill du sluta få nyhetsbrev från {tenant}?',
    button: 'Ja, avsluta',
    done: 'Klart. Du får inga fler nyhetsbrev från {tenant}.',
    invalid: 'Länken gäller inte längre. Kontakta {tenant} om du vill avsluta nyhetsbrevet.',
  },
  sk: {
    title: 'Odhlásenie z newslettera',
    confirm: 'Chcete sa odhlásiť z newslettera spoločnosti {tenant}?',
    button: 'Áno, odhlásiť',
    done: 'Hotovo. Od spoločnosti {tenant} už nebudete dostávať newsletter.',
    invalid: 'Odkaz už neplatí. Ak sa chcete odhlásiť, kontaktujte spoločnosť {tenant}.',
  },
  en: {
    title: 'Unsubscribe',
    confirm: 'Do you want to stop receiving newsletters from {tenant}?',
    button: 'Yes, unsubscribe',
    done: 'Done. You will receive no more newsletters from {tenant}.',
    invalid: 'This link is no longer valid. Contact {tenant} to stop the newsletter.',
  },
};

const escapes: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const escaped = (text: string) => text.replace(/[&<>"']/g, (c) => escapes[c] ?? c);

/** The language of a tenant's country; English elsewhere. */
export const pageLanguageOf = (country: string): PageLanguage =>
  country === 'SE' ? 'sv' : country === 'SK' ? 'sk' : 'en';

/** The page in `language` for `state`; `tenantName` is the only name on it. */
export function unsubscribePage(language: PageLanguage, state: PageState, tenantName: string): string {
  const w = words[language];
  const say = (text: string) => escaped(text).replace('{tenant}', escaped(tenantName));
  const body =
    state === 'confirm'
      ? `<p>${say(w.confirm)}</p>
<form method="post">
<input type="hidden" name="List-Unsubscribe" value="One-Click">
<button type="submit">${say(w.button)}</button>
</form>`
      : `<p>${say(state === 'done' ? w.done : w.invalid)}</p>`;
  return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${say(w.title)}</title>
</head>
<body>
<h1>${say(w.title)}</h1>
${body}
</body>
</html>
`;
}
