import type { Actor } from '#domain/ports';
import { campaignsServices } from '#runtime/campaigns-services';
import { salesServices } from '#runtime/sales-services';
import type { Table } from '#table/core/table';
import type { DemoTenant } from './seed';

/**
 * Each demo tenant's campaigns (R-MK-1): the autumn fair, whose code the
 * seeded sales lead carries, with two more of its leads, one qualified by
 * marketing and one met and qualified by sales; and the property portal's
 * newsletter, the campaign of its sample inquiry. The funnel consumer counts
 * them once the runtime relays the leads' events.
 */
export async function seedDemoCampaigns(table: Table, tenants: readonly DemoTenant[]): Promise<void> {
  const { campaigns } = campaignsServices({ table });
  const { leads } = salesServices({ table });
  for (const tenant of tenants) {
    const admin = tenant.users.find((u) => u.groups.includes('admin'));
    if (!admin) continue;
    const actor: Actor & { roles: ['admin'] } = {
      tenantId: tenant.profile.id,
      userId: admin.sub,
      roles: ['admin'],
    };
    const se = tenant.profile.country === 'SE';
    await campaigns.create(actor, {
      name: se ? 'Höstmässan 2026' : 'Jesenný veľtrh 2026',
      channel: 'event',
      period: { from: '2026-09-15', to: '2026-11-30' },
      budget: { amountMinor: se ? 6_000_000 : 450_000 },
      codes: { campaign: 'autumn-fair', source: 'fair', medium: 'event' },
      description: se
        ? 'Montern på energimässan och uppföljning av besökarna.'
        : 'Stánok na veľtrhu energií.',
    });
    await campaigns.create(actor, {
      name: se ? 'Flytt hösten 2026' : 'Sťahovanie jeseň 2026',
      channel: 'partner',
      period: { from: '2026-10-01', to: '2027-03-31' },
      budget: { amountMinor: se ? 3_000_000 : 250_000 },
      // The campaign the property portal's sample inquiry carries (`npm run send-lead`).
      codes: {
        campaign: se ? 'flytt-hosten-2026' : 'stahovanie-jesen-2026',
        source: 'portal-newsletter',
        medium: 'email',
      },
    });

    const fairLead = (firstName: string, lastName: string, email: string) =>
      leads.create(actor, {
        firstName,
        lastName,
        email,
        segment: 'B2C',
        commodity: 'electricity',
        attribution: { source: 'manual', campaign: 'autumn-fair' },
      });
    const marketing = (
      await fairLead(
        se ? 'Maja' : 'Mária',
        se ? 'Berg' : 'Kováčová',
        se ? 'maja.berg@example.se' : 'maria.k@example.sk',
      )
    ).value;
    await leads.move(actor, marketing.id, marketing.version, 'marketing-qualified');
    const met = (
      await fairLead(
        se ? 'Nils' : 'Igor',
        se ? 'Holm' : 'Baláž',
        se ? 'nils.holm@example.se' : 'igor.b@example.sk',
      )
    ).value;
    const engaged = await leads.recordEngagement(actor, met.id, 'meeting');
    await leads.move(actor, met.id, engaged.version, 'sales-qualified');
  }
}
