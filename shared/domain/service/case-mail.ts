import type { OutgoingEmail } from '#domain/messaging/mailer';
import { type Case, type CaseMessage, caseLabel } from './case';
import { replySubject } from './case-subject';
import { outboundMessageId, threadingHeaders } from './mail-threading';
import type { ServiceMailbox } from './service-settings';

/** The domain of our own Message-IDs: the mailbox's. */
export const mailDomainOf = (mailbox: ServiceMailbox) => mailbox.address.split('@')[1] ?? 'localhost';

/**
 * An agent's reply by e-mail: the case token in the subject, and
 * `In-Reply-To`/`References` naming the thread's mails, ours included (SES
 * replaces the Message-ID it is given, so ours travels in `References`, and
 * the customer's reply carries it back). `ownMessageId` is without brackets,
 * as the thread keeps ids.
 */
export function replyEmail(
  mailbox: ServiceMailbox,
  c: Case,
  thread: readonly CaseMessage[],
  reply: { readonly messageId: string; readonly to: string; readonly text: string },
): { email: OutgoingEmail; ownMessageId: string } {
  const own = outboundMessageId(c.id, reply.messageId, mailDomainOf(mailbox));
  const threading = threadingHeaders(
    thread.flatMap((m) => (m.mailMessageId ? [m.mailMessageId] : [])),
    own,
  );
  const lastInbound = [...thread].reverse().find((m) => m.kind === 'inbound' && m.subject);
  return {
    ownMessageId: own.slice(1, -1),
    email: {
      from: mailbox,
      to: reply.to,
      subject: replySubject(lastInbound?.subject ?? c.subject, c.number),
      text: reply.text,
      headers: [
        ...(threading.inReplyTo ? [{ name: 'In-Reply-To', value: threading.inReplyTo }] : []),
        { name: 'References', value: threading.references },
      ],
      tags: { tenant: c.tenantId, case: caseLabel(c.number) },
    },
  };
}
