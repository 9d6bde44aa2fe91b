import { describe, expect, it } from 'vitest';
import { applyPatch, mergePatch, withoutNulls } from '#domain/patch';

interface Fields {
  name: string;
  email?: string;
  phones: string[];
}

describe('applyPatch', () => {
  it('replaces the fields given, clears those set to null and keeps those left out', () => {
    // Prepare
    const current: Fields = { name: 'Anna', email: 'anna@example.se', phones: ['+46701234567'] };

    // Act
    const patched = applyPatch(current, { name: 'Berit', email: null });

    // Assess
    expect(patched).toEqual({ name: 'Berit', email: undefined, phones: ['+46701234567'] });
  });

  it('treats a field explicitly set to undefined as left out', () => {
    // Prepare
    const current: Fields = { name: 'Anna', email: 'anna@example.se', phones: [] };

    // Act
    const patched = applyPatch(current, { email: undefined });

    // Assess
    expect(patched.email).toBe('anna@example.se');
  });

  it('leaves the current object untouched', () => {
    // Prepare
    const current: Fields = { name: 'Anna', email: 'anna@example.se', phones: [] };

    // Act
    applyPatch(current, { name: 'Berit', email: null });

    // Assess
    expect(current).toEqual({ name: 'Anna', email: 'anna@example.se', phones: [] });
  });
});

describe('withoutNulls', () => {
  it('drops null fields and keeps every other value, falsy ones included', () => {
    // Act
    const draft = withoutNulls<{
      name: string;
      email?: string;
      count?: number;
      flag?: boolean;
      note?: string;
    }>({
      name: 'Anna',
      email: null,
      count: 0,
      flag: false,
      note: '',
    });

    // Assess
    expect(draft).toEqual({ name: 'Anna', count: 0, flag: false, note: '' });
    expect('email' in draft).toBe(false);
  });
});

describe('mergePatch', () => {
  const current: Fields = { name: 'Anna', email: 'anna@example.se', phones: ['+46701234567'] };
  const tracked = ['name', 'email', 'phones'] as const;
  const trimmed = (fields: Fields): Fields => ({ ...fields, name: fields.name.trim() });

  it('finds no change in an empty patch, nor in one that gives the current values once normalised', () => {
    // Act
    const empty = mergePatch(current, {}, tracked, trimmed);
    const same = mergePatch(current, { name: ' Anna ', phones: ['+46701234567'] }, tracked, trimmed);

    // Assess
    expect(empty).toEqual({ fields: current, changes: [] });
    expect(same).toEqual({ fields: current, changes: [] });
  });

  it('names each field the patch changes or clears, from and to', () => {
    // Act
    const { fields, changes } = mergePatch(current, { name: 'Berit', email: null }, tracked, trimmed);

    // Assess
    expect(fields).toEqual({ name: 'Berit', email: undefined, phones: ['+46701234567'] });
    expect(changes).toEqual([
      { field: 'name', from: 'Anna', to: 'Berit' },
      { field: 'email', from: 'anna@example.se', to: null },
    ]);
  });
});
