import { MergedError, NotFoundError, ValidationError } from '#domain/errors';
import { normaliseEmail } from '#domain/identifiers/email';
import { normalisePhone } from '#domain/identifiers/phone';
import type { Actor, Created, IdempotencyToken, Page, PageRequest } from '#domain/ports';
import { changeContext, type ServiceDeps } from '#domain/service-context';
import { newAccountEvent } from './account-events';
import type {
  HistoryEntry,
  HistoryStore,
  Identification,
  IdentificationStore,
  IdentifyBy,
  Note,
  NoteStore,
  Subject,
} from './records';
import type { AccountStore, ContactStore } from './stores';

/** What notes are written on. */
export interface NoteSubject extends Subject {
  readonly type: 'account' | 'contact';
}

/** Notes, history and caller identification: the reads and writes around a subject. */
export class SubjectService {
  constructor(
    private readonly deps: ServiceDeps & {
      readonly accounts: AccountStore;
      readonly contacts: ContactStore;
      readonly notes: NoteStore;
      readonly history: HistoryStore;
      readonly identification: IdentificationStore;
    },
  ) {}

  /**
   * The subject's account: its own id for an account, a contact's account if
   * it has one; or 404. A merged contact's notes and history stay readable
   * under its id (ADR 0032); writing to it is a 409 naming its survivor.
   */
  private async assertExists(
    actor: Actor,
    subject: Subject,
    use: 'read' | 'write' = 'read',
  ): Promise<string | undefined> {
    if (subject.type === 'account') {
      const account = await this.deps.accounts.get(actor.tenantId, subject.id);
      if (!account || account.deletedAt !== undefined) throw new NotFoundError(subject.type, subject.id);
      return account.id;
    }
    const contact = await this.deps.contacts.get(actor.tenantId, subject.id);
    if (contact?.mergedInto && use === 'write')
      throw new MergedError('contact', contact.id, contact.mergedInto);
    if (!contact || (contact.deletedAt !== undefined && !contact.mergedInto)) {
      throw new NotFoundError(subject.type, subject.id);
    }
    return contact.accountId;
  }

  async addNote(
    actor: Actor,
    subject: NoteSubject,
    text: string,
    idempotency?: IdempotencyToken,
  ): Promise<Created<Note>> {
    const accountId = await this.assertExists(actor, subject, 'write');
    const trimmed = text.trim();
    if (trimmed.length === 0) throw new ValidationError([{ name: 'text', reason: 'must not be blank' }]);
    const ctx = await changeContext(this.deps, actor);
    const note: Note = {
      id: this.deps.ids.next(),
      subject,
      text: trimmed,
      authorId: actor.userId,
      createdAt: ctx.now.toISOString(),
    };
    const event = newAccountEvent(this.deps, ctx, 'NoteAdded', {
      subject: accountId ? { ...subject, accountId } : subject,
      data: { note },
    });
    return this.deps.notes.add(actor.tenantId, note, event, idempotency);
  }

  async notes(actor: Actor, subject: Subject, page: PageRequest): Promise<Page<Note>> {
    await this.assertExists(actor, subject);
    return this.deps.notes.list(actor.tenantId, subject, page);
  }

  async history(actor: Actor, subject: Subject, page: PageRequest): Promise<Page<HistoryEntry>> {
    await this.assertExists(actor, subject);
    return this.deps.history.list(actor.tenantId, subject, page);
  }

  /**
   * Caller identification (R-AC-5): any common written form of the value.
   * No match is a 404, so a telephony integration can tell "unknown caller"
   * from a hit without reading the body.
   */
  async identify(actor: Actor, by: IdentifyBy, raw: string): Promise<Identification> {
    const value = await this.normalise(actor, by, raw);
    const found = value ? await this.deps.identification.identify(actor.tenantId, by, value) : undefined;
    if (!found || (found.contacts.length === 0 && found.accounts.length === 0)) {
      throw new NotFoundError('contact or account with', `${by} ${value ?? raw.trim()}`);
    }
    return found;
  }

  /** The stored form of the value, or undefined when nothing stored can have it. */
  private async normalise(actor: Actor, by: IdentifyBy, raw: string): Promise<string | undefined> {
    if (by === 'customerId') return raw.trim();
    if (by === 'email') {
      const email = normaliseEmail(raw);
      if (!email.ok) throw new ValidationError([{ name: 'email', reason: email.reason }]);
      return email.value;
    }
    // Only a national number needs the tenant's country; international ones are read as written.
    // The token's country spares a cold container the profile read (ADR 0026).
    const international = /^\s*(\+|00)/.test(raw);
    const country = international
      ? 'SE'
      : (actor.tenantCountry ?? (await this.deps.tenants.profile(actor.tenantId)).country);
    const phone = normalisePhone(raw, country);
    // Every stored number is valid, so a number invalid here matches nobody.
    return phone.ok ? phone.e164 : undefined;
  }
}
