import type { HistoryEntry, Subject } from './accounts/records';
import type { DomainEvent } from './events';

/**
 * What the history shows of an event, and where: in its subject's history
 * and, for a contact, also in its account's history; a contact moved from
 * one account to another shows in both accounts' histories.
 */
export function historyOf(event: DomainEvent): { entry: HistoryEntry; subjects: Subject[] } {
  const subject: Subject = { type: event.subject.type, id: event.subject.id };
  const subjects: Subject[] = [subject];
  if (event.subject.type !== 'account') {
    const { accountId, previousAccountId } = event.subject;
    if (accountId) subjects.push({ type: 'account', id: accountId });
    if (previousAccountId && previousAccountId !== accountId) {
      subjects.push({ type: 'account', id: previousAccountId });
    }
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
