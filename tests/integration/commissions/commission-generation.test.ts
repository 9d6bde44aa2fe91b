import { describe, expect, it } from 'vitest';
import type { Commission } from '#domain/commissions/commission';
import { commissionGuardEntity } from '#table/commissions/entities';
import { putContract } from '../../support/contract-item';
import { itemAt } from '../../support/stored-items';
import { commissionWorld } from './commission-world';

describe('commissions from signed contracts', () => {
  it('makes one commission set per contract however often, and however concurrently, ContractSigned arrives', async () => {
    // Prepare
    const w = await commissionWorld();
    await w.s.rules.create(w.admin, w.fixedRule());
    const contract = w.signed();

    // Act: ten deliveries at once, then a late redelivery.
    const outcomes = await Promise.all(Array.from({ length: 10 }, () => w.s.generator.onSigned(contract)));
    const late = await w.s.generator.onSigned(contract);

    // Assess
    expect(outcomes.filter((o) => o !== undefined)).toHaveLength(1);
    expect(late).toBeUndefined();
    expect(await w.events('CommissionGenerated')).toHaveLength(1);
    const guard = await itemAt(
      w.table,
      commissionGuardEntity.key({ tenantId: w.tenantId, contractId: contract.id }),
    );
    expect(guard?.outcome).toBe('commission');
    const page = await w.s.commissions.list(w.admin, undefined, { limit: 10 });
    expect(page.items.map((c) => c.id)).toEqual([contract.id]);
    const commission = page.items[0] as Commission;
    expect([commission.totalMinor, commission.companyMinor, commission.salesMinor]).toEqual([
      100_000, 20_000, 80_000,
    ]);
    expect(commission.participants.map((p) => [p.userId, p.amountMinor])).toEqual([
      ['seller-1', 48_000],
      ['seller-2', 32_000],
    ]);
    expect(commission.instalments.map((i) => [i.userId, i.dueDate, i.amountMinor, i.status])).toEqual([
      ['seller-1', '2027-01-01', 33_600, 'pending'],
      ['seller-1', '2028-01-01', 14_400, 'pending'],
      ['seller-2', '2027-01-01', 22_400, 'pending'],
      ['seller-2', '2028-01-01', 9_600, 'pending'],
    ]);
  });

  it('shows sellers their own commissions only, admins all; another tenant’s answers 404', async () => {
    const w = await commissionWorld();
    await w.s.rules.create(w.admin, w.fixedRule());
    const shared = w.signed();
    const alone = w.signed({
      deal: {
        dealId: 'deal-9',
        title: 'Alone',
        ownerId: 'seller-3',
        participants: [{ userId: 'seller-3', shareBasisPoints: 10_000 }],
      },
    });
    await w.s.generator.onSigned(shared);
    await w.s.generator.onSigned(alone);

    const mine = await w.s.commissions.list(w.partner, undefined, { limit: 10 });
    const all = await w.s.commissions.list(w.admin, undefined, { limit: 10 });

    expect(mine.items.map((c) => c.id)).toEqual([shared.id]);
    expect(all.items.map((c) => c.id).sort()).toEqual([shared.id, alone.id].sort());
    await expect(w.s.commissions.get(w.partner, alone.id)).rejects.toMatchObject({ code: 'not-found' });
    await expect(
      w.s.commissions.get({ ...w.admin, tenantId: 'another-tenant' }, shared.id),
    ).rejects.toMatchObject({ code: 'not-found' });
  });

  it('records a visible gap when no rule matches, and one naming the rule when a margin-share rule finds no margin', async () => {
    const w = await commissionWorld();
    const unmatched = w.signed({ party: { ...w.signed().party, customerType: 'B2C' } });
    await w.s.rules.create(
      w.admin,
      w.fixedRule({ name: 'Margin share', amount: { kind: 'margin-share', basisPoints: 1_000 } }),
    );
    const rule = (await w.s.rules.list(w.admin))[0];

    await w.s.generator.onSigned(unmatched);
    const marginless = w.signed();
    await w.s.generator.onSigned(marginless);
    const again = await w.s.generator.onSigned(marginless);

    const gaps = await w.s.commissions.gaps(w.admin, { limit: 10 });
    expect(again).toBeUndefined();
    expect(gaps.items.map((g) => [g.contractId, g.reason, g.ruleId])).toEqual(
      expect.arrayContaining([
        [unmatched.id, 'no-rule', undefined],
        [marginless.id, 'no-margin', rule?.id],
      ]),
    );
    expect(await w.events('CommissionNotGenerated')).toHaveLength(2);
    await expect(w.s.commissions.gaps(w.seller, { limit: 10 })).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('keeps a made commission on the version it was made by; a later version applies from its day on', async () => {
    const w = await commissionWorld();
    const created = await w.s.rules.create(w.admin, w.fixedRule());
    const before = w.signed();
    await w.s.generator.onSigned(before);

    await w.s.rules.update(w.admin, created.id, 1, {
      ...w.fixedRule({ amount: { kind: 'fixed', amountMinor: 50_000 } }),
      validFrom: '2026-12-10',
    });
    const after = w.signed({ signedAt: '2026-12-11T10:00:00.000Z' });
    await w.s.generator.onSigned(after);
    const replayed = await w.s.generator.onSigned(before);

    const first = await w.s.commissions.get(w.admin, before.id);
    const second = await w.s.commissions.get(w.admin, after.id);
    expect(replayed).toBeUndefined();
    expect([first.rule.version, first.totalMinor]).toEqual([1, 100_000]);
    expect([second.rule.version, second.totalMinor, second.signedOn]).toEqual([2, 50_000, '2026-12-11']);
  });

  it('claws back a withdrawal that overtook its signing, and the late signing changes nothing', async () => {
    const w = await commissionWorld();
    await w.s.rules.create(w.admin, w.fixedRule());
    const contract = w.signed();
    const withdrawn = { ...contract, state: 'withdrawn' as const };

    const [clawed, again] = await Promise.all([
      w.s.generator.onFellAway(withdrawn),
      w.s.generator.onFellAway(withdrawn),
    ]);
    const late = await w.s.generator.onSigned(contract);

    const stored = await w.s.commissions.get(w.admin, contract.id);
    expect([clawed, again].filter((c) => c !== undefined)).toHaveLength(1);
    expect(late).toBeUndefined();
    expect(stored.state).toBe('clawed-back');
    expect(stored.instalments.every((i) => i.status === 'cancelled')).toBe(true);
    expect(stored.clawbacks).toEqual([]);
    expect(stored.companyClawbackMinor).toBe(-20_000);
    expect(await w.events('CommissionClawedBack')).toHaveLength(1);
  });

  it('retries a gap once a rule exists, and claws the commission back at once when the contract fell away meanwhile', async () => {
    // Prepare: signed with no rule, withdrawn while it had no commission, then a rule added.
    const w = await commissionWorld();
    const signed = w.signed();
    await w.s.generator.onSigned(signed);
    const withdrawn = { ...signed, state: 'withdrawn' as const };
    await putContract(w.table, withdrawn);
    await w.s.generator.onFellAway(withdrawn);
    await w.s.rules.create(w.admin, w.fixedRule());

    // Act
    const retried = await w.s.commissions.retryGap(w.admin, signed.id);
    const again = w.s.commissions.retryGap(w.admin, signed.id);

    // Assess
    expect(retried.kind === 'commission' && retried.commission.state).toBe('clawed-back');
    await expect(again).rejects.toMatchObject({ code: 'not-found' });
    expect((await w.s.commissions.gaps(w.admin, { limit: 5 })).items).toEqual([]);
    expect(
      (await w.s.commissions.get(w.admin, signed.id)).instalments.every((i) => i.status === 'cancelled'),
    ).toBe(true);
  });

  it('records a gap instead of a nothing when a rule pays by consumption a supply point does not have', async () => {
    const w = await commissionWorld();
    await w.s.rules.create(w.admin, w.fixedRule({ amount: { kind: 'per-mwh', amountPerMwhMinor: 300 } }));
    const base = w.signed();
    const unknown = w.signed({
      lines: base.lines.map((l, i) => (i === 0 ? { ...l, annualConsumptionKwh: undefined } : l)),
    });

    await w.s.generator.onSigned(unknown);

    const gaps = await w.s.commissions.gaps(w.admin, { limit: 5 });
    expect(gaps.items.map((g) => [g.contractId, g.reason])).toEqual([[unknown.id, 'no-consumption']]);
  });

  it('leaves a contract terminated after the clawback window alone', async () => {
    const w = await commissionWorld();
    await w.s.rules.create(w.admin, w.fixedRule());
    const contract = w.signed();
    await w.s.generator.onSigned(contract);

    const result = await w.s.generator.onFellAway({
      ...contract,
      state: 'terminated',
      supplyStartDate: '2027-01-01',
      endDate: '2028-03-31',
    });

    expect(result).toBeUndefined();
    expect((await w.s.commissions.get(w.admin, contract.id)).state).toBe('active');
  });
});
