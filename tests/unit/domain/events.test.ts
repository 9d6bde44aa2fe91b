import { describe, expect, it } from 'vitest';
import { diffFields } from '#domain/events';

interface Snapshot {
  name: string;
  email?: string;
  phones: string[];
  consent: boolean;
  notes?: string;
}

describe('diffFields', () => {
  it('lists the fields whose value differs, in the order of the field list', () => {
    // Prepare
    const before: Snapshot = {
      name: 'Anna',
      email: 'a@example.se',
      phones: ['+46701234567'],
      consent: false,
    };
    const after: Snapshot = { name: 'Anna', email: 'b@example.se', phones: ['+46701234567'], consent: true };

    // Act
    const changes = diffFields(before, after, ['consent', 'name', 'email', 'phones']);

    // Assess
    expect(changes).toEqual([
      { field: 'consent', from: false, to: true },
      { field: 'email', from: 'a@example.se', to: 'b@example.se' },
    ]);
  });

  it('shows a field that was set or cleared as null on the empty side', () => {
    // Prepare
    const before: Snapshot = { name: 'Anna', email: 'a@example.se', phones: [], consent: false };
    const after: Snapshot = { name: 'Anna', phones: [], consent: false, notes: 'Prefers mornings' };

    // Act
    const changes = diffFields(before, after, ['email', 'notes']);

    // Assess
    expect(changes).toEqual([
      { field: 'email', from: 'a@example.se', to: null },
      { field: 'notes', from: null, to: 'Prefers mornings' },
    ]);
  });

  it('compares lists by content, so an equal copy is no change and another order is', () => {
    // Prepare
    const before: Snapshot = { name: 'Anna', phones: ['+46701234567', '+46812345678'], consent: false };
    const copy: Snapshot = { ...before, phones: ['+46701234567', '+46812345678'] };
    const reordered: Snapshot = { ...before, phones: ['+46812345678', '+46701234567'] };

    // Act
    const unchanged = diffFields(before, copy, ['phones']);
    const changed = diffFields(before, reordered, ['phones']);

    // Assess
    expect(unchanged).toEqual([]);
    expect(changed).toEqual([{ field: 'phones', from: before.phones, to: reordered.phones }]);
  });

  it('ignores differences in fields it is not asked about', () => {
    // Prepare
    const before: Snapshot = { name: 'Anna', phones: [], consent: false };
    const after: Snapshot = { name: 'Berit', phones: [], consent: false };

    // Act
    const changes = diffFields(before, after, ['phones', 'consent']);

    // Assess
    expect(changes).toEqual([]);
  });
});

describe('diffFields on stored maps', () => {
  it('sees no change when only the key order of a map differs', () => {
    const before = { addresses: [{ kind: 'postal', street: 'Storgatan 1', city: 'Umeå' }] };
    const after = { addresses: [{ city: 'Umeå', street: 'Storgatan 1', kind: 'postal' }] };

    expect(diffFields(before, after, ['addresses'])).toEqual([]);
  });
});
