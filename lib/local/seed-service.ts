import type { CaseActor } from '#domain/service/case-access';
import { defaultServiceSettings } from '#domain/service/default-service-settings';
import type { ServiceSettings } from '#domain/service/service-settings';
import type { CasesEnvironment } from '#runtime/cases-services';
import { casesServices } from '#runtime/cases-services';
import { settingsServices } from '#runtime/settings-services';
import { DynamoCaseParties } from '#table/service/case-parties';
import type { DemoTenant } from './seed';

/** Each demo tenant's service words: its teams and a routing rule's keywords. */
const words = {
  SE: { team: 'Kundservice', escalation: 'Eskalering', outageWords: ['strömavbrott', 'elavbrott'] },
  SK: { team: 'Zákaznícky servis', escalation: 'Eskalácia', outageWords: ['výpadok', 'bez prúdu'] },
} as const;

/** The demo web forms' keys and social pages: public, so fixed and printed by `npm start`. */
export const demoChannels = {
  norrsken: { formKey: 'norrsken-kontakt-demo', pageId: '100000000000001' },
  tatra: { formKey: 'tatra-kontakt-demo-01', pageId: '100000000000002' },
} as const satisfies Record<string, { formKey: string; pageId: string }>;

/**
 * The customer-service side of the demo, per tenant: a service team (the
 * service user and the admin, round-robin, the admin its lead) and an
 * escalation team; the country's default calendar, levels and policies with
 * high and urgent breaches escalated to that team; outage reports routed to
 * it by type and keywords; the mailbox (the tenant's sender address), a web
 * form and a social page.
 */
export async function seedDemoServiceSetup(
  env: CasesEnvironment,
  tenants: readonly DemoTenant[],
): Promise<void> {
  const { settings } = settingsServices({ table: env.table });
  const service = casesServices(env);
  for (const tenant of tenants) {
    const admin = tenant.users.find((u) => u.groups.includes('admin'));
    const agent = tenant.users.find((u) => u.groups.includes('service'));
    const channels = demoChannels[tenant.profile.id as keyof typeof demoChannels];
    const country = tenant.profile.country === 'SK' ? 'SK' : 'SE';
    if (!admin || !agent || !channels || !tenant.profile.emailSender) continue;
    const actor = { tenantId: tenant.profile.id, userId: admin.sub };
    const w = words[country];
    const team = (
      await settings.create(actor, 'user-group', {
        title: w.team,
        type: 'Standard',
        members: [agent.sub, admin.sub],
      })
    ).value;
    const escalation = (
      await settings.create(actor, 'user-group', {
        title: w.escalation,
        type: 'Standard',
        members: [admin.sub],
      })
    ).value;
    const defaults = defaultServiceSettings(country);
    const demo: ServiceSettings = {
      ...defaults,
      mailbox: tenant.profile.emailSender,
      webFormKeys: [channels.formKey],
      socialPages: [{ platform: 'messenger', pageId: channels.pageId }],
      policies: defaults.policies.map((p) =>
        p.priority === 'high' || p.priority === 'urgent'
          ? { ...p, escalation: { ...p.escalation, escalationTeamId: escalation.id } }
          : p,
      ),
      teams: [
        { groupId: team.id, method: 'round-robin', capacityPerMember: 25, leadUserId: admin.sub },
        { groupId: escalation.id, method: 'queue', capacityPerMember: 50, leadUserId: admin.sub },
      ],
      routingRules: [
        { id: 'outages', name: 'Outages', when: { caseTypes: ['outage'] }, teamId: escalation.id },
        {
          id: 'outage-words',
          name: 'Outage words',
          when: { keywords: [...w.outageWords] },
          teamId: escalation.id,
        },
      ],
      defaultTeamId: team.id,
    };
    await service.settings.replace(actor, 0, demo);
  }
}

/** A few open cases per demo tenant: a call from a known contact and a web-form message from a stranger. */
export async function seedDemoCases(env: CasesEnvironment, tenants: readonly DemoTenant[]): Promise<void> {
  const service = casesServices(env);
  const caseWords = {
    SE: {
      call: 'Fråga om senaste fakturan',
      body: 'Kunden ringde om en för hög faktura i november.',
      webSubject: 'Flytt i januari',
    },
    SK: {
      call: 'Otázka k poslednej faktúre',
      body: 'Zákazník volal kvôli vysokej faktúre za november.',
      webSubject: 'Sťahovanie v januári',
    },
  } as const;
  for (const tenant of tenants) {
    const agent = tenant.users.find((u) => u.groups.includes('service'));
    const contactEmail =
      tenant.profile.id === 'norrsken' ? 'karin@solrosen.example' : 'objednavky@pekaren-jan.example';
    if (!agent) continue;
    const actor: CaseActor = await service.cases.actor({
      tenantId: tenant.profile.id,
      userId: agent.sub,
      roles: agent.groups,
    });
    const w = caseWords[tenant.profile.country === 'SK' ? 'SK' : 'SE'];
    const [contact] = await new DynamoCaseParties(env.table).contactsByEmail(tenant.profile.id, contactEmail);
    await service.cases.open(actor, {
      subject: w.call,
      description: w.body,
      type: 'billing',
      channel: 'phone',
      ...(contact ? { contactId: contact.id } : {}),
    });
    await service.cases.open(actor, {
      subject: w.webSubject,
      description: w.webSubject,
      type: 'move',
      priority: 'low',
      channel: 'web',
      requester: { name: 'Demo', email: `demo@${tenant.profile.id}.example` },
    });
  }
}
