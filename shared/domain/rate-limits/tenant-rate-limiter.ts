import type { Clock } from '#domain/ports';
import { type BucketState, type RateLimit, takeTokens } from './token-bucket';
import { leasedAt, nextLeaseSize, spendLeased, type TokenLease } from './token-lease';

/** A bucket as stored, with the version a write must find to replace it. */
export interface StoredBucket {
  readonly state: BucketState;
  readonly version: number;
}

/** Where the tenants' buckets are kept, shared by every container. */
export interface RateBucketStore {
  /** `fresh`: read what the last write left, not a moment-old copy. */
  read(tenantId: string, fresh: boolean): Promise<StoredBucket | undefined>;
  /**
   * Writes `next` when the stored bucket still has `expectedVersion`
   * (undefined: when there is none yet); false when another request wrote first.
   */
  write(tenantId: string, next: BucketState, expectedVersion: number | undefined): Promise<boolean>;
}

export type Admission =
  | { readonly admitted: true }
  | { readonly admitted: false; readonly retryAfterSeconds: number };

/** How often a request reads and tries again when other requests of the tenant keep writing first. */
const attempts = 3;

/**
 * Meters each tenant's requests with its token bucket in the store, shared
 * by every container. A container leases tokens (read, take, write on the
 * condition that no one wrote meanwhile) and admits the tenant's next
 * requests from that lease in memory, with no request to the store, until it
 * is spent or expires; a lease grows only while the container spends it in
 * time (`nextLeaseSize`), so containers that see the tenant rarely take one
 * token a request. The limit therefore holds across containers; a busy
 * container's unspent lease can only make the others refuse a little earlier. A request that keeps losing the write race to the tenant's other
 * requests is refused like one over the limit: so many at once are what the
 * limit is for.
 */
export class TenantRateLimiter {
  private readonly leases = new Map<string, TokenLease>();
  /** Each tenant's admissions in this container run one after another, so that one lease serves them all. */
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(
    private readonly deps: {
      readonly buckets: RateBucketStore;
      readonly clock: Clock;
      readonly limit: RateLimit;
    },
  ) {}

  admit(tenantId: string): Promise<Admission> {
    return this.inTurn(tenantId, () => this.admitNow(tenantId));
  }

  private async admitNow(tenantId: string): Promise<Admission> {
    const held = this.leases.get(tenantId);
    const now = this.deps.clock.now().getTime();
    const spent = spendLeased(held, now);
    if (spent) {
      this.leases.set(tenantId, spent);
      return { admitted: true };
    }
    this.leases.delete(tenantId);
    return this.lease(tenantId, nextLeaseSize(this.deps.limit, held, now));
  }

  /** Takes a lease of up to `wanted` tokens from the shared bucket and spends its first token. */
  private async lease(tenantId: string, wanted: number): Promise<Admission> {
    let stored = await this.deps.buckets.read(tenantId, false);
    for (let attempt = 1; attempt <= attempts; attempt++) {
      const now = this.deps.clock.now().getTime();
      const decision = takeTokens(stored?.state, this.deps.limit, now, wanted);
      if (!decision.allowed) return { admitted: false, retryAfterSeconds: decision.retryAfterSeconds };
      if (await this.deps.buckets.write(tenantId, decision.next, stored?.version)) {
        this.leases.set(tenantId, leasedAt(decision.taken, now));
        return { admitted: true };
      }
      stored = await this.deps.buckets.read(tenantId, true);
    }
    return { admitted: false, retryAfterSeconds: 1 };
  }

  private inTurn<T>(tenantId: string, run: () => Promise<T>): Promise<T> {
    const result = (this.queues.get(tenantId) ?? Promise.resolve()).then(run);
    // A failed admission (the store unreachable) fails its own request, not the ones queued after it.
    const done = result.catch(() => undefined);
    this.queues.set(tenantId, done);
    void done.then(() => {
      if (this.queues.get(tenantId) === done) this.queues.delete(tenantId);
    });
    return result;
  }
}
