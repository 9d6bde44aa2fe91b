import { describe, expect, it } from 'vitest';
import { historyOf } from '../../../shared/domain/audit';
import type { DomainEvent } from '../../../shared/domain/events';

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
});
