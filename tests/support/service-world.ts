import { PostalMimeParser } from '#adapters/mail/postal-mime-parser';
import type { CaseTimerName } from '#domain/service/case';
import type { CaseTimerInput, CaseTimerScheduler } from '#domain/service/case-timers';
import { defaultServiceSettings } from '#domain/service/default-service-settings';
import type { TenantProfile } from '#domain/tenant';
import { casesServices } from '#runtime/cases-services';
import { settingsServices } from '#runtime/settings-services';
import { DynamoTenantDirectory } from '#table/core/tenant-directory';
import { localObjectStore } from './attachment-files';
import { freshTable, swedishTenant } from './local-table';

/** Case timers that only remember what they were asked to do. */
export function recordingCaseTimers() {
  const calls: (
    | { readonly kind: 'set'; readonly input: CaseTimerInput }
    | {
        readonly kind: 'clear';
        readonly tenantId: string;
        readonly caseId: string;
        readonly timer: CaseTimerName;
      }
  )[] = [];
  const timers: CaseTimerScheduler = {
    set: async (input) => {
      calls.push({ kind: 'set', input });
    },
    clear: async (tenantId, caseId, timer) => {
      calls.push({ kind: 'clear', tenantId, caseId, timer });
    },
  };
  return { timers, calls };
}

/**
 * Customer service over a fresh table and the run's local S3, set up as the
 * demo does for a tenant: its profile, a service team (a user group whose
 * cases wait in its queue) and the service settings with a mailbox, a web
 * form and a Messenger page.
 */
export async function serviceWorld(profile: TenantProfile = swedishTenant()) {
  const table = await freshTable();
  const objects = localObjectStore();
  const { timers, calls: timerCalls } = recordingCaseTimers();
  await new DynamoTenantDirectory(table).save(profile);
  const tenantId = profile.id;
  const admin = { tenantId, userId: `${tenantId}-admin`, roles: ['admin'] as const };
  const team = (
    await settingsServices({ table }).settings.create(admin, 'user-group', {
      title: 'Kundservice',
      type: 'Standard',
    })
  ).value;
  const services = casesServices({ table, objects, caseTimers: timers, mailParser: new PostalMimeParser() });
  const mailbox = `kundservice@${tenantId}.example`;
  const channels = { formKey: 'kontaktformular-test-01', pageId: '100000000000009' };
  await services.settings.replace(admin, 0, {
    ...defaultServiceSettings(profile.country === 'SK' ? 'SK' : 'SE'),
    mailbox: { name: 'Kundservice', address: mailbox },
    webFormKeys: [channels.formKey],
    socialPages: [{ platform: 'messenger', pageId: channels.pageId }],
    teams: [{ groupId: team.id, method: 'queue', capacityPerMember: 25 }],
    defaultTeamId: team.id,
  });
  const adminActor = await services.cases.actor({ tenantId, userId: admin.userId, roles: ['admin'] });
  return {
    table,
    objects,
    timers,
    timerCalls,
    tenantId,
    admin: adminActor,
    teamId: team.id,
    services,
    mailbox,
    channels,
    /** Every case of the tenant, as an admin lists them. */
    cases: async () => (await services.cases.list(adminActor, {}, { limit: 100 })).items,
  };
}

export type ServiceWorld = Awaited<ReturnType<typeof serviceWorld>>;
