import type { OutgoingEmail } from '#domain/messaging/mailer';
import { plainTextOfHtml } from '#domain/service/html-text';
import type { Newsletter } from './newsletter';
import { unsubscribeHeaders } from './unsubscribe-headers';
import type { PageLanguage } from './unsubscribe-page';

const footer: Readonly<Record<PageLanguage, { leave: string; test: string }>> = {
  sv: { leave: 'Avsluta prenumerationen', test: 'TEST' },
  sk: { leave: 'Odhlásiť odber', test: 'TEST' },
  en: { leave: 'Unsubscribe', test: 'TEST' },
};

const escaped = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

export interface MailRecipient {
  readonly email: string;
  readonly contactId: string;
}

/** The tags SES carries to its delivery events: which tenant, newsletter and contact a bounce is about. */
export const newsletterTags = (tenantId: string, newsletterId: string, contactId: string) => ({
  tenant: tenantId,
  newsletter: newsletterId,
  contact: contactId,
});

/**
 * A newsletter as one recipient's mail: the sub-heading above the body, the
 * footer link to the unsubscribe page when the newsletter has one, a text
 * part beside HTML, and RFC 8058's two headers pointing at the same link. A
 * test mail says so in its subject and carries `test` in its tags.
 */
export function newsletterMail(
  newsletter: Newsletter,
  to: MailRecipient,
  unsubscribeUrl: string,
  options: { readonly test?: boolean; readonly tracked?: boolean } = {},
): OutgoingEmail {
  const words = footer[newsletter.language];
  const subject = options.test ? `[${words.test}] ${newsletter.subject}` : newsletter.subject;
  const heading = newsletter.subheading;
  const bodyText = newsletter.format === 'html' ? plainTextOfHtml(newsletter.body) : newsletter.body;
  const text = [
    ...(heading ? [heading, ''] : []),
    bodyText,
    ...(newsletter.unsubscribeLink ? ['', '--', `${words.leave}: ${unsubscribeUrl}`] : []),
  ].join('\n');
  const htmlBody =
    newsletter.format === 'html'
      ? newsletter.body
      : `<p>${escaped(newsletter.body).replace(/\n/g, '<br>')}</p>`;
  const html = [
    ...(heading ? [`<h2>${escaped(heading)}</h2>`] : []),
    htmlBody,
    ...(newsletter.unsubscribeLink
      ? [`<hr><p style="font-size:12px"><a href="${escaped(unsubscribeUrl)}">${escaped(words.leave)}</a></p>`]
      : []),
  ].join('\n');
  return {
    from: { name: newsletter.senderName, address: newsletter.senderAddress },
    to: to.email,
    subject,
    text,
    html,
    headers: unsubscribeHeaders(unsubscribeUrl),
    ...(options.tracked ? { tracked: true } : {}),
    // A test's bounce or complaint is the user's own mailbox: SES's reports of it change nothing.
    tags: options.test
      ? { tenant: newsletter.tenantId, test: 'true' }
      : newsletterTags(newsletter.tenantId, newsletter.id, to.contactId),
  };
}
