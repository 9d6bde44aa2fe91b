import type { Actor } from '#domain/ports';
import type { SalesActor } from '#domain/sales/sales-ports';
import { accountsServices } from '#runtime/accounts-services';
import { environmentWebhookSecrets } from '#runtime/environment/webhook-secrets';
import { leadSourceServices } from '#runtime/lead-source-services';
import { salesServices } from '#runtime/sales-services';
import { settingsServices } from '#runtime/settings-services';
import type { Table } from '#table/core/table';
import type { DemoTenant } from './seed';

/** A demo lead source, with the one time its signing secret is known. */
export interface DemoLeadSource {
  readonly tenantId: string;
  readonly name: string;
  readonly webhookPath: string;
  readonly signingSecret: string;
  /** A delivery the source's platform could send, in the tenant's country: `npm run send-lead` posts it. */
  readonly samplePayload: string;
}

interface SalesWords {
  readonly stages: readonly [string, number, 'open' | 'won' | 'lost'][];
  readonly lossReasons: readonly string[];
  readonly dealType: string;
  readonly groups: readonly [string, string];
  readonly followUp: string;
  readonly infoPack: string;
  /** The property portal's sample inquiry, from the project root: phones and org numbers of this country. */
  readonly leadSample: string;
}

const words: Readonly<Record<string, SalesWords>> = {
  SE: {
    stages: [
      ['Kvalificering', 2000, 'open'],
      ['Offert skickad', 5000, 'open'],
      ['Förhandling', 7500, 'open'],
      ['Vunnen', 10_000, 'won'],
      ['Förlorad', 0, 'lost'],
    ],
    lossReasons: ['Pris', 'Valde annan leverantör', 'Inget beslut'],
    dealType: 'Ny kund',
    groups: ['Försäljning', 'Team Stockholm'],
    followUp: 'Ring leadet',
    infoPack: 'Skicka informationspaket',
    leadSample: 'events/lead-webhooks/property-portal-inquiry.json',
  },
  SK: {
    stages: [
      ['Kvalifikácia', 2000, 'open'],
      ['Ponuka odoslaná', 5000, 'open'],
      ['Rokovanie', 7500, 'open'],
      ['Vyhraný', 10_000, 'won'],
      ['Stratený', 0, 'lost'],
    ],
    lossReasons: ['Cena', 'Iný dodávateľ', 'Bez rozhodnutia'],
    dealType: 'Nový zákazník',
    groups: ['Obchod', 'Tím Bratislava'],
    followUp: 'Zavolať záujemcovi',
    infoPack: 'Poslať informačný balík',
    leadSample: 'events/lead-webhooks/property-portal-inquiry-sk.json',
  },
};

/**
 * The sales side of the demo, per tenant, through the domain services:
 * deal stages, loss reasons and a deal type; a sales group with a team of
 * the two sellers; scoring, routing (to the team, round-robin) and nurture
 * rules; a property-portal lead source; and a few leads, which the lead
 * pipeline scores and routes once the runtime relays their events.
 */
export async function seedDemoSales(table: Table, tenants: readonly DemoTenant[]): Promise<DemoLeadSource[]> {
  const { settings } = settingsServices({ table });
  const sales = salesServices({ table });
  const { accounts } = accountsServices({ table });
  // The secrets go where the functions read them: the runtime's Secrets Manager.
  const { sources } = leadSourceServices({ table, webhookSecrets: environmentWebhookSecrets() });
  const created: DemoLeadSource[] = [];
  for (const tenant of tenants) {
    const w = words[tenant.profile.country] ?? (words.SE as SalesWords);
    const admin = tenant.users.find((u) => u.groups.includes('admin'));
    const sellers = tenant.users.filter((u) => u.groups.includes('sales')).map((u) => u.sub);
    if (!admin) continue;
    const actor: Actor = { tenantId: tenant.profile.id, userId: admin.sub };
    const salesActor: SalesActor = { ...actor, roles: ['admin'] };

    for (const title of w.lossReasons) await settings.create(actor, 'loss-reason', { title });
    const stageIds: string[] = [];
    for (const [title, probabilityBasisPoints, status] of w.stages) {
      stageIds.push(
        (await settings.create(actor, 'deal-stage', { title, probabilityBasisPoints, status })).value.id,
      );
    }
    await settings.create(actor, 'deal-type', { title: w.dealType });
    const top = (await settings.create(actor, 'user-group', { title: w.groups[0], type: 'Sales' })).value;
    const team = (
      await settings.create(actor, 'user-group', {
        title: w.groups[1],
        type: 'Sales',
        parentId: top.id,
        members: sellers,
      })
    ).value;

    await sales.salesSettings.replace(actor, 0, {
      scoring: {
        rules: [
          { id: 'business', kind: 'attribute', attribute: 'segment', equals: 'B2B', points: 20 },
          { id: 'electricity', kind: 'attribute', attribute: 'commodity', equals: 'electricity', points: 10 },
          { id: 'large-consumer', kind: 'consumption', atLeastKwh: 50_000, points: 25 },
          { id: 'opened-email', kind: 'activity', activity: 'email-opened', pointsEach: 5, maxPoints: 20 },
          { id: 'met', kind: 'activity', activity: 'meeting', pointsEach: 15, maxPoints: 30 },
        ],
        qualifyAt: 40,
      },
      routing: { rules: [], fallback: { type: 'group', groupId: team.id } },
      nurturing: {
        rules: [
          { id: 'info-pack', stage: 'lead', afterDays: 3, title: w.infoPack },
          { id: 'call', stage: 'marketing-qualified', afterDays: 1, title: w.followUp },
        ],
      },
      offers: { validityDays: 30 },
    });

    const portal = await sources.create(actor, {
      name: 'Property portal',
      preset: 'property-portal',
      defaultCampaign: 'portal-listings',
    });
    if (portal.signingSecret) {
      created.push({
        tenantId: tenant.profile.id,
        name: portal.source.name,
        webhookPath: `/v1/webhooks/leads/${portal.source.id}`,
        signingSecret: portal.signingSecret,
        samplePayload: w.leadSample,
      });
    }

    const se = tenant.profile.country === 'SE';
    await sales.leads.create(actor, {
      firstName: se ? 'Karin' : 'Katarína',
      lastName: se ? 'Ek' : 'Dubová',
      companyName: se ? 'Ek Fastigheter AB' : 'Dubová Reality s.r.o.',
      email: se ? 'karin.ek@ekfastigheter.example' : 'katarina@dubova-reality.example',
      segment: 'B2B',
      commodity: 'electricity',
      annualConsumptionKwh: 180_000,
      attribution: { source: 'manual', campaign: 'autumn-fair' },
    });
    await sales.leads.create(actor, {
      firstName: se ? 'Olle' : 'Ondrej',
      lastName: se ? 'Strand' : 'Hrubý',
      phone: se ? '070-555 12 34' : '0905 555 123',
      segment: 'B2C',
      commodity: se ? 'electricity' : 'gas',
      attribution: { source: 'manual' },
    });
    const [first, second] = sellers;
    const [account] = (await accounts.list(actor, {}, { limit: 1 })).items;
    if (!first || !second || !account) continue;
    await sales.deals.create(salesActor, {
      title: se ? 'Elavtal 2027' : 'Dodávka elektriny 2027',
      accountId: account.id,
      ownerId: first,
      participants: [
        { userId: first, shareBasisPoints: 7000 },
        { userId: second, shareBasisPoints: 3000 },
      ],
      commodity: 'electricity',
      stageId: stageIds[1] as string,
      valueMinor: se ? 48_000_000 : 4_200_000,
      expectedCloseDate: '2027-02-28',
    });
  }
  return created;
}
