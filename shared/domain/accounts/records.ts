import type { DomainEvent, FieldChange, SubjectType } from '#domain/events';
import type { Created, IdempotencyToken, Page, PageRequest } from '#domain/ports';
import type { Account } from './account';
import type { Contact } from './contact';

export interface Subject {
  readonly type: SubjectType;
  readonly id: string;
}

/** A dated, authored note on an account or contact (R-AC-3). */
export interface Note {
  readonly id: string;
  readonly subject: Subject;
  readonly text: string;
  readonly authorId: string;
  readonly createdAt: string;
}

/** One recorded change: who did what and when. */
export interface HistoryEntry {
  readonly eventId: string;
  readonly type: string;
  readonly occurredAt: string;
  readonly actorId: string;
  readonly subject: Subject;
  readonly changes: readonly FieldChange[];
  /** One line on what happened (a note's start, an e-mail's subject, a file's name), for the timeline. */
  readonly summary?: string;
}

export interface NoteStore {
  add(
    tenantId: string,
    note: Note,
    event: DomainEvent,
    idempotency?: IdempotencyToken,
  ): Promise<Created<Note>>;
  list(tenantId: string, subject: Subject, page: PageRequest): Promise<Page<Note>>;
}

export interface HistoryStore {
  /** Records an entry in each subject's history; a second delivery of the same event changes nothing. */
  record(tenantId: string, entry: HistoryEntry, subjects: readonly Subject[]): Promise<void>;
  list(tenantId: string, subject: Subject, page: PageRequest): Promise<Page<HistoryEntry>>;
}

export type IdentifyBy = 'phone' | 'email' | 'customerId';

/** An open customer-service case as the screen pop and the account view list it. */
export interface OpenCaseSummary {
  readonly id: string;
  readonly number: number;
  readonly subject: string;
  readonly status: string;
  readonly priority: string;
  readonly dueAt?: string;
  readonly ownerId?: string;
  readonly teamId?: string;
}

export interface Identification {
  /** Matching contacts with their account, when they have one, and the open cases of each. */
  readonly contacts: readonly {
    readonly contact: Contact;
    readonly account?: Account;
    readonly openCases: readonly OpenCaseSummary[];
    readonly accountOpenCases: readonly OpenCaseSummary[];
  }[];
  /** Accounts matched directly, through the account's own phone series or e-mail. */
  readonly accounts: readonly Account[];
}

export interface IdentificationStore {
  identify(tenantId: string, by: IdentifyBy, value: string): Promise<Identification>;
}
