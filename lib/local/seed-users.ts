import { monotonicFactory } from 'ulid';
import { LocalUserDirectory, localSubKey } from '#adapters/users/local-user-directory';
import { usersServices } from '#runtime/users-services';
import type { Table } from '#table/core/table';
import { type DemoTenant, demoTenants } from './seed';

/** Display names of the demo users, by e-mail. */
const demoNames: Readonly<Record<string, string>> = {
  'admin@norrsken.example': 'Ingrid Berg',
  'sales@norrsken.example': 'Erik Lindström',
  'sales2@norrsken.example': 'Maja Ek',
  'service@norrsken.example': 'Sara Nilsson',
  'technician@norrsken.example': 'Johan Sandberg',
  'technician2@norrsken.example': 'Elin Forsberg',
  'viewer@norrsken.example': 'Lars Holm',
  'admin@tatra.example': 'Zuzana Nováková',
  'sales@tatra.example': 'Martin Kováč',
  'sales2@tatra.example': 'Lucia Balážová',
  'service@tatra.example': 'Jana Horváthová',
  'technician@tatra.example': 'Tomáš Hudák',
  'technician2@tatra.example': 'Michal Baláž',
  'viewer@tatra.example': 'Peter Szabó',
};

/** The demo users' fixed ids (`tenantId/email` → sub): the ids their printed tokens carry. */
export function demoUserSubs(tenants: readonly DemoTenant[] = demoTenants): Map<string, string> {
  return new Map(
    tenants.flatMap((t) => t.users.map((u) => [localSubKey(u.tenantId, u.email), u.sub] as const)),
  );
}

/**
 * Creates a record for every demo user through the user service, with the
 * ids (`sub`) of `demoTenants`, so tokens minted for them name real users.
 * The tenants' profiles must be saved first. The admin is created first, as
 * the tenant's first admin, and creates the others.
 */
export async function seedDemoUsers(
  table: Table,
  tenants: readonly DemoTenant[] = demoTenants,
): Promise<void> {
  const ulid = monotonicFactory();
  const { users } = usersServices({
    table,
    directory: new LocalUserDirectory({ next: () => ulid() }, demoUserSubs(tenants)),
  });
  for (const tenant of tenants) {
    const ordered = [...tenant.users].sort(
      (a, b) => Number(b.groups.includes('admin')) - Number(a.groups.includes('admin')),
    );
    const admin = ordered[0];
    if (!admin) continue;
    const actor = { tenantId: tenant.profile.id, userId: admin.sub };
    const draft = (user: (typeof ordered)[number]) => ({
      email: user.email,
      name: demoNames[user.email] ?? user.email,
      roles: user.groups,
    });
    await users.createFirstAdmin(actor, draft(admin));
    for (const user of ordered.slice(1)) await users.create(actor, draft(user));
  }
}
