import type { CaseTimerInput, CaseTimerScheduler } from '#domain/service/case-timers';
import { defaultServiceSettings } from '#domain/service/default-service-settings';
import type { ServiceSettings } from '#domain/service/service-settings';
import type { Role } from '#domain/users/roles';
import { casesServices } from '#runtime/cases-services';
import { settingsServices } from '#runtime/settings-services';
import type { Table } from '#table/core/table';
import { DynamoTenantDirectory } from '#table/core/tenant-directory';
import { seedDemoUsers } from '../../../lib/local/seed-users';
import { freshTable, swedishTenant } from '../../support/local-table';

/** The timers a world's cases set and cleared, by case and timer. */
export class RecordedTimers implements CaseTimerScheduler {
  readonly pending = new Map<string, CaseTimerInput>();

  async set(input: CaseTimerInput): Promise<void> {
    this.pending.set(`${input.caseId}/${input.timer}`, input);
  }

  async clear(_tenantId: string, caseId: string, timer: string): Promise<void> {
    this.pending.delete(`${caseId}/${timer}`);
  }

  of(caseId: string): CaseTimerInput[] {
    return [...this.pending.values()]
      .filter((t) => t.caseId === caseId)
      .sort((a, b) => a.at.localeCompare(b.at));
  }
}

/** A clock a test moves. */
export class TestClock {
  constructor(private current: Date) {}
  now = () => new Date(this.current);
  set(iso: string) {
    this.current = new Date(iso);
  }
}

const user = (tenantId: string, name: string, groups: Role[]) => ({
  sub: `${tenantId}-${name}`,
  tenantId,
  email: `${name}@${tenantId}.example`,
  groups,
});

/**
 * A Swedish tenant with an admin, two service agents in a round-robin team
 * (capacity 2), an outsider agent in a team of its own and a seller; the
 * country's default calendar and policies; cases routed to the agents' team.
 */
export async function caseWorld(
  options: { readonly now?: string; readonly settings?: (s: ServiceSettings) => ServiceSettings } = {},
) {
  const table: Table = await freshTable();
  const tenant = swedishTenant();
  await new DynamoTenantDirectory(table).save(tenant);
  const users = {
    admin: user(tenant.id, 'admin', ['admin']),
    anna: user(tenant.id, 'anna', ['service']),
    bo: user(tenant.id, 'bo', ['service']),
    other: user(tenant.id, 'other', ['service']),
    seller: user(tenant.id, 'seller', ['sales']),
  };
  await seedDemoUsers(table, [{ profile: tenant, users: Object.values(users) }]);
  const adminActor = { tenantId: tenant.id, userId: users.admin.sub };
  const { settings } = settingsServices({ table });
  const team = (
    await settings.create(adminActor, 'user-group', {
      title: 'Kundservice',
      type: 'Standard',
      members: [users.anna.sub, users.bo.sub],
    })
  ).value;
  const otherTeam = (
    await settings.create(adminActor, 'user-group', {
      title: 'Företag',
      type: 'Standard',
      members: [users.other.sub],
    })
  ).value;
  const clock = new TestClock(new Date(options.now ?? '2026-12-01T09:00:00.000Z'));
  const timers = new RecordedTimers();
  const sent: { to: string; subject: string }[] = [];
  const headers: Record<string, string>[] = [];
  const services = casesServices(
    {
      table,
      caseTimers: timers,
      mailer: {
        send: async (email) => {
          sent.push({ to: email.to, subject: email.subject });
          headers.push(Object.fromEntries((email.headers ?? []).map((h) => [h.name, h.value])));
          return { messageId: `ses-${sent.length}` };
        },
      },
    },
    { clock },
  );
  const base: ServiceSettings = {
    ...defaultServiceSettings('SE'),
    mailbox: { name: 'Kundservice', address: 'kundservice@nordel.example' },
    teams: [
      { groupId: team.id, method: 'round-robin', capacityPerMember: 2, leadUserId: users.anna.sub },
      { groupId: otherTeam.id, method: 'queue', capacityPerMember: 10 },
    ],
    defaultTeamId: team.id,
  };
  await services.settings.replace(adminActor, 0, options.settings ? options.settings(base) : base);
  const actorOf = (u: (typeof users)[keyof typeof users]) =>
    services.cases.actor({ tenantId: tenant.id, userId: u.sub, roles: u.groups });
  return { table, tenant, users, team, otherTeam, clock, timers, sent, headers, services, actorOf };
}
