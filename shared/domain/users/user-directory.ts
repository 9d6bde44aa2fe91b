import type { TenantProfile } from '#domain/tenant';
import type { Role } from './roles';
import type { SignInAccount, User } from './user';

/** The user a directory acts on: its tenant, its id (`sub`) and its sign-in username. */
export type DirectoryUser = Pick<User, 'tenantId' | 'id' | 'username'>;

/**
 * Where users sign in: the Cognito user pool in the cloud (roles are its
 * groups, the tenant its `custom:tenantId` attribute); locally nothing but a
 * new id. The user's record, lists and reads are the table's (UserStore):
 * Cognito cannot list a tenant's users. Every method can be repeated with
 * the same outcome, so a failed change is repaired by doing it again.
 */
export interface UserDirectory {
  /**
   * Creates the sign-in account (the invitation goes out by e-mail) with
   * exactly these roles. An account of the same tenant with this e-mail that
   * an earlier, interrupted create left behind is taken over; one of another
   * tenant is a ConflictError naming `email`. The tenant's country goes
   * into the account too, so its tokens carry it (ADR 0026).
   */
  createUser(
    tenant: Pick<TenantProfile, 'id' | 'country'>,
    user: { readonly email: string; readonly roles: readonly Role[] },
  ): Promise<SignInAccount>;
  /** Makes the account's roles exactly `roles`. */
  setRoles(user: DirectoryUser, roles: readonly Role[]): Promise<void>;
  /**
   * No new sign-ins or tokens: the account is disabled and signed out
   * everywhere. Tokens already issued are refused through the user's token
   * cutoff, which the store writes with the record.
   */
  deactivate(user: DirectoryUser): Promise<void>;
  reactivate(user: DirectoryUser): Promise<void>;
}
