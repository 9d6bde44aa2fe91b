/**
 * Pacing of a newsletter's sends to the SES account's maximum send rate.
 * SES allows short bursts above the rate but not a sustained excess, so the
 * pacer is a token bucket holding one second's sends (`ratePerSecond`),
 * refilled continuously: at most that many start at once, and over any
 * stretch of time no more than the rate allows plus that one burst.
 */
export interface PacingClock {
  /** Milliseconds, only ever compared with each other. */
  now(): number;
}

export class SendPacer {
  private readonly ratePerMs: number;
  private readonly capacity: number;
  private readonly clock: PacingClock;
  private readonly sleep: (ms: number) => Promise<void>;
  private tokens: number;
  private countedAt: number;

  /**
   * A rate that is not a positive number is a wiring fault: it throws. A
   * rate below 1 still lets one send start at a time.
   */
  constructor(ratePerSecond: number, clock: PacingClock, sleep: (ms: number) => Promise<void>) {
    if (!Number.isFinite(ratePerSecond) || ratePerSecond <= 0)
      throw new RangeError(`a send rate must be a positive number, not ${ratePerSecond}`);
    this.ratePerMs = ratePerSecond / 1000;
    this.capacity = Math.max(1, ratePerSecond);
    this.clock = clock;
    this.sleep = sleep;
    this.tokens = this.capacity;
    this.countedAt = clock.now();
  }

  /**
   * Resolves when `n` sends may start. The tokens are reserved before
   * waiting, so callers that take at the same time queue behind each other
   * instead of all waking to the same refill.
   */
  async take(n = 1): Promise<void> {
    if (!Number.isInteger(n) || n < 1 || n > this.capacity)
      throw new RangeError(`a take must be a whole number from 1 to ${this.capacity}, not ${n}`);
    const now = this.clock.now();
    // A clock that went back refills nothing.
    const elapsed = Math.max(0, now - this.countedAt);
    this.tokens = Math.min(this.capacity, this.tokens + elapsed * this.ratePerMs) - n;
    this.countedAt = Math.max(now, this.countedAt);
    if (this.tokens < 0) await this.sleep(Math.ceil(-this.tokens / this.ratePerMs));
  }
}

const backoffBaseMs = 100;
const backoffCapMs = 20_000;

/**
 * How long to wait before retrying a send SES throttled: exponential backoff
 * with full jitter, a random time up to 100 ms doubled per earlier retry and
 * never above 20 s, so that senders throttled together do not retry together.
 * `attempt` counts the retries already made (0 before the first); `random`
 * answers in [0, 1), like `Math.random`.
 */
export function backoffMs(attempt: number, random: () => number): number {
  if (!Number.isInteger(attempt) || attempt < 0)
    throw new RangeError(`a retry attempt must be a whole number of at least 0, not ${attempt}`);
  const ceiling = Math.min(backoffCapMs, backoffBaseMs * 2 ** attempt);
  return Math.floor(random() * ceiling);
}
