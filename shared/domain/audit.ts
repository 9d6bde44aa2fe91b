import type { HistoryEntry, Subject } from './accounts/records';
import type { DomainEvent } from './events';

/**
 * What the history shows of an event, and where: in its subject's history
 * and, for a contact, also in its account's history.
 */
export function historyOf(event: DomainEvent): { entry: HistoryEntry; subjects: Subject[] } {
  const subject: Subject = { type: event.subject.type, id: event.subject.id };
  const subjects: Subject[] = [subject];
  if (event.subject.type !== 'account' && event.subject.accountId) {
    subjects.push({ type: 'account', id: event.subject.accountId });
  }
  return {
    entry: {
      eventId: event.id,
      type: event.type,
      occurredAt: event.occurredAt,
      actorId: event.actor.userId,
      subject,
      changes: event.changes ?? [],
    },
    subjects,
  };
}
