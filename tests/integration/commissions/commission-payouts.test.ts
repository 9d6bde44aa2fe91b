import { describe, expect, it } from 'vitest';
import type { CommissionEvent } from '#domain/commissions/commission-projection';
import { commissionProjection } from '#runtime/commissions-services';
import { DynamoCommissionStore } from '#table/commissions/commission-store';
import { commissionWorld } from './commission-world';

describe('commission payouts, clawbacks and statements', () => {
  it('makes instalments due by the daily job, approves and pays a month, claws back, and settles the debt from the next payment', async () => {
    // Prepare: one contract whose first instalment falls due on 1 January 2027.
    const w = await commissionWorld();
    await w.s.rules.create(w.admin, w.fixedRule());
    const first = w.signed();
    await w.s.generator.onSigned(first);

    // Act: the job runs on the last day of the year (nothing due), then on New Year's Day, twice.
    const early = await w.s.dueJob.run('2026-12-31');
    w.setNow('2027-01-01T03:30:00.000Z');
    const due = await w.s.dueJob.run('2027-01-01');
    const rerun = await w.s.dueJob.run('2027-01-01');

    // Assess
    expect([early, due, rerun]).toEqual([
      { commissions: 0, failed: 0 },
      { commissions: 1, failed: 0 },
      { commissions: 0, failed: 0 },
    ]);
    const afterJob = await w.s.commissions.get(w.admin, first.id);
    expect(afterJob.instalments.map((i) => i.status)).toEqual(['due', 'pending', 'due', 'pending']);

    // Act: the month approved and paid; paying again finds nothing approved.
    w.setNow('2027-01-25T12:00:00.000Z');
    const approved = await w.s.payouts.approveMonth(w.admin, '2027-01');
    const csvLines = await w.s.payouts.payoutLines(w.admin, '2027-01');
    const paid = await w.s.payouts.payMonth(w.admin, '2027-01', 'PAY-2027-01');
    const paidAgain = await w.s.payouts.payMonth(w.admin, '2027-01', 'PAY-2027-01');

    // Assess
    expect([approved.instalments, approved.amountMinor]).toEqual([2, 56_000]);
    expect(csvLines.map((l) => [l.instalment.userId, l.instalment.amountMinor])).toEqual([
      ['seller-1', 33_600],
      ['seller-2', 22_400],
    ]);
    expect([paid.instalments, paid.amountMinor, paid.recoveredMinor]).toEqual([2, 56_000, 0]);
    expect(paidAgain.instalments).toBe(0);
    await expect(w.s.commissions.pay(w.admin, first.id, ['1-0'], 'PAY-AGAIN')).rejects.toMatchObject({
      code: 'already-paid',
    });

    // Act: the customer withdraws in February.
    w.setNow('2027-02-03T08:00:00.000Z');
    const clawed = await w.s.generator.onFellAway({ ...first, state: 'withdrawn' });

    // Assess: the unpaid instalments cancelled, the paid ones clawed back as negative entries.
    expect(clawed?.instalments.map((i) => i.status)).toEqual(['paid', 'cancelled', 'paid', 'cancelled']);
    expect(clawed?.clawbacks.map((c) => [c.userId, c.amountMinor])).toEqual([
      ['seller-1', -33_600],
      ['seller-2', -22_400],
    ]);
    expect(await new DynamoCommissionStore(w.table).debts(w.tenantId, ['seller-1', 'seller-2'])).toEqual(
      new Map([
        ['seller-1', 33_600],
        ['seller-2', 22_400],
      ]),
    );

    // Act: a second contract's first instalment, paid in March, settles the debt first.
    w.setNow('2027-02-10T10:00:00.000Z');
    const second = w.signed({ requestedStartDate: '2027-03-01', signedAt: '2027-02-10T10:00:00.000Z' });
    await w.s.generator.onSigned(second);
    w.setNow('2027-03-01T03:30:00.000Z');
    await w.s.dueJob.run('2027-03-01');
    w.setNow('2027-03-20T10:00:00.000Z');
    await w.s.payouts.approveMonth(w.admin, '2027-03');
    const march = await w.s.payouts.payMonth(w.admin, '2027-03', 'PAY-2027-03');

    // Assess: 33 600 and 22 400 due in March, all of it recovered.
    expect([march.amountMinor, march.recoveredMinor]).toEqual([56_000, 56_000]);
    expect(await new DynamoCommissionStore(w.table).debts(w.tenantId, ['seller-1', 'seller-2'])).toEqual(
      new Map([
        ['seller-1', 0],
        ['seller-2', 0],
      ]),
    );

    // Act: the statements' projection gets every event, each twice and in reverse order.
    const projection = commissionProjection({ table: w.table });
    const events = (await w.events()).filter((e) => e.source === 'gridline.commissions') as CommissionEvent[];
    for (const event of [...events].reverse()) await projection.apply(event);
    for (const event of events) await projection.apply(event);

    // Assess: seller-1 earned 48 000 in December and February; the statements carry the balance.
    const december = await w.s.reports.statement(w.seller, 'seller-1', '2026-12');
    const february = await w.s.reports.statement(w.seller, 'seller-1', '2027-02');
    const march1 = await w.s.reports.statement(w.admin, 'seller-1', '2027-03');
    expect(december).toMatchObject({ earnedMinor: 48_000, openingBalanceMinor: 0, balanceMinor: 48_000 });
    expect(february).toMatchObject({
      openingBalanceMinor: 14_400,
      earnedMinor: 48_000,
      clawedBackMinor: 33_600,
      cancelledMinor: 14_400,
      balanceMinor: 14_400,
    });
    expect(march1).toMatchObject({
      openingBalanceMinor: 14_400,
      dueMinor: 33_600,
      paidMinor: 33_600,
      recoveredMinor: 33_600,
      balanceMinor: 14_400,
    });
    const company = await w.s.reports.company(w.admin, '2026-12', '2027-03');
    expect(company.map((c) => [c.month, c.productCode, c.earnedMinor, c.clawedBackMinor])).toEqual([
      ['2026-12', 'EL-FIX-27', 20_000, 0],
      ['2027-02', 'EL-FIX-27', 20_000, 20_000],
    ]);
    await expect(w.s.reports.statement(w.partner, 'seller-1', '2027-03')).rejects.toMatchObject({
      code: 'not-found',
    });
  });

  it('refuses approving a held or cancelled instalment, and approving or paying as a seller', async () => {
    const w = await commissionWorld();
    await w.s.rules.create(w.admin, w.fixedRule());
    const contract = w.signed();
    await w.s.generator.onSigned(contract);
    w.setNow('2027-01-01T04:00:00.000Z');
    await w.s.dueJob.run('2027-01-01');

    const held = await w.s.commissions.hold(w.admin, contract.id, '1-0', 'Missing signed copy');
    await expect(w.s.commissions.approve(w.admin, contract.id, ['1-0'])).rejects.toMatchObject({
      code: 'invalid-state',
      fields: [{ name: 'instalmentId', reason: 'is held' }],
    });
    const month = await w.s.payouts.approveMonth(w.admin, '2027-01');
    const released = await w.s.commissions.release(w.admin, contract.id, '1-0');
    await expect(w.s.commissions.approve(w.seller, contract.id, ['1-1'])).rejects.toMatchObject({
      code: 'forbidden',
    });
    await w.s.generator.onFellAway({ ...contract, state: 'withdrawn' });
    await expect(w.s.commissions.approve(w.admin, contract.id, ['1-0'])).rejects.toMatchObject({
      code: 'invalid-state',
    });

    expect(held.instalments.find((i) => i.id === '1-0')?.status).toBe('held');
    expect(month.instalments).toBe(1);
    expect(released.instalments.find((i) => i.id === '1-0')?.status).toBe('due');
  });
});
