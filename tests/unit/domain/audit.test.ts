import { describe, expect, it } from 'vitest';
import { historyOf } from '#domain/audit';
import type { DomainEvent } from '#domain/events';

function event(overrides: Partial<DomainEvent> = {}): DomainEvent {
  return {
    id: '01JNR8Z5K3A7M6Q2W4E8T9Y0UP',
    type: 'ContactUpdated',
    source: 'gridline.accounts',
    tenantId: 'tenant-se',
    occurredAt: '2025-03-02T12:30:00.000Z',
    actor: { userId: 'user-2' },
    subject: { type: 'contact', id: 'con-1', accountId: 'acc-1' },
    changes: [{ field: 'lastName', from: 'Svensson', to: 'Berg' }],
    data: {},
    ...overrides,
  };
}

describe('historyOf', () => {
  it('keeps the history of a deal and an offer with them, out of the account’s history everyone reads', () => {
    // Act
    const deal = historyOf(
      event({ type: 'DealUpdated', subject: { type: 'deal', id: 'deal-1', accountId: 'acc-1' } }),
    );
    const offer = historyOf(
      event({ type: 'OfferAccepted', subject: { type: 'offer', id: 'off-1', accountId: 'acc-1' } }),
    );

    // Assess
    expect(deal.subjects).toEqual([{ type: 'deal', id: 'deal-1' }]);
    expect(offer.subjects).toEqual([{ type: 'offer', id: 'off-1' }]);
  });

  it('keeps a file added to a contract in the contract’s history only', () => {
    // Act
    const { subjects } = historyOf(
      event({ type: 'AttachmentAdded', subject: { type: 'contract', id: 'con-1', accountId: 'acc-1' } }),
    );

    // Assess
    expect(subjects).toEqual([{ type: 'contract', id: 'con-1' }]);
  });

  it("puts a contact's change in the contact's and in its account's history", () => {
    // Act
    const { subjects } = historyOf(event());

    // Assess
    expect(subjects).toEqual([
      { type: 'contact', id: 'con-1' },
      { type: 'account', id: 'acc-1' },
    ]);
  });

  it('puts the move of a contact to another account in the history of both accounts', () => {
    // Act
    const { subjects } = historyOf(
      event({ subject: { type: 'contact', id: 'con-1', accountId: 'acc-2', previousAccountId: 'acc-1' } }),
    );

    // Assess
    expect(subjects).toEqual([
      { type: 'contact', id: 'con-1' },
      { type: 'account', id: 'acc-2' },
      { type: 'account', id: 'acc-1' },
    ]);
  });

  it('puts the unlinking of a contact from its account in the history of the account it left', () => {
    // Act
    const { subjects } = historyOf(
      event({ subject: { type: 'contact', id: 'con-1', previousAccountId: 'acc-1' } }),
    );

    // Assess
    expect(subjects).toEqual([
      { type: 'contact', id: 'con-1' },
      { type: 'account', id: 'acc-1' },
    ]);
  });

  it('puts a change of a contact without an account only in the contact history', () => {
    // Act
    const { subjects } = historyOf(event({ subject: { type: 'contact', id: 'con-1' } }));

    // Assess
    expect(subjects).toEqual([{ type: 'contact', id: 'con-1' }]);
  });

  it("puts an account's change only in its own history", () => {
    // Prepare
    const accountEvent = event({
      type: 'AccountUpdated',
      subject: { type: 'account', id: 'acc-1', accountId: 'acc-1' },
    });

    // Act
    const { subjects } = historyOf(accountEvent);

    // Assess
    expect(subjects).toEqual([{ type: 'account', id: 'acc-1' }]);
  });

  it('shows who did what and when, with the field changes', () => {
    // Act
    const { entry } = historyOf(event());

    // Assess
    expect(entry).toEqual({
      eventId: '01JNR8Z5K3A7M6Q2W4E8T9Y0UP',
      type: 'ContactUpdated',
      occurredAt: '2025-03-02T12:30:00.000Z',
      actorId: 'user-2',
      subject: { type: 'contact', id: 'con-1' },
      changes: [{ field: 'lastName', from: 'Svensson', to: 'Berg' }],
    });
  });

  it('shows an event without field changes with an empty change list', () => {
    // Prepare
    const { changes: _omitted, ...created } = event({ type: 'ContactCreated' });

    // Act
    const { entry } = historyOf(created);

    // Assess
    expect(entry.changes).toEqual([]);
  });

  it('sums up a note by the start of its text, on one line and at most 140 characters', () => {
    // Prepare
    const text = `Ringde kunden om flytten.\n\n${'Hon vill byta till fast pris. '.repeat(10)}`;

    // Act
    const { entry } = historyOf(event({ type: 'NoteAdded', changes: undefined, data: { note: { text } } }));

    // Assess
    expect(entry.summary).toMatch(/^Ringde kunden om flytten\. Hon vill byta/);
    expect([...(entry.summary ?? '')]).toHaveLength(140);
    expect(entry.summary?.endsWith('…')).toBe(true);
  });

  it.each([
    ['EmailSent', { message: { subject: 'Din offert', excerpt: 'Hej Anna!' } }, 'Din offert'],
    ['SmsSent', { message: { excerpt: 'Din mätare byts på tisdag.' } }, 'Din mätare byts på tisdag.'],
    ['AttachmentAdded', { attachment: { fileName: 'avtal.pdf' } }, 'avtal.pdf'],
    ['AttachmentRemoved', { attachmentId: 'att-1', fileName: 'avtal.pdf' }, 'avtal.pdf'],
    ['ContactCreated', { contact: { firstName: 'Anna', lastName: 'Svensson' } }, 'Anna Svensson'],
    ['AccountCreated', { account: { name: 'Bageri Solrosen AB' } }, 'Bageri Solrosen AB'],
    ['ActivityDue', { summary: 'Ring tillbaka om offerten' }, 'Ring tillbaka om offerten'],
  ])('sums up %s from its data', (type, data, summary) => {
    // Act
    const { entry } = historyOf(event({ type, data }));

    // Assess
    expect(entry.summary).toBe(summary);
  });

  it('adds no summary to a change: its field changes say it', () => {
    // Act
    const { entry } = historyOf(event({ data: { contact: { firstName: 'Anna', lastName: 'Berg' } } }));

    // Assess
    expect(entry).not.toHaveProperty('summary');
  });
});
