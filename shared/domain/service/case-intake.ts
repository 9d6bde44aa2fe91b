import { createHash } from 'node:crypto';
import { ConflictError, ValidationError } from '#domain/errors';
import { normaliseEmail } from '#domain/identifiers/email';
import type { Admission } from '#domain/rate-limits/tenant-rate-limiter';
import type { ServiceDeps } from '#domain/service-context';
import type { ChangeContext } from '#domain/stamps';
import type { ObjectStore } from '#domain/storage/object-store';
import { channelText, clipText } from '#domain/user-text';
import { type Case, type CaseMessage, isOpen, type MessageAttachment, pausingStatus } from './case';
import { commitCaseChange } from './case-changes';
import { newCaseEvent } from './case-events';
import { mailDomainOf } from './case-mail';
import { type CaseDraft, type CaseOpeningDeps, caseSubject, checkCaseType, openCase } from './case-opening';
import { withStatus } from './case-status';
import type { StoredServiceSettings } from './case-store';
import { caseTokenOf } from './case-subject';
import type { ChannelRoutes, RejectedMailStore } from './channel-routes';
import {
  type InboundMail,
  type MailParser,
  MalformedMailError,
  malformedRejection,
  rejectionOf,
} from './inbound-mail';
import { caseIdOfReference } from './mail-threading';
import type { SocialMessage } from './social-message';
import { spamVerdict, type WebFormSubmission } from './web-form';

export interface CaseIntakeDeps extends CaseOpeningDeps, ServiceDeps {
  readonly routes: ChannelRoutes;
  /** Meters each web form's submissions (its own bucket per tenant and form). */
  readonly formAdmission: { admit(tenantId: string, formKey: string): Promise<Admission> };
  readonly rejected: RejectedMailStore;
  readonly parser: MailParser;
  readonly objects: Pick<ObjectStore, 'write'>;
}

/** Who the channels act as in histories and events. */
const channelUser = { mail: 'system:inbound-mail', web: 'system:web-form', social: 'system:social' } as const;

/** How much of a message becomes a new case's description. */
const descriptionMax = 5000;
/**
 * How much of a mail's text a message keeps: an item stays far inside DynamoDB's
 * 400 KB and the event inside EventBridge's 256 KB; the whole mail stays in the bucket.
 */
const messageTextMax = 20_000;
/** The longest subject a case takes (as the API's `subject`). */
const subjectMax = 200;
/** What a message keeps of a header's text (a subject, a file name): a line of a mail at most. */
const headerTextMax = 998;
/** The files of one mail a case keeps; a mail with more stays whole in the bucket. */
const attachmentsMax = 50;

export type IntakeOutcome =
  | { readonly outcome: 'opened'; readonly caseId: string; readonly number: number }
  | { readonly outcome: 'threaded'; readonly caseId: string; readonly number: number }
  | { readonly outcome: 'duplicate' }
  | { readonly outcome: 'limited'; readonly retryAfterSeconds: number }
  | { readonly outcome: 'rejected'; readonly reason: string };

/**
 * The inbound channels (R-CS-1): e-mail, the public web form and social
 * messages. Each either threads into the case it belongs to or opens one;
 * each is idempotent on the channel's own message id, so a redelivery
 * changes nothing.
 */
export class CaseIntake {
  constructor(private readonly deps: CaseIntakeDeps) {}

  /**
   * One raw RFC 5322 message as the mail receipt stored it under `key`.
   * Malformed, huge or dangerous mail is kept as a rejected message with
   * the reason; it never throws for what the sender sent.
   */
  async mail(key: string, raw: Uint8Array): Promise<IntakeOutcome> {
    const tooLarge = rejectionOf(raw.byteLength);
    if (tooLarge) return this.reject(undefined, key, tooLarge.reason, tooLarge.detail);
    let mail: InboundMail;
    try {
      mail = await this.deps.parser.parse(raw);
    } catch (error) {
      if (!(error instanceof MalformedMailError)) throw error;
      const malformed = malformedRejection(error);
      return this.reject(undefined, key, malformed.reason, malformed.detail);
    }
    const tenantId = await this.tenantOfRecipients(mail.to);
    if (!tenantId)
      return this.reject(
        undefined,
        key,
        'unknown-recipient',
        `no tenant receives mail for ${mail.to.join(', ') || 'these recipients'}`,
        mail,
      );
    const rejection = rejectionOf(raw.byteLength, mail);
    if (rejection) return this.reject(tenantId, key, rejection.reason, rejection.detail, mail);
    const from = mail.from as NonNullable<InboundMail['from']>;
    // What the sender wrote, as text the API can store and hand back (no schema stood in front of it).
    const subject = clipText(channelText(mail.subject, 'line'), headerTextMax);
    const text = channelText(mail.text, 'multiline');
    const fromName = from.name ? clipText(channelText(from.name, 'line'), subjectMax) : '';
    const mailId = mail.messageId ?? `s3.${key}`;
    if (await this.deps.cases.byMailId(tenantId, mailId)) return { outcome: 'duplicate' };

    const ctx = await this.context(tenantId, channelUser.mail);
    const settings = await this.deps.settings.ofTenant(tenantId);
    const existing = await this.threadOf(
      tenantId,
      mail,
      settings.mailbox ? mailDomainOf(settings.mailbox) : undefined,
    );
    const messageId = this.deps.ids.next();
    const attachments = (c: { id: string }) => this.storeAttachments(tenantId, c.id, messageId, mail);
    const message = (caseId: string, stored: readonly MessageAttachment[]): CaseMessage => ({
      id: messageId,
      tenantId,
      caseId,
      kind: 'inbound',
      channel: 'email',
      at: ctx.now.toISOString(),
      from: from.address,
      ...(fromName ? { fromName } : {}),
      subject,
      text: text.length > messageTextMax ? `${clipText(text, messageTextMax)}…` : text,
      rawMailKey: key,
      mailMessageId: mailId,
      ...(mail.autoReply ? { automatic: true } : {}),
      attachments: stored,
    });
    if (existing) {
      const stored = await attachments(existing);
      return this.thread(ctx, existing, message(existing.id, stored), {
        mailIds: [mailId],
        automatic: mail.autoReply,
        settings,
      });
    }
    if (mail.autoReply)
      return this.reject(tenantId, key, 'automatic', 'an automatic reply to no open case', mail);
    const contact = await this.soleContact(tenantId, from.address);
    const caseId = this.deps.ids.next();
    const stored = await attachments({ id: caseId });
    const draft: CaseDraft = {
      subject: clipText(subject, subjectMax) || '(no subject)',
      description: clipText(text, descriptionMax),
      channel: 'email',
      ...(contact
        ? { contactId: contact.id }
        : { requester: { email: from.address, ...(fromName ? { name: fromName } : {}) } }),
    };
    return this.open(
      ctx,
      draft,
      { message: message(caseId, stored), mailIds: [mailId] },
      caseId,
      `mail:${mailId}`,
      settings,
    );
  }

  /**
   * A submission of a tenant's public web form. Spam is accepted and
   * dropped (a bot learns nothing); a sender known by e-mail is the case's
   * contact.
   */
  async webForm(
    formKey: string,
    submission: WebFormSubmission,
    submissionId: string,
  ): Promise<IntakeOutcome | undefined> {
    const tenantId = await this.deps.routes.tenantOfForm(formKey);
    if (!tenantId) return undefined;
    const admission = await this.deps.formAdmission.admit(tenantId, formKey);
    if (!admission.admitted) return { outcome: 'limited', retryAfterSeconds: admission.retryAfterSeconds };
    const ctx = await this.context(tenantId, channelUser.web);
    const spam = spamVerdict(submission, ctx.now);
    if (spam.spam) return { outcome: 'rejected', reason: spam.reason };
    // The form's own field, as the form's 400: opening the case would name `type` in a 422.
    const unknownType = checkCaseType(
      await this.deps.settings.ofTenant(tenantId),
      submission.caseType,
      'caseType',
    );
    if (unknownType.length > 0) throw new ValidationError(unknownType);
    const email = normaliseEmail(submission.email);
    const address = email.ok ? email.value : submission.email.trim().toLowerCase();
    const contact = await this.soleContact(tenantId, address);
    const caseId = this.deps.ids.next();
    const draft: CaseDraft = {
      subject: submission.subject,
      description: submission.message,
      channel: 'web',
      ...(submission.caseType ? { type: submission.caseType } : {}),
      ...(contact
        ? { contactId: contact.id }
        : {
            requester: {
              name: submission.name,
              email: address,
              ...(submission.phone ? { phone: submission.phone } : {}),
            },
          }),
    };
    const message: CaseMessage = {
      id: this.deps.ids.next(),
      tenantId,
      caseId,
      kind: 'inbound',
      channel: 'web',
      at: ctx.now.toISOString(),
      from: address,
      fromName: submission.name,
      subject: submission.subject,
      text: submission.message,
      attachments: [],
    };
    return this.open(ctx, draft, { message }, caseId, `web:${formKey}:${submissionId}`);
  }

  /** Messages of a social webhook: each a reply in its conversation's open case, or a new case. */
  async social(messages: readonly SocialMessage[]): Promise<IntakeOutcome[]> {
    const outcomes: IntakeOutcome[] = [];
    for (const m of messages) {
      const tenantId = await this.deps.routes.tenantOfPage(m.platform, m.pageId);
      if (!tenantId) {
        outcomes.push({ outcome: 'rejected', reason: 'unknown-page' });
        continue;
      }
      const ref = `social:${m.messageId}`;
      if (await this.deps.cases.byMailId(tenantId, ref)) {
        outcomes.push({ outcome: 'duplicate' });
        continue;
      }
      const ctx = await this.context(tenantId, channelUser.social);
      const open = await this.openCaseOf(
        tenantId,
        await this.deps.cases.byConversation(tenantId, m.conversationKey),
      );
      const messageId = this.deps.ids.next();
      const written = channelText(m.text, 'multiline');
      const text = [written, ...m.attachmentUrls.map((url) => channelText(url, 'line'))]
        .filter(Boolean)
        .join('\n');
      const senderId = channelText(m.senderId, 'line');
      const message = (caseId: string): CaseMessage => ({
        id: messageId,
        tenantId,
        caseId,
        kind: 'inbound',
        channel: 'social',
        at: ctx.now.toISOString(),
        from: senderId,
        text,
        providerMessageId: m.messageId,
        attachments: [],
      });
      if (open) {
        outcomes.push(await this.thread(ctx, open, message(open.id), { mailIds: [ref], automatic: false }));
        continue;
      }
      const caseId = this.deps.ids.next();
      const subject =
        clipText(channelText(written.split('\n')[0] ?? '', 'line'), 120) || `${m.platform} message`;
      outcomes.push(
        await this.open(
          ctx,
          {
            subject,
            description: clipText(text, descriptionMax),
            channel: 'social',
            requester: { name: `${m.platform} ${senderId}` },
          },
          { message: message(caseId), conversationKey: m.conversationKey, mailIds: [ref] },
          caseId,
          ref,
        ),
      );
    }
    return outcomes;
  }

  private async open(
    ctx: ChangeContext,
    draft: CaseDraft,
    source: { message: CaseMessage; conversationKey?: string; mailIds?: readonly string[] },
    caseId: string,
    idempotencyKey: string,
    settings?: StoredServiceSettings,
  ): Promise<IntakeOutcome> {
    const { id: _id, tenantId: _t, caseId: _c, ...message } = source.message;
    const created = await openCase(
      {
        ...this.deps,
        ids: { next: idOnce(caseId, this.deps.ids) },
        // The settings this delivery already read: one GetItem less per message.
        ...(settings ? { settings: { ofTenant: async () => settings } } : {}),
      },
      ctx,
      draft,
      { ...source, message },
      // Hashed: a Message-ID or a form's key may be longer than a key can be.
      { operationId: 'receiveCase', key: hashed(idempotencyKey), requestHash: hashed(idempotencyKey) },
    );
    return {
      outcome: created.replayed ? 'duplicate' : 'opened',
      caseId: created.value.id,
      number: created.value.number,
    };
  }

  /**
   * Adds an inbound message to its case. The customer answering moves a
   * waiting case back to open (its clocks run again) and reopens a resolved
   * or closed one; an automatic mail changes neither.
   */
  private async thread(
    ctx: ChangeContext,
    current: Case,
    message: CaseMessage,
    options: { mailIds: readonly string[]; automatic: boolean; settings?: StoredServiceSettings },
  ): Promise<IntakeOutcome> {
    const settings = options.settings ?? (await this.deps.settings.ofTenant(current.tenantId));
    const wakes = !options.automatic && (current.status === pausingStatus || !isOpen(current.status));
    const moved = wakes ? withStatus(settings, current, 'open', ctx.now) : current;
    const next: Case = {
      ...moved,
      version: current.version + 1,
      updatedAt: ctx.now.toISOString(),
      updatedBy: ctx.userId,
      messageCount: current.messageCount + 1,
      lastMessageAt: message.at,
    };
    const event = newCaseEvent(this.deps, ctx, 'CaseMessageAdded', {
      subject: caseSubject(next),
      ...(wakes ? { changes: [{ field: 'status', from: current.status, to: next.status }] } : {}),
      data: { case: next, message },
    });
    try {
      await commitCaseChange(this.deps, current, next, event, { message, mailIds: options.mailIds });
    } catch (error) {
      // Another delivery of the same message threaded it first.
      if (error instanceof ConflictError && error.code === 'already-exists') return { outcome: 'duplicate' };
      throw error;
    }
    return { outcome: 'threaded', caseId: current.id, number: current.number };
  }

  /** The case a mail answers: the token in its subject first, then the mails it refers to. */
  private async threadOf(
    tenantId: string,
    mail: InboundMail,
    domain: string | undefined,
  ): Promise<Case | undefined> {
    const number = caseTokenOf(mail.subject);
    if (number !== undefined) {
      const found = await this.deps.cases.get(
        tenantId,
        (await this.deps.cases.byNumber(tenantId, number)) ?? '-',
      );
      if (found) return found;
    }
    const refs = [...(mail.inReplyTo ? [mail.inReplyTo] : []), ...[...mail.references].reverse()].slice(
      0,
      10,
    );
    for (const ref of refs) {
      const caseId =
        (domain ? caseIdOfReference(ref, domain) : undefined) ??
        (await this.deps.cases.byMailId(tenantId, ref));
      const found = caseId ? await this.deps.cases.get(tenantId, caseId) : undefined;
      if (found) return found;
    }
    return undefined;
  }

  private async openCaseOf(tenantId: string, caseId: string | undefined) {
    const found = caseId ? await this.deps.cases.get(tenantId, caseId) : undefined;
    return found && isOpen(found.status) ? found : undefined;
  }

  private async tenantOfRecipients(addresses: readonly string[]) {
    for (const address of addresses) {
      const tenantId = await this.deps.routes.tenantOfMailbox(address);
      if (tenantId) return tenantId;
    }
    return undefined;
  }

  /** The one live contact with the address; none, or several, leaves the sender a requester. */
  private async soleContact(tenantId: string, address: string) {
    const found = await this.deps.parties.contactsByEmail(tenantId, address);
    return found.length === 1 ? found[0] : undefined;
  }

  private async storeAttachments(tenantId: string, caseId: string, messageId: string, mail: InboundMail) {
    return Promise.all(
      mail.attachments.slice(0, attachmentsMax).map(async (a, i): Promise<MessageAttachment> => {
        const attachmentId = `${messageId}-${i + 1}`;
        await this.deps.objects.write(
          caseFileKey(tenantId, caseId, attachmentId),
          Buffer.from(a.content),
          a.contentType,
        );
        return {
          attachmentId,
          fileName: clipText(channelText(a.filename, 'line'), 255),
          contentType: a.contentType,
          size: a.size,
        };
      }),
    );
  }

  private async reject(
    tenantId: string | undefined,
    key: string,
    reason: string,
    detail: string,
    mail?: InboundMail,
  ): Promise<IntakeOutcome> {
    await this.deps.rejected.add({
      id: this.deps.ids.next(),
      ...(tenantId ? { tenantId } : {}),
      objectKey: key,
      reason,
      detail: clipText(channelText(detail, 'line'), headerTextMax),
      ...(mail?.from ? { from: clipText(mail.from.address, 254) } : {}),
      ...(mail ? { subject: clipText(channelText(mail.subject, 'line'), headerTextMax) } : {}),
      at: this.deps.clock.now().toISOString(),
    });
    return { outcome: 'rejected', reason };
  }

  private async context(tenantId: string, userId: string): Promise<ChangeContext> {
    return { tenant: await this.deps.tenants.profile(tenantId), userId, now: this.deps.clock.now() };
  }
}

/** Where a case's stored files live in the files bucket. */
export const caseFileKey = (tenantId: string, caseId: string, attachmentId: string) =>
  `cases/${tenantId}/${caseId}/${attachmentId}`;

/** An id generator whose first id is one already chosen (the case id the attachments were stored under). */
function idOnce(first: string, ids: { next(): string }) {
  let used = false;
  return () => {
    if (used) return ids.next();
    used = true;
    return first;
  };
}

const hashed = (key: string) => createHash('sha256').update(key).digest('base64url');
