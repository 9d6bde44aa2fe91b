import type { IdGenerator } from '#domain/ports';
import type { SignInAccount } from '#domain/users/user';
import type { UserDirectory } from '#domain/users/user-directory';

/**
 * The user directory of the local runtime and the tests: there is no user
 * pool, so a new user gets a new id as its `sub` and nothing else happens.
 * Roles and activity live in the user's record alone; the local runtime mints
 * tokens from that record (lib/local/user-tokens.ts).
 */
export class LocalUserDirectory implements UserDirectory {
  /**
   * @param knownSubs fixed ids by `tenantId/email`, so the seeded demo users
   *   keep the ids their printed tokens carry; every other user gets `ids.next()`.
   */
  constructor(
    private readonly ids: IdGenerator,
    private readonly knownSubs: ReadonlyMap<string, string> = new Map(),
  ) {}

  async createUser(tenant: { id: string }, user: { email: string }): Promise<SignInAccount> {
    const id = this.knownSubs.get(localSubKey(tenant.id, user.email)) ?? this.ids.next();
    return { id, username: user.email };
  }

  async setRoles(): Promise<void> {}

  async deactivate(): Promise<void> {}

  async reactivate(): Promise<void> {}
}

/** The key of `knownSubs`. */
export const localSubKey = (tenantId: string, email: string) => `${tenantId}/${email}`;
