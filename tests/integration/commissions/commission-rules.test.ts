import { describe, expect, it } from 'vitest';
import { energyServices } from '#runtime/energy-services';
import { commissionWorld } from './commission-world';

/** A product priced in ZSD band C2, with or without a margin in its price list. */
async function product(w: Awaited<ReturnType<typeof commissionWorld>>, marginPerMwhMinor?: number) {
  const energy = energyServices({ table: w.table });
  await energy.referenceData
    .createTerritory(w.admin, { code: 'ZSD', name: 'ZSDIS', country: 'SK', commodity: 'electricity' })
    .catch(() => undefined);
  await energy.referenceData.saveBandTable(w.admin, {
    commodity: 'electricity',
    customerType: 'B2B',
    unit: 'kWh',
    bands: [{ code: 'C2', label: 'Business', fromInclusive: 0 }],
  });
  const created = await energy.pricing.createProduct(w.admin, {
    name: `Fix ${marginPerMwhMinor ?? 'none'}`,
    code: `FIX-${marginPerMwhMinor ?? 0}`,
    commodity: 'electricity',
  });
  await energy.pricing.publishPriceList(w.admin, created.value.id, {
    validFrom: '2026-01-01',
    prices: [
      {
        territoryCode: 'ZSD',
        bandCode: 'C2',
        unitPricePerMwhMinor: 14_990,
        monthlyFeeMinor: 1_250,
        ...(marginPerMwhMinor !== undefined ? { marginPerMwhMinor } : {}),
      },
    ],
  });
  return created.value.id;
}

describe('commission rules', () => {
  it('refuses a rule as specific as another that could match the same contracts, and lets a more specific one win', async () => {
    const w = await commissionWorld();
    await w.s.rules.create(w.admin, w.fixedRule());

    const tie = await w.s.rules
      .create(
        w.admin,
        w.fixedRule({ name: 'Territory', match: { customerType: 'B2B', territoryCode: 'ZSD' } }),
      )
      .catch((error: unknown) => error);
    const apart = await w.s.rules.create(
      w.admin,
      w.fixedRule({ name: 'Households', match: { customerType: 'B2C', commodity: 'electricity' } }),
    );
    const specific = await w.s.rules.create(
      w.admin,
      w.fixedRule({
        name: 'Business electricity in ZSD',
        match: { customerType: 'B2B', commodity: 'electricity', territoryCode: 'ZSD' },
        amount: { kind: 'per-mwh', amountPerMwhMinor: 250 },
      }),
    );
    const contract = w.signed();
    await w.s.generator.onSigned(contract);

    expect(tie).toMatchObject({ code: 'rule-overlap', fields: [{ name: 'match' }] });
    expect(apart.versions).toHaveLength(1);
    const commission = await w.s.commissions.get(w.admin, contract.id);
    // 250 cents per MWh of 100 500 kWh: 25 125 cents.
    expect([commission.rule.ruleId, commission.totalMinor]).toEqual([specific.id, 25_125]);
  });

  it('lets only one of two tying rules saved at the same moment through', async () => {
    const w = await commissionWorld();

    const results = await Promise.allSettled([
      w.s.rules.create(w.admin, w.fixedRule({ name: 'One' })),
      w.s.rules.create(w.admin, w.fixedRule({ name: 'Two' })),
    ]);

    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({
      reason: { code: expect.stringMatching(/^(rule-overlap|changed-meanwhile)$/) },
    });
    expect(await w.s.rules.list(w.admin)).toHaveLength(1);
  });

  it('refuses a split or steps not adding up to 10 000, and a margin share of a product without margins', async () => {
    const w = await commissionWorld();
    const bare = await product(w);

    await expect(
      w.s.rules.create(
        w.admin,
        w.fixedRule({ split: { companyBasisPoints: 3_000, salesBasisPoints: 6_000 } }),
      ),
    ).rejects.toMatchObject({ code: 'validation', fields: [{ name: 'split' }] });
    await expect(
      w.s.rules.create(
        w.admin,
        w.fixedRule({
          payout: { kind: 'steps', steps: [{ basisPoints: 5_000, anchor: 'signing', afterMonths: 0 }] },
        }),
      ),
    ).rejects.toMatchObject({ code: 'validation', fields: [{ name: 'payout.steps' }] });
    await expect(
      w.s.rules.create(
        w.admin,
        w.fixedRule({ match: { productId: bare }, amount: { kind: 'margin-share', basisPoints: 1_000 } }),
      ),
    ).rejects.toMatchObject({ code: 'unprocessable', fields: [{ name: 'amount.kind' }] });
    await expect(w.s.rules.create(w.seller, w.fixedRule())).rejects.toMatchObject({ code: 'forbidden' });
    await expect(w.s.rules.create(w.admin, w.fixedRule({ currency: 'CZK' }))).rejects.toMatchObject({
      code: 'unprocessable',
      fields: [{ name: 'currency', reason: 'must be EUR' }],
    });
  });

  it('pays a share of the first-year margin from the price list the contract was priced from', async () => {
    const w = await commissionWorld();
    const productId = await product(w, 1_500);
    await w.s.rules.create(
      w.admin,
      w.fixedRule({ match: { productId }, amount: { kind: 'margin-share', basisPoints: 2_500 } }),
    );
    const base = w.signed();
    const contract = w.signed({
      lines: base.lines.map((l) => ({ ...l, productId, priceListVersion: 1, bandCode: 'C2' })),
    });

    await w.s.generator.onSigned(contract);

    const commission = await w.s.commissions.get(w.admin, contract.id);
    // 15 € per MWh of 100.5 MWh = 1 507.50 €; a quarter of it is 376.875 €, rounded to 376.88 €.
    expect(commission.basis).toEqual({ consumptionKwh: 100_500, firstYearMarginMinor: 150_750 });
    expect([commission.totalMinor, commission.companyMinor + commission.salesMinor]).toEqual([
      37_688, 37_688,
    ]);
  });

  it('retires a rule from a day on: contracts signed from then get a gap, earlier ones keep theirs', async () => {
    const w = await commissionWorld();
    const rule = await w.s.rules.create(w.admin, w.fixedRule());
    const retired = await w.s.rules.retire(w.admin, rule.id, 1, '2026-12-10');
    const before = w.signed();
    const after = w.signed({ signedAt: '2026-12-10T08:00:00.000Z' });

    await w.s.generator.onSigned(before);
    await w.s.generator.onSigned(after);

    expect(retired.versions.map((v) => [v.version, v.active, v.validFrom])).toEqual([
      [1, true, '2026-01-01'],
      [2, false, '2026-12-10'],
    ]);
    expect((await w.s.commissions.get(w.admin, before.id)).totalMinor).toBe(100_000);
    const gaps = await w.s.commissions.gaps(w.admin, { limit: 5 });
    expect(gaps.items.map((g) => [g.contractId, g.reason])).toEqual([[after.id, 'no-rule']]);
    await expect(w.s.rules.update(w.admin, rule.id, 1, w.fixedRule())).rejects.toMatchObject({
      code: 'version-mismatch',
    });
  });
});
