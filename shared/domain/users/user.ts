import { ConflictError, ForbiddenError, type InvalidField, ValidationError } from '#domain/errors';
import { diffFields, type FieldChange } from '#domain/events';
import { normaliseEmail } from '#domain/identifiers/email';
import type { Actor } from '#domain/ports';
import { type ChangeContext, createdStamps, type Stamps, touched } from '#domain/stamps';
import { type Role, roles } from './roles';

/** What an admin sets on a user. */
export interface UserFields {
  /** Trimmed and lower-cased; unique per tenant, and the user's sign-in name. It does not change. */
  readonly email: string;
  readonly name: string;
  /** At least one, without duplicates, in the order of `roles`. */
  readonly roles: readonly Role[];
}

/**
 * A user of one tenant. The id is the `sub` of the user's sign-in account
 * (Cognito in the cloud), so it is the `userId` every token, owner and
 * history entry carries. A deactivated user keeps the id and its history.
 */
export interface User extends UserFields, Stamps {
  readonly active: boolean;
  readonly deactivatedAt?: string;
  /** The sign-in account's username at the identity provider. */
  readonly username: string;
}

/** What a caller sends to create a user: checked here, not trusted. */
export interface UserDraft {
  readonly email: string;
  readonly name: string;
  readonly roles: readonly string[];
}

/** Only the fields given change. The e-mail is the sign-in name and cannot be changed. */
export interface UserPatch {
  readonly name?: string;
  readonly roles?: readonly string[];
}

/** The sign-in account a directory made for a user. */
export interface SignInAccount {
  /** Becomes the user's id. */
  readonly id: string;
  readonly username: string;
}

const nameMaxLength = 200;
const knownRoles = new Set<string>(roles);

/**
 * Checks a list of roles: at least one, each one of `roles`; duplicates are
 * dropped and the result is in the canonical order.
 */
export function checkRoles(given: readonly string[] | undefined, field = 'roles'): Role[] | InvalidField[] {
  if (!given || given.length === 0) return [{ name: field, reason: 'give at least one role' }];
  const invalid = given.flatMap((role, i) =>
    knownRoles.has(role) ? [] : [{ name: `${field}.${i}`, reason: `not a role; one of ${roles.join(', ')}` }],
  );
  if (invalid.length > 0) return invalid;
  const chosen = new Set(given);
  return roles.filter((r) => chosen.has(r));
}

const isRoleList = (checked: Role[] | InvalidField[]): checked is Role[] =>
  checked.every((entry) => typeof entry === 'string');

function checkName(given: string | undefined, invalid: InvalidField[]): string {
  const name = given?.trim() ?? '';
  if (name.length === 0) invalid.push({ name: 'name', reason: 'must not be blank' });
  else if (name.length > nameMaxLength)
    invalid.push({ name: 'name', reason: `at most ${nameMaxLength} characters` });
  return name;
}

/** The checked fields of a new user, or a ValidationError naming every field at fault. */
export function newUserFields(draft: UserDraft): UserFields {
  const invalid: InvalidField[] = [];
  const email = normaliseEmail(draft.email ?? '');
  if (!email.ok) invalid.push({ name: 'email', reason: email.reason });
  const name = checkName(draft.name, invalid);
  const checkedRoles = checkRoles(draft.roles);
  if (!isRoleList(checkedRoles)) invalid.push(...checkedRoles);
  if (invalid.length > 0 || !email.ok || !isRoleList(checkedRoles)) throw new ValidationError(invalid);
  return { email: email.value, name, roles: checkedRoles };
}

export function createUser(account: SignInAccount, fields: UserFields, ctx: ChangeContext): User {
  return { ...fields, ...createdStamps(account.id, ctx), active: true, username: account.username };
}

const trackedFields = ['name', 'roles'] as const satisfies readonly (keyof UserFields)[];

export function changeUser(
  current: User,
  patch: UserPatch,
  ctx: ChangeContext,
): { user: User; changes: FieldChange[] } {
  const invalid: InvalidField[] = [];
  const name = patch.name === undefined ? current.name : checkName(patch.name, invalid);
  let nextRoles = current.roles;
  if (patch.roles !== undefined) {
    const checked = checkRoles(patch.roles);
    if (isRoleList(checked)) nextRoles = checked;
    else invalid.push(...checked);
  }
  if (invalid.length > 0) throw new ValidationError(invalid);
  const fields: UserFields = { email: current.email, name, roles: nextRoles };
  const changes = diffFields<UserFields>(current, fields, trackedFields);
  return { user: touched({ ...current, ...fields }, ctx), changes };
}

export function deactivateUser(current: User, ctx: ChangeContext): User {
  return { ...touched(current, ctx), active: false, deactivatedAt: ctx.now.toISOString() };
}

export function reactivateUser(current: User, ctx: ChangeContext): User {
  const { deactivatedAt: _, ...rest } = touched(current, ctx);
  return { ...rest, active: true };
}

/** A second user with the same e-mail in one tenant (409 naming `email`). */
export const emailTaken = (email: string) =>
  new ConflictError('email-taken', `a user with the e-mail ${email} already exists`, [
    { name: 'email', reason: 'already used by another user' },
  ]);

/** An admin who can act: the one kind of user a tenant must never run out of. */
export const isActiveAdmin = (user: Pick<User, 'active' | 'roles'>): boolean =>
  user.active && user.roles.includes('admin');

/** What the last-admin rule says about a change, by what the change takes away. */
export function lastAdminRule(next: Pick<User, 'active'>): InvalidField {
  return next.active
    ? {
        name: 'roles',
        reason:
          'the last active admin of the tenant cannot lose the admin role; make another user admin first',
      }
    : {
        name: 'active',
        reason: 'the last active admin of the tenant cannot be deactivated; make another user admin first',
      };
}

/**
 * A tenant keeps at least one active admin: a change that takes the admin
 * role or activity from the last one is refused (409). `activeAdminIds` are
 * the tenant's active admins before the change.
 */
export function assertAdminRemains(before: User, after: User, activeAdminIds: readonly string[]): void {
  if (!isActiveAdmin(before) || isActiveAdmin(after)) return;
  if (activeAdminIds.some((id) => id !== before.id)) return;
  const rule = lastAdminRule(after);
  throw new ConflictError('last-admin', rule.reason, [rule]);
}

/**
 * Users are managed by an active admin as the table knows the caller now,
 * not as the caller's token says: a token outlives a deactivation or a role
 * taken away by up to an hour. `caller` is the caller's stored record.
 */
export function assertActingAdmin(actor: Actor, caller: User | undefined): void {
  if (caller?.id === actor.userId && caller.tenantId === actor.tenantId && isActiveAdmin(caller)) return;
  throw new ForbiddenError('only an active admin of the tenant manages users, and your user is not one now');
}

/**
 * An admin does not lock itself out: deactivating itself or taking its own
 * admin role is another admin's to do, so that a mistake, or a stolen
 * token, cannot leave the tenant's users unmanaged.
 */
export function assertNotLockingOutSelf(actor: Actor, before: User, after: User): void {
  if (before.id !== actor.userId || !isActiveAdmin(before) || isActiveAdmin(after)) return;
  throw new ForbiddenError(
    after.active
      ? 'you cannot take the admin role from yourself; another admin can'
      : 'you cannot deactivate yourself; another admin can',
  );
}
