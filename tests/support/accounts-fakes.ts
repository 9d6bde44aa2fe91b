import type { SettingKind, SettingRef, SettingsLookup } from '#domain/settings/settings-lookup';
import type { UserLookup } from '#domain/users/user-lookup';
import type { SettingUsageItems } from '#table/accounts/accounts-commit';

type Scope = 'account' | 'contact' | 'both';

/** Tenant settings kept in memory, for the accounts module's reference checks. */
export class InMemorySettings implements SettingsLookup {
  private readonly settings = new Map<string, { scope?: Scope }>();
  /** How many times `missing` was asked. */
  asked = 0;

  private key = (tenantId: string, kind: SettingKind, id: string) => `${tenantId}#${kind}#${id}`;

  add(tenantId: string, kind: SettingKind, id: string, scope?: Scope): this {
    this.settings.set(this.key(tenantId, kind, id), { scope });
    return this;
  }

  remove(tenantId: string, kind: SettingKind, id: string): void {
    this.settings.delete(this.key(tenantId, kind, id));
  }

  async missing(tenantId: string, refs: readonly SettingRef[]): Promise<SettingRef[]> {
    this.asked++;
    return refs.filter((r) => !this.settings.has(this.key(tenantId, r.kind, r.id)));
  }

  async categoryScope(tenantId: string, categoryId: string): Promise<Scope | undefined> {
    const found = this.settings.get(this.key(tenantId, 'category', categoryId));
    return found ? (found.scope ?? 'both') : undefined;
  }
}

/** Users of tenants kept in memory. */
export class InMemoryUsers implements UserLookup {
  private readonly users = new Map<string, boolean>();

  add(tenantId: string, userId: string, active = true): this {
    this.users.set(`${tenantId}#${userId}`, active);
    return this;
  }

  async user(tenantId: string, userId: string) {
    const active = this.users.get(`${tenantId}#${userId}`);
    return active === undefined ? undefined : { id: userId, active };
  }
}

/** Takes every user named as an active user of the tenant: for a test that is not about owners. */
export const everyUserActive: UserLookup = {
  user: async (_tenantId, userId) => ({ id: userId, active: true }),
};

/** Keeps no usage counts: for a test whose settings live in memory, not in the table. */
export const noUsageCounts: SettingUsageItems = () => [];

/** Finds every setting named, for accounts and contacts alike: for a test that is not about reference checks. */
export const everySettingExists: SettingsLookup = {
  missing: async () => [],
  categoryScope: async () => 'both',
};
