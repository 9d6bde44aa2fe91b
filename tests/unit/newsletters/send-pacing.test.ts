import { describe, expect, it } from 'vitest';
import { backoffMs, SendPacer } from '#domain/newsletters/send-pacing';

/** A clock that moves only when the pacer sleeps, and the times sends started. */
const fakeTime = () => {
  let now = 0;
  const starts: number[] = [];
  return {
    starts,
    clock: { now: () => now },
    sleep: async (ms: number) => {
      now += ms;
    },
    start: (n = 1) => {
      for (let i = 0; i < n; i++) starts.push(now);
    },
  };
};

/** The most starts in any window of `ms` that opens at a start. */
const mostStartsWithin = (starts: readonly number[], ms: number): number =>
  Math.max(...starts.map((from) => starts.filter((at) => at >= from && at < from + ms).length));

describe('the send pacer', () => {
  it('lets a second’s sends start at once, then paces the rest to the rate', async () => {
    // Prepare
    const time = fakeTime();
    const pacer = new SendPacer(5, time.clock, time.sleep);

    // Act
    for (let i = 0; i < 10; i++) {
      await pacer.take();
      time.start();
    }

    // Assess
    expect(time.starts.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
    expect(time.starts.at(-1)).toBeGreaterThanOrEqual(1000);
    expect(mostStartsWithin(time.starts, 1)).toBe(5);
  });

  it('never starts more than the burst plus the rate over any stretch', async () => {
    // Prepare
    const time = fakeTime();
    const pacer = new SendPacer(14, time.clock, time.sleep);

    // Act
    for (let i = 0; i < 100; i++) {
      const n = i % 3 === 0 ? 2 : 1;
      await pacer.take(n);
      time.start(n);
    }

    // Assess
    for (const ms of [1, 100, 1000, 3000]) {
      const allowed = 14 + (14 * ms) / 1000;
      expect(mostStartsWithin(time.starts, ms)).toBeLessThanOrEqual(allowed);
    }
    // 134 sends: the first 14 at once, the other 120 at 14 a second.
    expect(time.starts).toHaveLength(134);
    expect(time.starts.at(-1)).toBeGreaterThanOrEqual((120 / 14) * 1000 - 1);
  });

  it('queues callers that take at the same time', async () => {
    // Prepare
    const waits: number[] = [];
    const pacer = new SendPacer(2, { now: () => 0 }, async (ms) => {
      waits.push(ms);
    });

    // Act
    await Promise.all([1, 2, 3, 4].map(() => pacer.take()));

    // Assess
    expect(waits).toEqual([500, 1000]);
  });

  it('refills nothing while the clock goes back', async () => {
    // Prepare
    let now = 10_000;
    const waits: number[] = [];
    const pacer = new SendPacer(1, { now: () => now }, async (ms) => {
      waits.push(ms);
    });

    // Act
    await pacer.take();
    now = 0;
    await pacer.take();

    // Assess
    expect(waits).toEqual([1000]);
  });

  it('refuses a rate that is not a positive number', () => {
    // Prepare
    const time = fakeTime();

    // Act
    const rates = [0, -1, Number.NaN, Number.POSITIVE_INFINITY];

    // Assess
    for (const rate of rates) expect(() => new SendPacer(rate, time.clock, time.sleep)).toThrow(RangeError);
  });

  it('refuses a take of more than a burst or of no whole send', async () => {
    // Prepare
    const time = fakeTime();
    const pacer = new SendPacer(5, time.clock, time.sleep);

    // Act
    const takes = [6, 0, -1, 1.5].map((n) => pacer.take(n));

    // Assess
    for (const take of takes) await expect(take).rejects.toThrow(RangeError);
  });
});

describe('the throttling backoff', () => {
  it('grows from 100 ms by doubling and stops at 20 s', () => {
    // Prepare
    const almostOne = () => 0.999999;

    // Act
    const ceilings = [0, 1, 2, 3, 7, 8, 20, 2000].map((attempt) => backoffMs(attempt, almostOne));

    // Assess
    expect(ceilings).toEqual([99, 199, 399, 799, 12799, 19999, 19999, 19999]);
  });

  it('waits a random time between nothing and the ceiling', () => {
    // Act
    const least = backoffMs(5, () => 0);
    const half = backoffMs(5, () => 0.5);

    // Assess
    expect(least).toBe(0);
    expect(half).toBe(1600);
  });

  it('stays within its bounds for any random draw', () => {
    // Act
    const waits = Array.from({ length: 200 }, (_, attempt) => backoffMs(attempt % 40, Math.random));

    // Assess
    for (const [attempt, wait] of waits.entries()) {
      expect(wait).toBeGreaterThanOrEqual(0);
      expect(wait).toBeLessThan(Math.min(20_000, 100 * 2 ** (attempt % 40)));
    }
  });

  it('refuses an attempt that is not a count', () => {
    // Act
    const attempts = [-1, 0.5, Number.NaN];

    // Assess
    for (const attempt of attempts) expect(() => backoffMs(attempt, Math.random)).toThrow(RangeError);
  });
});
