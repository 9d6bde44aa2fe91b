import { describe, expect, it } from 'vitest';
import { refilled, takeTokens } from '#domain/rate-limits/token-bucket';

const limit = { perSecond: 10, burst: 20 };
const t0 = Date.parse('2026-03-01T09:00:00Z');

describe('refilled', () => {
  it('starts a bucket never counted full', () => {
    expect(refilled(undefined, limit, t0)).toEqual({ milliTokens: 20_000, countedAt: t0 });
  });

  it('adds perSecond tokens a second, by the millisecond, in whole thousandths', () => {
    // Act: 10 tokens a second are 10 thousandths a millisecond.
    const after = refilled({ milliTokens: 0, countedAt: t0 }, limit, t0 + 1_234);

    // Assess
    expect(after).toEqual({ milliTokens: 12_340, countedAt: t0 + 1_234 });
  });

  it('never fills beyond the burst, however long the bucket was idle', () => {
    expect(refilled({ milliTokens: 5_000, countedAt: t0 }, limit, t0 + 86_400_000).milliTokens).toBe(20_000);
  });

  it('refills nothing when the clock went back, and keeps the later count time', () => {
    expect(refilled({ milliTokens: 3_000, countedAt: t0 }, limit, t0 - 5_000)).toEqual({
      milliTokens: 3_000,
      countedAt: t0,
    });
  });
});

describe('takeTokens', () => {
  it('lets a full bucket’s burst through at once, then refuses', () => {
    // Act
    let state: Parameters<typeof takeTokens>[0];
    const allowed: boolean[] = [];
    for (let i = 0; i < 21; i++) {
      const decision = takeTokens(state, limit, t0, 1);
      allowed.push(decision.allowed);
      if (decision.allowed) state = decision.next;
    }

    // Assess
    expect(allowed.filter(Boolean)).toHaveLength(20);
    expect(allowed[20]).toBe(false);
  });

  it('takes exactly one token, leaving the fraction refilled so far', () => {
    // Act
    const decision = takeTokens({ milliTokens: 950, countedAt: t0 }, limit, t0 + 5, 1);

    // Assess
    expect(decision).toEqual({ allowed: true, taken: 1, next: { milliTokens: 0, countedAt: t0 + 5 } });
  });

  it('answers the whole seconds until a token is back, at least one', () => {
    // Act
    const almost = takeTokens({ milliTokens: 999, countedAt: t0 }, limit, t0, 5);
    const slow = takeTokens({ milliTokens: 0, countedAt: t0 }, { perSecond: 1, burst: 1 }, t0 + 200, 1);

    // Assess
    expect(almost).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(slow).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });

  it('takes as many of the wanted tokens as the bucket holds whole, leaving the fraction', () => {
    // Act
    const plenty = takeTokens({ milliTokens: 12_500, countedAt: t0 }, limit, t0, 10);
    const few = takeTokens({ milliTokens: 3_400, countedAt: t0 }, limit, t0, 10);

    // Assess
    expect(plenty).toEqual({ allowed: true, taken: 10, next: { milliTokens: 2_500, countedAt: t0 } });
    expect(few).toEqual({ allowed: true, taken: 3, next: { milliTokens: 400, countedAt: t0 } });
  });
});
