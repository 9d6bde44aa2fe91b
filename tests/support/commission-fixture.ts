import type { Commission, Instalment } from '#domain/commissions/commission';
import type { CommissionRule, RuleVersion } from '#domain/commissions/commission-rule';
import type { RuleRequest } from '#domain/commissions/commission-rule-service';

/** A rule version paying a fixed €1 000 at signing, a quarter to the company, in force from 2026-01-01. */
export function ruleVersion(extra: Partial<RuleVersion> = {}): RuleVersion {
  return {
    ruleId: 'rule-1',
    version: 1,
    validFrom: '2026-01-01',
    createdAt: '2025-12-01T09:00:00.000Z',
    createdBy: 'admin-1',
    name: 'Electricity B2B',
    currency: 'EUR',
    match: {},
    amount: { kind: 'fixed', amountMinor: 100_000 },
    split: { companyBasisPoints: 2_500, salesBasisPoints: 7_500 },
    payout: { kind: 'one-off', anchor: 'signing', afterMonths: 0 },
    clawback: { windowMonths: 12, proRata: false },
    active: true,
    ...extra,
  };
}

/** A rule whose versions are numbered 1, 2, 3… in the order given. */
export function ruleOf(id: string, versions: readonly Partial<RuleVersion>[]): CommissionRule {
  return {
    id,
    versions: versions.map((v, index) => ruleVersion({ name: id, ...v, ruleId: id, version: index + 1 })),
  };
}

export function instalment(extra: Partial<Instalment> & Pick<Instalment, 'id'>): Instalment {
  return {
    userId: 'seller-1',
    step: 1,
    dueDate: '2027-01-01',
    amountMinor: 10_000,
    status: 'pending',
    ...extra,
  };
}

/** The commission of the sample contract: €1 000, €250 to the company, €750 to seller-1. */
export function sampleCommission(extra: Partial<Commission> = {}): Commission {
  return {
    tenantId: 'tatra',
    id: '01KBXCONTRACT00000000000001',
    contractId: '01KBXCONTRACT00000000000001',
    contractNumber: '2026-000042',
    accountId: 'account-1',
    accountName: 'Základná škola Hviezdoslavova',
    dealId: 'deal-1',
    productId: 'product-1',
    productCode: 'EL-FIX-27',
    signedAt: '2026-12-04T10:00:00.000Z',
    signedOn: '2026-12-04',
    currency: 'EUR',
    rule: ruleVersion(),
    basis: { consumptionKwh: 100_500 },
    totalMinor: 100_000,
    companyMinor: 25_000,
    salesMinor: 75_000,
    participants: [{ userId: 'seller-1', shareBasisPoints: 10_000, amountMinor: 75_000 }],
    instalments: [instalment({ id: '1-0', amountMinor: 75_000, dueDate: '2026-12-04' })],
    state: 'active',
    clawbacks: [],
    version: 1,
    createdAt: '2026-12-04T10:00:05.000Z',
    updatedAt: '2026-12-04T10:00:05.000Z',
    updatedBy: 'system',
    ...extra,
  };
}

/** A rule as an admin saves it: a fixed €1 000 per business electricity contract, 20 % company, 70/30 from the supply start. */
export const fixedRuleRequest = (extra: Partial<RuleRequest> = {}): RuleRequest => ({
  name: 'Business electricity',
  currency: 'EUR',
  match: { customerType: 'B2B', commodity: 'electricity' },
  amount: { kind: 'fixed', amountMinor: 100_000 },
  split: { companyBasisPoints: 2_000, salesBasisPoints: 8_000 },
  payout: {
    kind: 'steps',
    steps: [
      { basisPoints: 7_000, anchor: 'supply-start', afterMonths: 0 },
      { basisPoints: 3_000, anchor: 'supply-start', afterMonths: 12 },
    ],
  },
  clawback: { windowMonths: 12, proRata: false },
  active: true,
  validFrom: '2026-01-01',
  ...extra,
});
