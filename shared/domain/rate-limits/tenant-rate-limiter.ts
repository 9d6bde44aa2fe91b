import type { Clock } from '#domain/ports';
import { type BucketState, type RateLimit, takeToken } from './token-bucket';

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
 * Meters each tenant's requests with its token bucket in the store: read,
 * take a token, write on the condition that no one wrote meanwhile. A
 * request that keeps losing that race to the tenant's other requests is
 * refused like one over the limit: so many at once are what the limit is for.
 */
export class TenantRateLimiter {
  constructor(
    private readonly deps: {
      readonly buckets: RateBucketStore;
      readonly clock: Clock;
      readonly limit: RateLimit;
    },
  ) {}

  async admit(tenantId: string): Promise<Admission> {
    let stored = await this.deps.buckets.read(tenantId, false);
    for (let attempt = 1; attempt <= attempts; attempt++) {
      const decision = takeToken(stored?.state, this.deps.limit, this.deps.clock.now().getTime());
      if (!decision.allowed) return { admitted: false, retryAfterSeconds: decision.retryAfterSeconds };
      if (await this.deps.buckets.write(tenantId, decision.next, stored?.version)) return { admitted: true };
      stored = await this.deps.buckets.read(tenantId, true);
    }
    return { admitted: false, retryAfterSeconds: 1 };
  }
}
