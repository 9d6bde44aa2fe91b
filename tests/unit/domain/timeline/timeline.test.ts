import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from '#domain/accounts/records';
import { timelineEntryOf, titleOf } from '#domain/timeline/timeline';

function entry(overrides: Partial<HistoryEntry> = {}): HistoryEntry {
  return {
    eventId: '01JNR8Z5K3A7M6Q2W4E8T9Y0UP',
    type: 'ContactUpdated',
    occurredAt: '2025-03-02T12:30:00.000Z',
    actorId: 'user-2',
    subject: { type: 'contact', id: 'con-1' },
    changes: [],
    ...overrides,
  };
}

describe('timelineEntryOf', () => {
  it('shows a sent e-mail with its subject, who sent it, when, and to which contact', () => {
    // Act
    const line = timelineEntryOf(entry({ type: 'EmailSent', summary: 'Din offert från Norrsken' }));

    // Assess
    expect(line).toEqual({
      at: '2025-03-02T12:30:00.000Z',
      kind: 'email',
      title: 'E-mail sent',
      summary: 'Din offert från Norrsken',
      actorId: 'user-2',
      subject: { type: 'contact', id: 'con-1' },
      eventId: '01JNR8Z5K3A7M6Q2W4E8T9Y0UP',
    });
  });

  it.each([
    ['NoteAdded', 'note', 'Note added'],
    ['SmsSent', 'sms', 'SMS sent'],
    ['AttachmentAdded', 'attachment', 'Attachment added'],
    ['AttachmentRemoved', 'attachment', 'Attachment removed'],
    ['ActivityScheduled', 'activity', 'Activity scheduled'],
    ['ScheduledActivityDue', 'activity', 'Scheduled activity due'],
    ['TaskCreated', 'task', 'Task created'],
    ['ContactCreated', 'created', 'Contact created'],
    ['AccountDeleted', 'deleted', 'Account deleted'],
    ['AccountRestored', 'change', 'Account restored'],
    ['ContactUpdated', 'change', 'Contact updated'],
  ] as const)('shows %s as a %s titled "%s"', (type, kind, title) => {
    // Act
    const line = timelineEntryOf(entry({ type }));

    // Assess
    expect(line).toMatchObject({ kind, title });
  });

  it('sums up a change by the fields it changed', () => {
    // Act
    const line = timelineEntryOf(
      entry({
        changes: [
          { field: 'lastName', from: 'Svensson', to: 'Berg' },
          { field: 'phones', from: [], to: ['+46701234567'] },
        ],
      }),
    );

    // Assess
    expect(line.summary).toBe('Changed lastName, phones');
  });

  it('prefers the entry’s own summary to the list of changes', () => {
    // Act
    const line = timelineEntryOf(
      entry({
        type: 'AttachmentAdded',
        summary: 'avtal.pdf',
        changes: [{ field: 'attachments', from: null, to: 'avtal.pdf' }],
      }),
    );

    // Assess
    expect(line.summary).toBe('avtal.pdf');
  });

  it('shows an entry recorded before summaries existed without one', () => {
    // Act
    const line = timelineEntryOf(entry({ type: 'NoteAdded' }));

    // Assess
    expect(line).not.toHaveProperty('summary');
  });
});

describe('titleOf', () => {
  it('keeps an acronym in the type whole', () => {
    expect(titleOf('SMSDelivered')).toBe('SMS delivered');
  });
});
