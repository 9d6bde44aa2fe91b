import { assertVersion, ConflictError, NotFoundError, ValidationError } from '#domain/errors';
import type { DomainEvent } from '#domain/events';
import type { Actor, Created, IdempotencyToken, Page, PageRequest } from '#domain/ports';
import { changeContext, type ServiceDeps } from '#domain/service-context';
import { tokenCutoffOf } from './token-cutoff';
import {
  assertActingAdmin,
  assertAdminRemains,
  assertNotLockingOutSelf,
  changeUser,
  createUser,
  deactivateUser,
  emailTaken,
  isActiveAdmin,
  newUserFields,
  reactivateUser,
  type User,
  type UserDraft,
  type UserFields,
  type UserPatch,
} from './user';
import type { UserDirectory } from './user-directory';
import { newUserEvent, userSubjectType } from './user-events';
import type { UserFilter, UserStore } from './user-store';

/**
 * The users of a tenant (issue "Users of a tenant"). The sign-in account
 * changes first, then the record and its event are written in one
 * transaction: a failure in between leaves a state that the same request,
 * repeated, completes.
 */
export class UserService {
  constructor(
    private readonly deps: ServiceDeps & { readonly users: UserStore; readonly directory: UserDirectory },
  ) {}

  /** A user of the caller's tenant, made by an active admin (checked on the stored record). */
  async create(actor: Actor, draft: UserDraft, idempotency?: IdempotencyToken): Promise<Created<User>> {
    await this.assertActingAdmin(actor);
    return this.add(actor, newUserFields(draft), idempotency);
  }

  /**
   * The tenant's first admin: the bootstrap step of an installation, made
   * without a caller to check. Refused once the tenant has an active admin,
   * who then makes every other user.
   */
  async createFirstAdmin(actor: Actor, draft: UserDraft): Promise<Created<User>> {
    const fields = newUserFields(draft);
    if (!fields.roles.includes('admin')) {
      throw new ValidationError([{ name: 'roles', reason: 'the first user of a tenant is an admin' }]);
    }
    if ((await this.deps.users.activeAdminIds(actor.tenantId)).length > 0) {
      throw new ConflictError('invalid-state', 'the tenant has an active admin, who creates its users');
    }
    return this.add(actor, fields);
  }

  private async add(
    actor: Actor,
    fields: UserFields,
    idempotency?: IdempotencyToken,
  ): Promise<Created<User>> {
    const earlier = idempotency && (await this.deps.users.replayOf(actor.tenantId, idempotency));
    if (earlier) return { value: earlier, replayed: true };
    // Checked before the directory is touched: a duplicate never changes an existing account.
    if (await this.deps.users.emailOwner(actor.tenantId, fields.email)) throw emailTaken(fields.email);
    const ctx = await changeContext(this.deps, actor);
    const account = await this.deps.directory.createUser(ctx.tenant, fields);
    const user = createUser(account, fields, ctx);
    const event = newUserEvent(this.deps, ctx, 'UserCreated', {
      subject: subjectOf(user.id),
      data: { user },
    });
    return this.deps.users.create(user, event, idempotency);
  }

  /** Deactivated users are found too: they keep their history. Another tenant's user is 404. */
  async get(actor: Actor, userId: string): Promise<User> {
    const user = await this.deps.users.get(actor.tenantId, userId);
    if (!user) throw new NotFoundError('user', userId);
    return user;
  }

  /** The caller's own record. */
  me(actor: Actor): Promise<User> {
    return this.get(actor, actor.userId);
  }

  list(actor: Actor, filter: UserFilter, page: PageRequest): Promise<Page<User>> {
    return this.deps.users.list(actor.tenantId, filter, page);
  }

  /** Name and roles; a roles change is also made in the directory. */
  async update(actor: Actor, userId: string, expectedVersion: number, patch: UserPatch): Promise<User> {
    await this.assertActingAdmin(actor);
    const current = await this.get(actor, userId);
    assertVersion('user', current, expectedVersion);
    const ctx = await changeContext(this.deps, actor);
    const { user, changes } = changeUser(current, patch, ctx);
    if (changes.length === 0) return current;
    assertNotLockingOutSelf(actor, current, user);
    await this.assertAdminRemains(current, user);
    const rolesChanged = changes.some((c) => c.field === 'roles');
    const type = rolesChanged ? 'UserRolesChanged' : 'UserUpdated';
    const event = newUserEvent(this.deps, ctx, type, { subject: subjectOf(userId), data: { user }, changes });
    await this.write(
      current,
      user,
      event,
      ctx.now,
      rolesChanged && (() => this.deps.directory.setRoles(user, user.roles)),
    );
    return user;
  }

  /** The user can no longer sign in and gets no new work; the history stays. Repeating it changes nothing. */
  async deactivate(actor: Actor, userId: string, expectedVersion?: number): Promise<User> {
    await this.assertActingAdmin(actor);
    const current = await this.get(actor, userId);
    assertVersion('user', current, expectedVersion);
    if (!current.active) return current;
    const ctx = await changeContext(this.deps, actor);
    const user = deactivateUser(current, ctx);
    assertNotLockingOutSelf(actor, current, user);
    await this.assertAdminRemains(current, user);
    const event = newUserEvent(this.deps, ctx, 'UserDeactivated', {
      subject: subjectOf(userId),
      data: { user },
      changes: [{ field: 'active', from: true, to: false }],
    });
    await this.write(current, user, event, ctx.now, () => this.deps.directory.deactivate(user));
    return user;
  }

  async reactivate(actor: Actor, userId: string, expectedVersion?: number): Promise<User> {
    await this.assertActingAdmin(actor);
    const current = await this.get(actor, userId);
    assertVersion('user', current, expectedVersion);
    if (current.active) return current;
    const ctx = await changeContext(this.deps, actor);
    const user = reactivateUser(current, ctx);
    const event = newUserEvent(this.deps, ctx, 'UserReactivated', {
      subject: subjectOf(userId),
      data: { user },
      changes: [{ field: 'active', from: false, to: true }],
    });
    await this.write(current, user, event, ctx.now, () => this.deps.directory.reactivate(user));
    return user;
  }

  /** Read on every change, consistently: a deactivation or a role taken away counts at once. */
  private async assertActingAdmin(actor: Actor): Promise<void> {
    assertActingAdmin(actor, await this.deps.users.get(actor.tenantId, actor.userId));
  }

  /** A quick, friendly refusal; the store enforces the same rule atomically against races. */
  private async assertAdminRemains(before: User, after: User): Promise<void> {
    if (!isActiveAdmin(before) || isActiveAdmin(after)) return;
    assertAdminRemains(before, after, await this.deps.users.activeAdminIds(before.tenantId));
  }

  /** The directory first, then the record with its event and, when something was taken, its token cutoff. */
  private async write(
    current: User,
    next: User,
    event: DomainEvent,
    now: Date,
    directoryChange: false | (() => Promise<void>),
  ): Promise<void> {
    if (directoryChange) await directoryChange();
    try {
      await this.deps.users.update(current, next, event, tokenCutoffOf(current, next, now));
    } catch (error) {
      if (directoryChange) await this.resync(current);
      throw error;
    }
  }

  /**
   * The record was not written: put the directory back to what the record
   * says. Best effort; should it fail too, the next change of this user sets
   * the directory again, as every directory method sets a state, not a step.
   */
  private async resync(user: User): Promise<void> {
    try {
      const stored = await this.deps.users.get(user.tenantId, user.id);
      if (!stored) return;
      await this.deps.directory.setRoles(stored, stored.roles);
      await (stored.active ? this.deps.directory.reactivate(stored) : this.deps.directory.deactivate(stored));
    } catch {
      // The original failure is what the caller needs to see.
    }
  }
}

const subjectOf = (userId: string) => ({ type: userSubjectType, id: userId });
