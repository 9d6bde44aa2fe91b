import type { CountryCode } from 'libphonenumber-js';
import type { ConflictCode } from '#domain/errors';

/** Time and identity, injected so that domain code is deterministic in tests. */
export interface Clock {
  now(): Date;
}

export interface IdGenerator {
  /** A new sortable unique id (ULID). */
  next(): string;
}

/** Who acts: the tenant and the user, from the verified token. */
export interface Actor {
  readonly tenantId: string;
  readonly userId: string;
  /**
   * The tenant's country, when the token carries it (set from the tenant's
   * profile when the user was created, ADR 0026): it saves reading the
   * profile where only the country is needed. Absent, the profile is read.
   */
  readonly tenantCountry?: CountryCode;
}

/** Passed through to the store so a retried create replays instead of repeating. */
export interface IdempotencyToken {
  readonly operationId: string;
  readonly key: string;
  readonly requestHash: string;
  /** How long the key is remembered, when not the default day (a webhook's sender retries for days). */
  readonly retentionSeconds?: number;
  /**
   * The conflict a reuse of the key for another request is, when the key is
   * not a client's `Idempotency-Key` (whose reuse is a 422 naming that header).
   */
  readonly reused?: ReusedKeyConflict;
}

export interface ReusedKeyConflict {
  readonly code: ConflictCode;
  readonly message: string;
  /** What the client sent the key in. */
  readonly field: string;
}

export interface Created<T> {
  readonly value: T;
  /** True when this answers a retry of an earlier create with the same key. */
  readonly replayed: boolean;
}

export interface PageRequest {
  readonly limit: number;
  readonly cursor?: string;
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor?: string;
}
