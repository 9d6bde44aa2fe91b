/** How other modules check that a user may own or be given new work. */
export interface UserLookup {
  /** The user of the tenant, or undefined; a deactivated user keeps history but gets no new work. */
  user(
    tenantId: string,
    userId: string,
  ): Promise<{ readonly id: string; readonly active: boolean } | undefined>;
}
