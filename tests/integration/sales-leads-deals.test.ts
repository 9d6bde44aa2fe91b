import { beforeAll, describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError, ValidationError } from '#domain/errors';
import type { LeadInput } from '#domain/sales/leads/lead-service';
import { salesFixture } from '../support/sales-fixture';

type Fixture = Awaited<ReturnType<typeof salesFixture>>;

const prospect: LeadInput = {
  firstName: 'Karin',
  lastName: 'Ek',
  companyName: 'Ek Fastigheter AB',
  email: ' Karin@EK.example ',
  phone: '070-123 45 67',
  segment: 'B2B',
  commodity: 'electricity',
  annualConsumptionKwh: 120_000,
  attribution: { source: 'manual', campaign: 'autumn-2026' },
};

describe('leads, deals and conversion', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await salesFixture();
  });

  it('normalises a lead and flags leads and contacts with the same e-mail or phone', async () => {
    const first = (await f.sales.leads.create(f.anna, prospect)).value;
    expect(first).toMatchObject({ email: 'karin@ek.example', phone: '+46701234567', stage: 'lead' });
    expect(first.possibleDuplicates).toEqual([]);

    const account = (await f.crm.accounts.create(f.admin, { name: 'Other AB', customerType: 'B2B' })).value;
    const contact = (
      await f.crm.contacts.create(f.admin, {
        firstName: 'K',
        lastName: 'Ek',
        phones: ['+46701234567'],
        accountId: account.id,
      })
    ).value;
    const second = (await f.sales.leads.create(f.anna, { ...prospect, email: 'karin@ek.example' })).value;
    // One entry per record, named by the first value that matched.
    expect(second.possibleDuplicates).toEqual([
      { type: 'lead', id: first.id, matchedOn: 'email' },
      { type: 'contact', id: contact.id, matchedOn: 'phone' },
    ]);
  });

  it('refuses a lead without name or reachable contact, naming the fields', async () => {
    const refused = f.sales.leads.create(f.anna, { segment: 'B2C', attribution: { source: 'manual' } });
    await expect(refused).rejects.toBeInstanceOf(ValidationError);
    await expect(f.sales.leads.create(f.anna, { ...prospect, phone: 'not a phone' })).rejects.toMatchObject({
      fields: [{ name: 'phone' }],
    });
  });

  it('gives a lead to an active user by hand, and back to the pool', async () => {
    const lead = (await f.sales.leads.create(f.anna, { ...prospect, email: 'assign@ek.example' })).value;
    const given = await f.sales.leads.assign(f.admin, lead.id, lead.version, f.bo.userId);
    expect(given).toMatchObject({ ownerId: f.bo.userId });
    expect(given.routedAt).toBeDefined();
    await expect(f.sales.leads.assign(f.admin, lead.id, given.version, 'nobody')).rejects.toMatchObject({
      fields: [{ name: 'ownerId' }],
    });
    const pooled = await f.sales.leads.assign(f.admin, lead.id, given.version, undefined);
    expect(pooled.ownerId).toBeUndefined();
    const unassigned = await f.sales.leads.list(f.admin, { unassigned: true }, { limit: 100 });
    expect(unassigned.items.map((l) => l.id)).toContain(lead.id);
  });

  it('walks the lifecycle forwards only and needs a reason to disqualify', async () => {
    const lead = (await f.sales.leads.create(f.anna, { ...prospect, email: 'walk@ek.example' })).value;
    const mql = await f.sales.leads.move(f.anna, lead.id, lead.version, 'marketing-qualified');
    await expect(
      f.sales.leads.move(f.anna, lead.id, mql.version, 'marketing-qualified'),
    ).rejects.toBeInstanceOf(ConflictError);
    await expect(f.sales.leads.move(f.anna, lead.id, mql.version, 'disqualified')).rejects.toMatchObject({
      fields: [{ name: 'reason' }],
    });
    const out = await f.sales.leads.move(f.anna, lead.id, mql.version, 'disqualified', 'no budget');
    expect(out).toMatchObject({ stage: 'disqualified', disqualificationReason: 'no budget' });
    expect(out.stageHistory.map((s) => s.stage)).toEqual(['lead', 'marketing-qualified', 'disqualified']);
  });

  it('converts a sales-qualified lead into account, contact and deal in one transaction, once', async () => {
    const lead = (
      await f.sales.leads.create(f.anna, { ...prospect, email: 'convert@ek.example', phone: undefined })
    ).value;
    const early = f.sales.conversions.convert(f.anna, lead.id, lead.version, {
      deal: { stageId: f.stages.qualification, valueMinor: 1000, expectedCloseDate: '2027-01-31' },
    });
    await expect(early).rejects.toMatchObject({
      name: 'ConflictError',
      message: expect.stringContaining('lead'),
    });

    const sql = await f.sales.leads.move(f.anna, lead.id, lead.version, 'sales-qualified');
    const badShares = f.sales.conversions.convert(f.anna, lead.id, sql.version, {
      deal: {
        stageId: f.stages.qualification,
        valueMinor: 1000,
        expectedCloseDate: '2027-01-31',
        participants: [
          { userId: f.anna.userId, shareBasisPoints: 6000 },
          { userId: f.bo.userId, shareBasisPoints: 3000 },
        ],
      },
    });
    await expect(badShares).rejects.toMatchObject({ fields: [{ name: 'deal.participants' }] });

    const { value } = await f.sales.conversions.convert(f.anna, lead.id, sql.version, {
      deal: {
        stageId: f.stages.qualification,
        valueMinor: 250_000_00,
        expectedCloseDate: '2027-01-31',
        participants: [
          { userId: f.anna.userId, shareBasisPoints: 6000 },
          { userId: f.bo.userId, shareBasisPoints: 4000 },
        ],
      },
    });
    expect(value.account).toMatchObject({
      name: 'Ek Fastigheter AB',
      customerType: 'B2B',
      email: 'convert@ek.example',
    });
    expect(value.contact).toMatchObject({ firstName: 'Karin', lastName: 'Ek', accountId: value.account.id });
    expect(value.deal).toMatchObject({
      accountId: value.account.id,
      contactId: value.contact.id,
      leadId: lead.id,
      title: 'Karin Ek',
      commodity: 'electricity',
    });
    const stored = await f.sales.leads.get(f.anna, lead.id);
    expect(stored).toMatchObject({
      stage: 'converted',
      conversion: { accountId: value.account.id, contactId: value.contact.id, dealId: value.deal.id },
    });
    await expect(f.crm.accounts.get(f.admin, value.account.id)).resolves.toMatchObject({
      id: value.account.id,
    });
    await expect(
      f.sales.conversions.convert(f.anna, lead.id, stored.version, {
        deal: { stageId: f.stages.qualification, valueMinor: 1, expectedCloseDate: '2027-01-31' },
      }),
    ).rejects.toMatchObject({ message: expect.stringContaining('already converted') });
  });

  it('answers a retried conversion with what the first one made, and names a taken org number under its part', async () => {
    const sqlLead = async (email: string) => {
      const lead = (await f.sales.leads.create(f.anna, { ...prospect, email, phone: undefined })).value;
      return f.sales.leads.move(f.anna, lead.id, lead.version, 'sales-qualified');
    };
    const deal = { stageId: f.stages.qualification, valueMinor: 1000, expectedCloseDate: '2027-01-31' };
    const token = { operationId: 'convertLead', key: 'retry-1', requestHash: 'same' };
    const lead = await sqlLead('retry@ek.example');
    const first = await f.sales.conversions.convert(
      f.anna,
      lead.id,
      lead.version,
      { deal, account: { name: 'Retry AB', orgNumber: '556036-0793' } },
      token,
    );
    const retry = await f.sales.conversions.convert(f.anna, lead.id, lead.version, { deal }, token);
    expect(retry).toEqual({ value: first.value, replayed: true });

    const twin = await sqlLead('twin@ek.example');
    await expect(
      f.sales.conversions.convert(f.anna, twin.id, twin.version, {
        deal,
        account: { name: 'Twin AB', orgNumber: '556036-0793' },
      }),
    ).rejects.toMatchObject({ name: 'ConflictError', fields: [{ name: 'account.orgNumber' }] });
    await expect(
      f.sales.conversions.convert(f.anna, twin.id, twin.version, {
        deal,
        accountId: first.value.account.id,
        account: { name: 'Both' },
      }),
    ).rejects.toMatchObject({ fields: [{ name: 'account' }] });
  });

  it('writes nothing when one part of a conversion is refused', async () => {
    const lead = (await f.sales.leads.create(f.anna, { ...prospect, email: 'partial@ek.example' })).value;
    const sql = await f.sales.leads.move(f.anna, lead.id, lead.version, 'sales-qualified');
    const refused = f.sales.conversions.convert(f.anna, lead.id, sql.version, {
      deal: { stageId: 'no-such-stage', valueMinor: 1, expectedCloseDate: '2027-01-31' },
    });
    await expect(refused).rejects.toMatchObject({ fields: [{ name: 'deal.stageId' }] });
    expect((await f.sales.leads.get(f.anna, lead.id)).stage).toBe('sales-qualified');
    const accounts = await f.crm.accounts.list(f.admin, { namePrefix: 'Ek Fastigheter' }, { limit: 10 });
    expect(accounts.items.filter((a) => a.email === 'partial@ek.example')).toEqual([]);
  });

  describe('deals', () => {
    let accountId: string;
    beforeAll(async () => {
      accountId = (await f.crm.accounts.create(f.admin, { name: 'Deal Customer AB', customerType: 'B2B' }))
        .value.id;
    });

    const draft = () => ({
      title: 'Electricity 2027',
      accountId,
      stageId: f.stages.qualification,
      valueMinor: 100_000,
      expectedCloseDate: '2027-03-15',
    });

    it('refuses shares that do not total 10 000 and a lost stage without reason', async () => {
      await expect(
        f.sales.deals.create(f.anna, {
          ...draft(),
          participants: [
            { userId: f.anna.userId, shareBasisPoints: 5000 },
            { userId: f.bo.userId, shareBasisPoints: 4999 },
          ],
        }),
      ).rejects.toMatchObject({
        fields: [{ name: 'participants', reason: expect.stringContaining('9999') }],
      });
      const deal = (await f.sales.deals.create(f.anna, draft())).value;
      await expect(
        f.sales.deals.update(f.anna, deal.id, deal.version, { stageId: f.stages.lost }),
      ).rejects.toMatchObject({ fields: [{ name: 'lossReasonId' }] });
      const lost = await f.sales.deals.update(f.anna, deal.id, deal.version, {
        stageId: f.stages.lost,
        lossReasonId: f.lossReason,
      });
      expect(lost).toMatchObject({ stage: { status: 'lost' }, lossReasonId: f.lossReason });
      expect(lost.closedAt).toBeDefined();
      expect(lost.stageHistory.map((v) => v.stageId)).toEqual([f.stages.qualification, f.stages.lost]);
    });

    it('keeps a moved deal’s stage in one place: read back, it is in the new stage only', async () => {
      // Prepare
      const deal = (await f.sales.deals.create(f.anna, draft())).value;

      // Act
      await f.sales.deals.update(f.anna, deal.id, deal.version, { stageId: f.stages.negotiation });
      const read = await f.sales.deals.get(f.anna, deal.id);

      // Assess
      expect(read.stage).toMatchObject({ id: f.stages.negotiation, title: 'Negotiation' });
      expect(Object.keys(read)).not.toContain('stageId');
      expect(read.stageHistory.map((v) => v.stageId)).toEqual([f.stages.qualification, f.stages.negotiation]);
    });

    it('counts the owner’s groups and the groups above them for the forecast', async () => {
      const deal = (await f.sales.deals.create(f.anna, draft())).value;
      expect(deal.forecastGroupIds).toEqual([f.groups.region, f.groups.team].sort());
    });

    it('shows a sales user only the deals they own or take part in', async () => {
      const annas = (await f.sales.deals.create(f.anna, draft())).value;
      await expect(f.sales.deals.get(f.bo, annas.id)).rejects.toBeInstanceOf(NotFoundError);
      await expect(f.sales.deals.get(f.viewer, annas.id)).resolves.toMatchObject({ id: annas.id });
      const shared = await f.sales.deals.update(f.anna, annas.id, annas.version, {
        participants: [
          { userId: f.anna.userId, shareBasisPoints: 5000 },
          { userId: f.bo.userId, shareBasisPoints: 5000 },
        ],
      });
      await expect(f.sales.deals.get(f.bo, annas.id)).resolves.toMatchObject({ version: shared.version });
      const bos = await f.sales.deals.list(f.bo, { limit: 100 });
      expect(bos.items.map((d) => d.id)).toContain(annas.id);
      const dropped = await f.sales.deals.update(f.anna, annas.id, shared.version, {
        participants: [{ userId: f.anna.userId, shareBasisPoints: 10_000 }],
      });
      expect((await f.sales.deals.list(f.bo, { limit: 100 })).items.map((d) => d.id)).not.toContain(annas.id);
      expect(dropped.participants).toHaveLength(1);
      await expect(f.sales.deals.create(f.bo, { ...draft(), ownerId: f.anna.userId })).rejects.toMatchObject({
        name: 'ForbiddenError',
      });
    });

    it('lets a viewer who also sells read every deal but change only their own', async () => {
      const both = { ...f.bo, roles: ['viewer', 'sales'] };
      const annas = (await f.sales.deals.create(f.anna, draft())).value;
      await expect(f.sales.deals.get(both, annas.id)).resolves.toMatchObject({ id: annas.id });
      await expect(
        f.sales.deals.update(both, annas.id, annas.version, { valueMinor: 1 }),
      ).rejects.toMatchObject({ name: 'ForbiddenError' });
    });

    it('answers another tenant’s deal with 404', async () => {
      const deal = (await f.sales.deals.create(f.anna, draft())).value;
      const other = await salesFixture({}, f.table);
      await expect(other.sales.deals.get(other.admin, deal.id)).rejects.toBeInstanceOf(NotFoundError);
    });
  });
});
