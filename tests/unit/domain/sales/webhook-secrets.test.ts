import { describe, expect, it } from 'vitest';
import { acceptedSecrets, rotatedSecret } from '#domain/sales/leads/webhook-secrets';

const rotation = new Date('2026-11-20T09:00:00Z');
const hours = (n: number) => new Date(rotation.getTime() + n * 60 * 60 * 1000);

describe('rotatedSecret', () => {
  it('makes the new secret current and keeps only the one it replaces', () => {
    // Act
    const stored = rotatedSecret(
      { current: 'b', previous: 'a', rotatedAt: '2026-11-01T00:00:00.000Z' },
      'c',
      rotation,
    );

    // Assess
    expect(stored).toEqual({ current: 'c', previous: 'b', rotatedAt: '2026-11-20T09:00:00.000Z' });
  });
});

describe('acceptedSecrets', () => {
  const stored = rotatedSecret({ current: 'old' }, 'new', rotation);

  it('accepts the replaced secret for 24 hours after the rotation, current first', () => {
    // Act
    const during = [
      acceptedSecrets(stored, rotation),
      acceptedSecrets(stored, new Date(hours(24).getTime() - 1)),
    ];
    const after = acceptedSecrets(stored, hours(24));

    // Assess
    expect(during).toEqual([
      ['new', 'old'],
      ['new', 'old'],
    ]);
    expect(after).toEqual(['new']);
  });

  it('accepts only the current secret of a source never rotated', () => {
    expect(acceptedSecrets({ current: 'only' }, rotation)).toEqual(['only']);
  });
});
