import type { DomainEvent } from '#domain/events';
import type { Created, IdempotencyToken, Page, PageRequest } from '#domain/ports';
import type { User } from './user';

export interface UserFilter {
  /** Prefix of the e-mail address, case ignored. */
  readonly emailPrefix?: string;
}

/**
 * The users of a tenant as the table keeps them. Every write stores its
 * domain event atomically with it, keeps the e-mail unique per tenant and the
 * tenant's set of active admins current: a write that would leave the tenant
 * without an active admin fails with a ConflictError, whatever raced it.
 */
export interface UserStore {
  get(tenantId: string, userId: string): Promise<User | undefined>;
  list(tenantId: string, filter: UserFilter, page: PageRequest): Promise<Page<User>>;
  /** The id of the tenant's user with this (normalised) e-mail, if there is one. */
  emailOwner(tenantId: string, email: string): Promise<string | undefined>;
  /** The ids of the tenant's active admins. */
  activeAdminIds(tenantId: string): Promise<string[]>;
  create(user: User, event: DomainEvent, idempotency?: IdempotencyToken): Promise<Created<User>>;
  /**
   * Fails with VersionMismatchError when the stored version is not
   * `previous.version`. With `tokenCutoff` (seconds), the user's tokens
   * issued before it are refused from then on (TokenCutoffs), in the same write.
   */
  update(previous: User, next: User, event: DomainEvent, tokenCutoff?: number): Promise<void>;
  /** The user an earlier create with this key made, if any (422 when that request differed). */
  replayOf(tenantId: string, idempotency: IdempotencyToken): Promise<User | undefined>;
}
