import type { HistoryEntry, Subject } from '#domain/accounts/records';
import type { DomainEvent } from './events';

/** The longest summary a history entry keeps, in characters. */
export const summaryMaxChars = 140;

function clip(text: string): string | undefined {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (!flat) return undefined;
  const chars = [...flat];
  return chars.length <= summaryMaxChars
    ? flat
    : `${chars
        .slice(0, summaryMaxChars - 1)
        .join('')
        .trimEnd()}…`;
}

const isRecord = (value: unknown): value is Readonly<Record<string, unknown>> =>
  typeof value === 'object' && value !== null;

/** `data.a.b` when it is a string. */
function textAt(data: unknown, ...path: string[]): string | undefined {
  let value: unknown = data;
  for (const name of path) {
    if (!isRecord(value)) return undefined;
    value = value[name];
  }
  return typeof value === 'string' ? value : undefined;
}

/**
 * One line on what the event was about, from its data: an explicit
 * `data.summary` when an event states one; else a note's text, an e-mail's
 * subject or an SMS's excerpt, an attachment's file name, an activity's or a
 * task's title, or the name of a created account or contact. Clipped to
 * {@link summaryMaxChars}. Changes need none: the entry lists them.
 */
export function summaryOf(event: DomainEvent): string | undefined {
  const { data } = event;
  const created = event.type.endsWith('Created');
  const contactName = [textAt(data, 'contact', 'firstName'), textAt(data, 'contact', 'lastName')]
    .filter(Boolean)
    .join(' ');
  const text =
    textAt(data, 'summary') ??
    textAt(data, 'note', 'text') ??
    textAt(data, 'message', 'subject') ??
    textAt(data, 'message', 'excerpt') ??
    textAt(data, 'attachment', 'fileName') ??
    textAt(data, 'fileName') ??
    textAt(data, 'activity', 'title') ??
    textAt(data, 'task', 'title') ??
    (created ? (textAt(data, 'account', 'name') ?? (contactName || undefined)) : undefined);
  return text === undefined ? undefined : clip(text);
}

/**
 * What the history shows of an event, and where: in its subject's history
 * and, for a contact, also in its account's history; a contact moved from
 * one account to another shows in both accounts' histories.
 */
const membersOnly = new Set<string>(['deal', 'offer', 'contract', 'commission', 'case', 'workOrder']);

export function historyOf(event: DomainEvent): { entry: HistoryEntry; subjects: Subject[] } {
  const subject: Subject = { type: event.subject.type, id: event.subject.id };
  const subjects: Subject[] = [subject];
  // Deals, offers, contracts (commissions) and cases are for their members' eyes: their history stays in their own partition.
  if (event.subject.type !== 'account' && !membersOnly.has(event.subject.type)) {
    const { accountId, previousAccountId } = event.subject;
    if (accountId) subjects.push({ type: 'account', id: accountId });
    if (previousAccountId && previousAccountId !== accountId) {
      subjects.push({ type: 'account', id: previousAccountId });
    }
  }
  // A work order's events are part of its case's story.
  if (event.subject.caseId) subjects.push({ type: 'case', id: event.subject.caseId });
  const summary = summaryOf(event);
  return {
    entry: {
      eventId: event.id,
      type: event.type,
      occurredAt: event.occurredAt,
      actorId: event.actor.userId,
      subject,
      changes: event.changes ?? [],
      ...(summary !== undefined ? { summary } : {}),
    },
    subjects,
  };
}
