/**
 * Values read from a slow or billed source (Secrets Manager), kept per key
 * for `ttlMs` so that a warm function reads each at most once per period.
 * Concurrent first reads of a key share one load; a failed load is not kept,
 * so the next call tries again.
 */
export class TtlCache<V> {
  private readonly entries = new Map<string, { readonly value: Promise<V>; readonly until: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: string, load: () => Promise<V>): Promise<V> {
    const time = this.now();
    const cached = this.entries.get(key);
    if (cached !== undefined && time < cached.until) return cached.value;
    // Expired entries go whenever a load is due, so the cache holds no more than the keys in use.
    for (const [other, entry] of this.entries) if (entry.until <= time) this.entries.delete(other);
    const value = load();
    const entry = { value, until: time + this.ttlMs };
    this.entries.set(key, entry);
    value.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    return value;
  }

  /** Drops a key whose value this process has just changed, so the next read sees the change. */
  forget(key: string): void {
    this.entries.delete(key);
  }
}
