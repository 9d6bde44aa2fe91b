import type { SQSEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Handler } from '../../lib/local/functions';
import type { LocalRuntime } from '../../lib/local/runtime';
import { ifMatch, setProposer, signedHouseholdContract } from '../support/household-contract';
import { clientFor, startTestRuntime, tokenFor } from '../support/runtime';

type Client = ReturnType<typeof clientFor>;

const tenantId = 'tatra';

describe('commissions, end to end: signed contract → commission → instalments → payout → clawback → statements', () => {
  let runtime: LocalRuntime;
  let admin: Client;
  let seller: Client;
  let partnerId: string;
  let sellerId: string;
  /** Every message body the commission consumer was handed, to deliver again. */
  const delivered: string[] = [];

  beforeAll(async () => {
    runtime = await startTestRuntime({
      wrapHandler: (fn, handler): Handler =>
        fn.name === 'commission-followups'
          ? (event: SQSEvent, context) => {
              delivered.push(...event.Records.map((r) => r.body));
              return handler(event, context);
            }
          : handler,
    });
    admin = clientFor(runtime, runtime.tenants.find((t) => t.id === tenantId)?.adminToken as string);
    seller = clientFor(runtime, await tokenFor(runtime, tenantId, 'sales'));
    const users = runtime.demoTenants.find((t) => t.profile.id === tenantId)?.users ?? [];
    sellerId = users.find((u) => u.sub === `${tenantId}-sales`)?.sub as string;
    partnerId = users.find((u) => u.sub === `${tenantId}-sales2`)?.sub as string;
    await setProposer(admin);
  });
  afterAll(() => runtime.stop());

  it('pays a 60/40 commission in instalments, once, and claws back what was paid when the customer withdraws', async () => {
    // Prepare: the tenant's rule, then a contract signed under it.
    const rule = await admin.post('/v1/commission-rules', {
      name: 'Firemná elektrina',
      currency: 'EUR',
      match: { customerType: 'B2C', commodity: 'electricity' },
      amount: { kind: 'fixed', amountMinor: 100_000 },
      split: { companyBasisPoints: 2_000, salesBasisPoints: 8_000 },
      payout: {
        kind: 'steps',
        steps: [
          { basisPoints: 7_000, anchor: 'signing', afterMonths: 0 },
          { basisPoints: 3_000, anchor: 'signing', afterMonths: 12 },
        ],
      },
      clawback: { windowMonths: 12 },
    });
    expect(rule.status).toBe(201);
    const tie = await admin.post('/v1/commission-rules', {
      ...rule.body.current,
      ruleId: undefined,
      version: undefined,
      validFrom: undefined,
      createdAt: undefined,
      createdBy: undefined,
      name: 'Tie',
    });
    expect([tie.status, tie.body.type]).toEqual([409, 'urn:gridline:problem:rule-overlap']);
    expect((await seller.get('/v1/commission-rules')).status).toBe(403);

    const contract = await signedHouseholdContract(runtime, { admin, seller }, [
      { userId: sellerId, shareBasisPoints: 6_000 },
      { userId: partnerId, shareBasisPoints: 4_000 },
    ]);

    // Assess: one commission, split exactly, an instalment plan per participant.
    const mine = await seller.get('/v1/commissions');
    expect(mine.body.items).toHaveLength(1);
    const commission = mine.body.items[0];
    expect(commission).toMatchObject({
      contractId: contract.id,
      totalMinor: 100_000,
      companyMinor: 20_000,
      salesMinor: 80_000,
      participants: [
        { userId: sellerId, shareBasisPoints: 6_000, amountMinor: 48_000 },
        { userId: partnerId, shareBasisPoints: 4_000, amountMinor: 32_000 },
      ],
    });
    const signedOn = commission.signedOn as string;
    expect(
      commission.instalments.map((i: { userId: string; amountMinor: number; status: string }) => [
        i.userId,
        i.amountMinor,
        i.status,
      ]),
    ).toEqual([
      [sellerId, 33_600, 'pending'],
      [sellerId, 14_400, 'pending'],
      [partnerId, 22_400, 'pending'],
      [partnerId, 9_600, 'pending'],
    ]);

    // Act: ContractSigned delivered again, exactly as before.
    const signedDeliveries = delivered.filter((body) => body.includes('"ContractSigned"'));
    expect(signedDeliveries).toHaveLength(1);
    runtime.queues.get('commission-followups')?.send(signedDeliveries[0] as string);
    await runtime.settled();

    // Assess: nothing new.
    const after = await admin.get('/v1/commissions');
    expect(after.body.items).toHaveLength(1);
    expect(after.body.items[0].version).toBe(commission.version);

    // Act: the daily schedule makes the first instalments due; the month is approved and paid.
    await runtime.schedules.run('commission-daily-jobs', { day: signedOn });
    await runtime.settled();
    const month = signedOn.slice(0, 7);
    const approved = await admin.post(`/v1/commission-payouts/${month}/approve`, {});
    const payroll = await admin.get(`/v1/commission-payouts/${month}/payroll.csv`);
    const paid = await admin.post(`/v1/commission-payouts/${month}/pay`, {
      paymentReference: `PAY-${month}`,
    });
    const paidTwice = await admin.post(`/v1/commissions/${contract.id}/pay`, {
      instalmentIds: ['1-0'],
      paymentReference: 'AGAIN',
    });

    // Assess
    expect(approved.body).toMatchObject({ instalments: 2, amountMinor: 56_000 });
    expect(payroll.headers.get('content-type')).toContain('text/csv');
    expect(payroll.body.split('\r\n').filter(Boolean)).toHaveLength(3);
    expect(payroll.body).toContain(`${sellerId},`);
    expect(payroll.body).toContain(',336.00,');
    expect(paid.body).toMatchObject({ instalments: 2, amountMinor: 56_000 });
    expect([paidTwice.status, paidTwice.body.type]).toEqual([409, 'urn:gridline:problem:already-paid']);

    // Act: the customer withdraws.
    const current = (await seller.get(`/v1/contracts/${contract.id}`)).body;
    const withdrawn = await admin.post(
      `/v1/contracts/${contract.id}/withdraw`,
      { reason: 'Odstúpenie v lehote' },
      ifMatch(current.version),
    );
    expect(withdrawn.body).toMatchObject({ state: 'withdrawn' });
    await runtime.settled();

    // Assess: the unpaid instalment cancelled, the paid one clawed back as a negative entry.
    const clawed = (await admin.get(`/v1/commissions/${contract.id}`)).body;
    expect(clawed.state).toBe('clawed-back');
    expect(clawed.instalments.map((i: { id: string; status: string }) => [i.id, i.status])).toEqual([
      ['1-0', 'paid'],
      ['2-0', 'cancelled'],
      ['1-1', 'paid'],
      ['2-1', 'cancelled'],
    ]);
    expect(
      clawed.clawbacks.map((c: { userId: string; amountMinor: number }) => [c.userId, c.amountMinor]),
    ).toEqual([
      [sellerId, -33_600],
      [partnerId, -22_400],
    ]);

    // Assess: the statements show it; a seller reads their own only.
    const statement = await seller.get(`/v1/commission-statements/${sellerId}/${month}`);
    expect(statement.status).toBe(200);
    expect(statement.body).toMatchObject({
      earnedMinor: 48_000,
      dueMinor: 33_600,
      paidMinor: 33_600,
      clawedBackMinor: 33_600,
      cancelledMinor: 14_400,
      balanceMinor: -33_600,
    });
    expect((await seller.get(`/v1/commission-statements/${partnerId}/${month}`)).status).toBe(404);
    const company = await admin.get(`/v1/commission-reports/company?from=${month}&to=${month}`);
    expect(company.body.items).toEqual([
      { month, productCode: 'EL-FIX-27', earnedMinor: 20_000, clawedBackMinor: 20_000, netMinor: 0 },
    ]);
  });
});
