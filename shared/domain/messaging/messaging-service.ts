import type { Contact } from '#domain/accounts/contact';
import type { ContactStore } from '#domain/accounts/stores';
import { ConflictError, NotFoundError, VersionMismatchError } from '#domain/errors';
import type { Actor, Created, IdempotencyToken, Page, PageRequest } from '#domain/ports';
import { changeContext, type ServiceDeps } from '#domain/service-context';
import type { ChangeContext } from '#domain/stamps';
import { DeliveryError } from './delivery-error';
import type { Mailer } from './mailer';
import {
  composeEmail,
  composeSms,
  type EmailDraft,
  type Message,
  newMessage,
  type SmsDraft,
} from './message';
import { newMessageEvent } from './message-events';
import type { SmsSender } from './sms-sender';
import type { MessageStore } from './stores';

/** Where a service reports what no caller can be told: a message sent but not recorded. */
export interface IncidentLog {
  error(message: string, details: Record<string, unknown>): void;
}

export interface MessagingDeps extends ServiceDeps {
  readonly contacts: ContactStore;
  readonly messages: MessageStore;
  readonly mailer: Mailer;
  readonly sms: SmsSender;
  readonly log: IncidentLog;
}

const unknownOutcome =
  'an earlier request with this Idempotency-Key is still sending, or its outcome is unknown; ' +
  "look at the contact's timeline, and send with a new key to send again";

/**
 * E-mail and SMS to a contact (R-CM-E1).
 *
 * Without an Idempotency-Key the message is sent first and recorded after:
 * a send the provider refuses leaves nothing behind, and a record is never
 * claimed for a message that did not go. With a key, a retry must never send
 * twice, so the order is:
 *
 * 1. one write: the message as `sending` and the idempotency record;
 *    a retry finds them and does not send (sent: replays the answer;
 *    sending: 409, since it may have gone);
 * 2. send;
 * 3. one write: the message as `sent` and its `EmailSent`/`SmsSent` event.
 *
 * When the provider answers that it did not take the message, the record
 * becomes `failed`, and a retry with the same key may send it again. When it
 * does not answer, the record stays `sending`: nothing may send it again
 * under that key. A message sent whose record then fails to be written is
 * logged; the caller is told it was sent, because it was.
 */
export class MessagingService {
  constructor(private readonly deps: MessagingDeps) {}

  private async contact(actor: Actor, contactId: string): Promise<Contact> {
    const contact = await this.deps.contacts.get(actor.tenantId, contactId);
    if (!contact || contact.deletedAt !== undefined) throw new NotFoundError('contact', contactId);
    return contact;
  }

  async sendEmail(
    actor: Actor,
    contactId: string,
    draft: EmailDraft,
    idempotency?: IdempotencyToken,
  ): Promise<Created<Message>> {
    const contact = await this.contact(actor, contactId);
    const ctx = await changeContext(this.deps, actor);
    const sender = ctx.tenant.emailSender;
    if (!sender)
      throw new ConflictError('missing-prerequisite', 'the tenant has no e-mail sender configured');
    const email = composeEmail(contact, draft);
    const message = newMessage(this.deps.ids.next(), ctx, contact, {
      channel: 'email',
      from: sender.address,
      to: email.to,
      subject: email.subject,
      excerpt: email.excerpt,
    });
    return this.deliver(ctx, message, 'EmailSent', idempotency, (m) =>
      this.deps.mailer.send({
        from: sender,
        to: email.to,
        subject: email.subject,
        ...(email.text !== undefined ? { text: email.text } : {}),
        ...(email.html !== undefined ? { html: email.html } : {}),
        ...(draft.attachments?.length ? { attachments: draft.attachments } : {}),
        tags: tagsOf(m),
      }),
    );
  }

  async sendSms(
    actor: Actor,
    contactId: string,
    draft: SmsDraft,
    idempotency?: IdempotencyToken,
  ): Promise<Created<Message>> {
    const contact = await this.contact(actor, contactId);
    const ctx = await changeContext(this.deps, actor);
    const sms = composeSms(contact, draft, ctx.tenant.country);
    const from = ctx.tenant.smsSender;
    const message = newMessage(this.deps.ids.next(), ctx, contact, {
      channel: 'sms',
      ...(from ? { from } : {}),
      to: sms.to,
      excerpt: sms.excerpt,
    });
    return this.deliver(ctx, message, 'SmsSent', idempotency, (m) =>
      this.deps.sms.send({ ...(from ? { from } : {}), to: sms.to, body: sms.body, tags: tagsOf(m) }),
    );
  }

  /** The messages of a contact, newest first, in every state. */
  async list(actor: Actor, contactId: string, page: PageRequest): Promise<Page<Message>> {
    await this.contact(actor, contactId);
    return this.deps.messages.list(actor.tenantId, contactId, page);
  }

  private async deliver(
    ctx: ChangeContext,
    draft: Message,
    eventType: 'EmailSent' | 'SmsSent',
    idempotency: IdempotencyToken | undefined,
    send: (message: Message) => Promise<{ messageId: string }>,
  ): Promise<Created<Message>> {
    let message = draft;
    if (idempotency) {
      const claim = await this.deps.messages.claim(draft, idempotency);
      if (!claim.claimed) {
        const { earlier } = claim;
        if (earlier.state === 'sent') return { value: earlier, replayed: true };
        if (earlier.state === 'sending') {
          throw new ConflictError('send-outcome-unknown', unknownOutcome, [
            { name: 'Idempotency-Key', reason: unknownOutcome },
          ]);
        }
        // The provider did not take it the first time: this retry may send it.
        message = {
          ...draft,
          id: earlier.id,
          createdAt: earlier.createdAt,
          version: earlier.version + 1,
        };
        await this.transition(earlier, message);
      }
    }

    let providerMessageId: string;
    try {
      ({ messageId: providerMessageId } = await send(message));
    } catch (error) {
      if (idempotency && error instanceof DeliveryError && error.notSent) {
        await this.markFailed(message, error);
      }
      throw error;
    }

    const now = this.deps.clock.now();
    const at = now.toISOString();
    const sent: Message = {
      ...message,
      state: 'sent',
      providerMessageId,
      sentAt: at,
      updatedAt: at,
      version: idempotency ? message.version + 1 : message.version,
    };
    const subject = {
      type: 'contact' as const,
      id: sent.contactId,
      ...(sent.accountId ? { accountId: sent.accountId } : {}),
    };
    const event = newMessageEvent(this.deps, { ...ctx, now }, eventType, {
      subject,
      data: { message: sent },
    });
    try {
      if (idempotency) await this.deps.messages.update(message, sent, event);
      else await this.deps.messages.recordSent(sent, event);
    } catch (error) {
      this.deps.log.error('message sent but not recorded', { message: sent, event, error });
    }
    return { value: sent, replayed: false };
  }

  /** A concurrent retry got there first: it is the one sending. */
  private async transition(previous: Message, next: Message): Promise<void> {
    try {
      await this.deps.messages.update(previous, next);
    } catch (error) {
      if (error instanceof VersionMismatchError) {
        throw new ConflictError('send-outcome-unknown', unknownOutcome, [
          { name: 'Idempotency-Key', reason: unknownOutcome },
        ]);
      }
      throw error;
    }
  }

  private async markFailed(message: Message, error: DeliveryError): Promise<void> {
    const failed: Message = {
      ...message,
      state: 'failed',
      failure: error.message,
      updatedAt: this.deps.clock.now().toISOString(),
      version: message.version + 1,
    };
    try {
      await this.deps.messages.update(message, failed);
    } catch (writeError) {
      // It stays `sending`: a retry with the key is refused, which is safe.
      this.deps.log.error('failed message not marked failed', { message: failed, error: writeError });
    }
  }
}

/** Carried to the provider's delivery events; values are ids, which every provider accepts. */
const tagsOf = (message: Message): Record<string, string> => ({
  tenant: message.tenantId,
  contact: message.contactId,
  message: message.id,
});
