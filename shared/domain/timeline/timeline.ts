import type { HistoryEntry, Subject } from '#domain/accounts/records';

export const timelineKinds = [
  'note',
  'email',
  'sms',
  'attachment',
  'activity',
  'task',
  'change',
  'created',
  'deleted',
] as const;
export type TimelineKind = (typeof timelineKinds)[number];

/** One line of an account's or contact's timeline. */
export interface TimelineEntry {
  readonly at: string;
  readonly kind: TimelineKind;
  /** `E-mail sent`, `Contact updated`: the event's type in words. */
  readonly title: string;
  /** A note's start, an e-mail's subject, a file's name; the changed fields of a change. */
  readonly summary?: string;
  readonly actorId: string;
  /** What it happened to: the account itself, or one of its contacts. */
  readonly subject: Subject;
  readonly eventId: string;
}

/** The kind by the event type's noun first (an attachment removed is an attachment), then by its verb. */
function kindOf(type: string): TimelineKind {
  if (type.startsWith('Note')) return 'note';
  if (type.startsWith('Email')) return 'email';
  if (type.startsWith('Sms')) return 'sms';
  if (type.startsWith('Attachment')) return 'attachment';
  if (type.includes('Task')) return 'task';
  if (type.includes('Activit')) return 'activity';
  if (type.endsWith('Created')) return 'created';
  if (type.endsWith('Deleted')) return 'deleted';
  return 'change';
}

const spelled: Readonly<Record<string, string>> = { Email: 'E-mail', Sms: 'SMS' };

/** `EmailSent` → `E-mail sent`, `ContactUpdated` → `Contact updated`. */
export function titleOf(type: string): string {
  const words = type.split(/(?=[A-Z][a-z])/).filter(Boolean);
  return words.map((word, index) => spelled[word] ?? (index === 0 ? word : word.toLowerCase())).join(' ');
}

/**
 * A history entry as the timeline shows it. Every note, message, attachment,
 * activity and change is a domain event, and the audit trail keeps each in
 * its subject's history (and a contact's also in its account's), so the
 * timeline is the history, read newest first, in the user's words.
 */
export function timelineEntryOf(entry: HistoryEntry): TimelineEntry {
  const summary =
    entry.summary ??
    (entry.changes.length > 0 ? `Changed ${entry.changes.map((c) => c.field).join(', ')}` : undefined);
  return {
    at: entry.occurredAt,
    kind: kindOf(entry.type),
    title: titleOf(entry.type),
    ...(summary !== undefined ? { summary } : {}),
    actorId: entry.actorId,
    subject: { type: entry.subject.type, id: entry.subject.id },
    eventId: entry.eventId,
  };
}
