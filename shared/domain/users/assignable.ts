import { type InvalidField, ValidationError } from '#domain/errors';
import type { UserLookup } from './user-lookup';

export interface UserReference {
  /** The request field that names the user, e.g. `ownerId` or `participants.2`. */
  readonly field: string;
  readonly userId: string | undefined;
}

/**
 * New work (an owner, a member, a participant) goes only to an active user
 * of the tenant: anyone else is a ValidationError naming each field at fault.
 * A reference that was already there before the change is the caller's to
 * leave out, so history can keep naming a deactivated user.
 */
export async function assertAssignable(
  lookup: UserLookup,
  tenantId: string,
  references: readonly UserReference[],
): Promise<void> {
  const invalid: InvalidField[] = [];
  for (const { field, userId } of references) {
    if (userId === undefined) continue;
    const user = await lookup.user(tenantId, userId);
    if (!user) invalid.push({ name: field, reason: 'no such user' });
    else if (!user.active) invalid.push({ name: field, reason: 'the user is deactivated' });
  }
  if (invalid.length > 0) throw new ValidationError(invalid);
}
