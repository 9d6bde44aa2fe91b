import { describe, expect, it } from 'vitest';
import type { Commission } from '#domain/commissions/commission';
import {
  firstYearMargin,
  generate,
  type Outcome,
  type Signing,
} from '#domain/commissions/commission-generation';
import type { Contract } from '#domain/contracts/contract';
import { ruleVersion } from '../../../support/commission-fixture';
import { sampleContract } from '../../../support/contract-fixture';

const now = '2026-12-04T10:00:05.000Z';

const twoSellers = (extra: Partial<Contract> = {}): Contract => {
  const base = sampleContract();
  return sampleContract({
    signedAt: '2026-12-04T10:00:00.000Z',
    deal: {
      ...base.deal,
      participants: [
        { userId: 'seller-1', shareBasisPoints: 6_000 },
        { userId: 'seller-2', shareBasisPoints: 4_000 },
      ],
    },
    ...extra,
  });
};

const signing = (contract: Contract, signedOn = '2026-12-04'): Signing => ({
  contract,
  signedOn,
  now,
  actorId: 'system',
});

function commissionOf(outcome: Outcome): Commission {
  if (outcome.kind !== 'commission') throw new Error(`expected a commission, got gap ${outcome.gap.reason}`);
  return outcome.commission;
}

const amounts = (c: Commission) => c.instalments.map((i) => [i.id, i.userId, i.dueDate, i.amountMinor]);

describe('generate', () => {
  it('records a no-rule gap when no rule applies', () => {
    // Prepare
    const contract = twoSellers();

    // Act
    const outcome = generate(signing(contract), undefined, []);

    // Assess
    expect(outcome).toEqual({
      kind: 'gap',
      gap: {
        tenantId: 'tatra',
        contractId: '01KBXCONTRACT00000000000001',
        contractNumber: '2026-000042',
        accountName: 'Základná škola Hviezdoslavova',
        productCode: 'EL-FIX-27',
        signedAt: '2026-12-04T10:00:00.000Z',
        signedOn: '2026-12-04',
        reason: 'no-rule',
        detail: 'no commission rule in force on the signing day matches this contract',
        recordedAt: now,
      },
    });
  });

  it('splits a fixed amount between the company and the participants to the last cent', () => {
    // Prepare
    const rule = ruleVersion({ amount: { kind: 'fixed', amountMinor: 100_001 } });

    // Act
    const commission = commissionOf(generate(signing(twoSellers()), rule, []));

    // Assess
    expect(commission).toMatchObject({
      id: '01KBXCONTRACT00000000000001',
      contractId: '01KBXCONTRACT00000000000001',
      dealId: 'deal-1',
      productId: 'product-1',
      productCode: 'EL-FIX-27',
      signedAt: '2026-12-04T10:00:00.000Z',
      signedOn: '2026-12-04',
      currency: 'EUR',
      rule,
      basis: { consumptionKwh: 100_500 },
      totalMinor: 100_001,
      companyMinor: 25_000,
      salesMinor: 75_001,
      participants: [
        { userId: 'seller-1', shareBasisPoints: 6_000, amountMinor: 45_001 },
        { userId: 'seller-2', shareBasisPoints: 4_000, amountMinor: 30_000 },
      ],
      state: 'active',
      clawbacks: [],
      version: 1,
      createdAt: now,
      updatedAt: now,
      updatedBy: 'system',
    });
    expect(commission.companyMinor + commission.salesMinor).toBe(commission.totalMinor);
    expect(commission.participants.reduce((a, p) => a + p.amountMinor, 0)).toBe(commission.salesMinor);
    expect(commission.basis).not.toHaveProperty('firstYearMarginMinor');
  });

  it('pays per MWh of the total annual consumption, rounded half away from zero', () => {
    // Prepare: 100 500 kWh at 10.05 € per MWh is 1 010.025 €
    const rule = ruleVersion({ amount: { kind: 'per-mwh', amountPerMwhMinor: 1_005 } });
    const halfCent = ruleVersion({ amount: { kind: 'per-mwh', amountPerMwhMinor: 5 } });

    // Act
    const commission = commissionOf(generate(signing(twoSellers()), rule, []));
    const small = commissionOf(generate(signing(twoSellers()), halfCent, []));

    // Assess
    expect(commission.totalMinor).toBe(101_003);
    expect([commission.companyMinor, commission.salesMinor]).toEqual([25_251, 75_752]);
    expect(commission.participants.map((p) => p.amountMinor)).toEqual([45_451, 30_301]);
    expect(small.totalMinor).toBe(503);
  });

  it('shares the first-year margin, computed from each line’s margin and consumption', () => {
    // Prepare: 12.01 €/MWh × 86 MWh + 14.99 €/MWh × 14.5 MWh = 1 250.215 €
    const rule = ruleVersion({ amount: { kind: 'margin-share', basisPoints: 1_000 } });

    // Act
    const commission = commissionOf(generate(signing(twoSellers()), rule, [1_201, 1_499]));

    // Assess
    expect(commission.basis).toEqual({ consumptionKwh: 100_500, firstYearMarginMinor: 125_022 });
    expect(commission.totalMinor).toBe(12_502);
    expect([commission.companyMinor, commission.salesMinor]).toEqual([3_126, 9_376]);
    expect(commission.participants.map((p) => p.amountMinor)).toEqual([5_626, 3_750]);
  });

  it('records a no-margin gap naming the rule when a price has no margin', () => {
    // Prepare
    const rule = ruleVersion({
      ruleId: 'margin-rule',
      name: 'Margin',
      amount: { kind: 'margin-share', basisPoints: 1_000 },
    });

    // Act
    const missing = generate(signing(twoSellers()), rule, [1_200, undefined]);
    const tooFew = generate(signing(twoSellers()), rule, [1_200]);

    // Assess
    expect(missing).toMatchObject({
      kind: 'gap',
      gap: {
        reason: 'no-margin',
        ruleId: 'margin-rule',
        detail: 'rule "Margin" pays a share of the margin, but a price of the contract has no margin',
      },
    });
    expect(tooFew).toMatchObject({ kind: 'gap', gap: { reason: 'no-margin', ruleId: 'margin-rule' } });
  });

  it('pays in steps due from the requested supply start, each participant’s part split by the steps', () => {
    // Prepare
    const rule = ruleVersion({
      amount: { kind: 'fixed', amountMinor: 100_001 },
      payout: {
        kind: 'steps',
        steps: [
          { basisPoints: 7_000, anchor: 'supply-start', afterMonths: 0 },
          { basisPoints: 3_000, anchor: 'supply-start', afterMonths: 12 },
        ],
      },
    });

    // Act
    const commission = commissionOf(generate(signing(twoSellers()), rule, []));

    // Assess
    expect(commission.instalments).toEqual([
      {
        id: '1-0',
        userId: 'seller-1',
        step: 1,
        dueDate: '2027-01-01',
        amountMinor: 31_501,
        status: 'pending',
      },
      {
        id: '2-0',
        userId: 'seller-1',
        step: 2,
        dueDate: '2028-01-01',
        amountMinor: 13_500,
        status: 'pending',
      },
      {
        id: '1-1',
        userId: 'seller-2',
        step: 1,
        dueDate: '2027-01-01',
        amountMinor: 21_000,
        status: 'pending',
      },
      {
        id: '2-1',
        userId: 'seller-2',
        step: 2,
        dueDate: '2028-01-01',
        amountMinor: 9_000,
        status: 'pending',
      },
    ]);
  });

  it('counts from the actual supply start once the contract has one', () => {
    const rule = ruleVersion({ payout: { kind: 'one-off', anchor: 'supply-start', afterMonths: 2 } });

    const commission = commissionOf(
      generate(signing(twoSellers({ supplyStartDate: '2027-02-01' })), rule, []),
    );

    expect(commission.instalments.map((i) => i.dueDate)).toEqual(['2027-04-01', '2027-04-01']);
  });

  it('pays monthly over the given months from the anchor', () => {
    // Prepare: the whole 400 to one seller
    const rule = ruleVersion({
      amount: { kind: 'fixed', amountMinor: 400 },
      split: { companyBasisPoints: 0, salesBasisPoints: 10_000 },
      payout: { kind: 'monthly', anchor: 'signing', months: 3 },
    });

    // Act
    const commission = commissionOf(generate(signing(sampleContract()), rule, []));

    // Assess
    expect(amounts(commission)).toEqual([
      ['1-0', 'seller-1', '2026-12-04', 134],
      ['2-0', 'seller-1', '2027-01-04', 133],
      ['3-0', 'seller-1', '2027-02-04', 133],
    ]);
  });

  it('anchors a one-off payout at signing to the signing day in the tenant’s zone', () => {
    // Prepare: signed late on the 4th in UTC, on the 5th in the tenant's zone
    const contract = twoSellers({ signedAt: '2026-12-04T23:30:00.000Z' });
    const rule = ruleVersion({ payout: { kind: 'one-off', anchor: 'signing', afterMonths: 1 } });

    // Act
    const commission = commissionOf(generate(signing(contract, '2026-12-05'), rule, []));

    // Assess
    expect(commission.signedOn).toBe('2026-12-05');
    expect(amounts(commission)).toEqual([
      ['1-0', 'seller-1', '2027-01-05', 45_000],
      ['1-1', 'seller-2', '2027-01-05', 30_000],
    ]);
  });

  it('drops instalments of zero', () => {
    // Prepare: 2 cents over three months to one seller, and a participant with no share
    const contract = sampleContract({
      deal: {
        ...sampleContract().deal,
        participants: [
          { userId: 'seller-1', shareBasisPoints: 10_000 },
          { userId: 'seller-2', shareBasisPoints: 0 },
        ],
      },
    });
    const rule = ruleVersion({
      amount: { kind: 'fixed', amountMinor: 2 },
      split: { companyBasisPoints: 0, salesBasisPoints: 10_000 },
      payout: { kind: 'monthly', anchor: 'signing', months: 3 },
    });

    // Act
    const commission = commissionOf(generate(signing(contract), rule, []));

    // Assess
    expect(commission.participants.map((p) => p.amountMinor)).toEqual([2, 0]);
    expect(amounts(commission)).toEqual([
      ['1-0', 'seller-1', '2026-12-04', 1],
      ['2-0', 'seller-1', '2027-01-04', 1],
    ]);
  });

  it('takes the signing time from the run when the contract has none', () => {
    const commission = commissionOf(generate(signing(sampleContract()), ruleVersion(), []));

    expect(commission.signedAt).toBe(now);
  });
});

describe('firstYearMargin', () => {
  it('sums each line’s margin per MWh times its consumption, rounded once', () => {
    expect(firstYearMargin(sampleContract(), [1_201, 1_499])).toBe(125_022);
    expect(firstYearMargin(sampleContract(), [1_000, 1_000])).toBe(100_500);
  });

  it('is undefined when a line has no margin or the margins do not fit the lines', () => {
    expect(firstYearMargin(sampleContract(), [1_000, undefined])).toBeUndefined();
    expect(firstYearMargin(sampleContract(), [1_000, 1_000, 1_000])).toBeUndefined();
  });
});
