import { describe, expect, it } from 'vitest';
import { isCutOff, tokenCutoffOf } from '#domain/users/token-cutoff';

const admin = { active: true, roles: ['admin', 'sales'] as const };
const at = new Date('2026-03-01T09:00:00.400Z');
const second = Date.parse('2026-03-01T09:00:00Z') / 1000;

describe('tokenCutoffOf', () => {
  it('cuts off every token issued up to the second of a deactivation or a role taken away', () => {
    // Act
    const deactivated = tokenCutoffOf(admin, { ...admin, active: false }, at);
    const demoted = tokenCutoffOf(admin, { ...admin, roles: ['sales'] }, at);

    // Assess
    expect(deactivated).toBe(second + 1);
    expect(demoted).toBe(second + 1);
  });

  it('leaves the tokens alone when nothing is taken: a rename, a role added, a reactivation', () => {
    // Act
    const unchanged = tokenCutoffOf(admin, admin, at);
    const roleAdded = tokenCutoffOf(admin, { ...admin, roles: ['admin', 'sales', 'service'] }, at);
    const reactivated = tokenCutoffOf({ ...admin, active: false }, admin, at);

    // Assess
    expect([unchanged, roleAdded, reactivated]).toEqual([undefined, undefined, undefined]);
  });
});

describe('isCutOff', () => {
  it('refuses a token issued before the cutoff, and one that does not say when it was issued', () => {
    // Act
    const before = isCutOff(second, second + 1);
    const unknown = isCutOff(undefined, second + 1);

    // Assess
    expect([before, unknown]).toEqual([true, true]);
  });

  it('accepts a token issued from the cutoff on, and any token of a user never cut off', () => {
    // Act
    const after = isCutOff(second + 1, second + 1);
    const never = isCutOff(second, undefined);

    // Assess
    expect([after, never]).toEqual([false, false]);
  });
});
