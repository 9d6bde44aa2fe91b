import type { RuleRequest } from '#domain/commissions/commission-rule-service';
import type { SalesActor } from '#domain/sales/sales-ports';
import { commissionsServices } from '#runtime/commissions-services';
import type { Table } from '#table/core/table';
import type { DemoTenant } from './seed';

const common = { active: true, validFrom: '2026-01-01' } as const;

/** Each demo tenant's commission rules: businesses and households, in its currency. */
const demoRules: Readonly<Record<string, readonly RuleRequest[]>> = {
  SK: [
    {
      ...common,
      name: 'Firemní zákazníci – elektrina',
      currency: 'EUR',
      match: { customerType: 'B2B', commodity: 'electricity' },
      amount: { kind: 'fixed', amountMinor: 15_000 },
      split: { companyBasisPoints: 3_000, salesBasisPoints: 7_000 },
      payout: {
        kind: 'steps',
        steps: [
          { basisPoints: 7_000, anchor: 'supply-start', afterMonths: 0 },
          { basisPoints: 3_000, anchor: 'supply-start', afterMonths: 12 },
        ],
      },
      clawback: { windowMonths: 12, proRata: true },
    },
    {
      ...common,
      name: 'Domácnosti – elektrina',
      currency: 'EUR',
      match: { customerType: 'B2C', commodity: 'electricity' },
      amount: { kind: 'per-mwh', amountPerMwhMinor: 300 },
      split: { companyBasisPoints: 2_000, salesBasisPoints: 8_000 },
      payout: { kind: 'one-off', anchor: 'signing', afterMonths: 1 },
      clawback: { windowMonths: 6, proRata: false },
    },
  ],
  SE: [
    {
      ...common,
      name: 'Företag el – andel av marginal',
      currency: 'SEK',
      match: { customerType: 'B2B', commodity: 'electricity' },
      amount: { kind: 'margin-share', basisPoints: 2_500 },
      split: { companyBasisPoints: 4_000, salesBasisPoints: 6_000 },
      payout: { kind: 'monthly', anchor: 'supply-start', months: 12 },
      clawback: { windowMonths: 12, proRata: true },
    },
    {
      ...common,
      name: 'Hushåll el',
      currency: 'SEK',
      match: { customerType: 'B2C', commodity: 'electricity' },
      amount: { kind: 'fixed', amountMinor: 50_000 },
      split: { companyBasisPoints: 2_000, salesBasisPoints: 8_000 },
      payout: { kind: 'one-off', anchor: 'supply-start', afterMonths: 0 },
      clawback: { windowMonths: 6, proRata: false },
    },
  ],
};

/** The demo rules, before the demo contracts are signed: the signed one earns its commission through the pipeline. */
export async function seedDemoCommissionRules(table: Table, tenants: readonly DemoTenant[]): Promise<void> {
  const { rules } = commissionsServices({ table });
  for (const tenant of tenants) {
    const admin = tenant.users.find((u) => u.groups.includes('admin'));
    if (!admin) continue;
    const actor: SalesActor = { tenantId: tenant.profile.id, userId: admin.sub, roles: ['admin'] };
    if ((await rules.list(actor)).length > 0) continue;
    for (const rule of demoRules[tenant.profile.country] ?? []) await rules.create(actor, rule);
  }
}
