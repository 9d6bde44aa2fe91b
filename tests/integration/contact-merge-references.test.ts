import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { monotonicFactory } from 'ulid';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Contact } from '#domain/accounts/contact';
import type { DomainEventOf } from '#domain/event-catalogue';
import type { DomainEvent } from '#domain/events';
import type { Deal } from '#domain/sales/deals/deal';
import type { Case, CaseStatus } from '#domain/service/case';
import type { SlaTarget } from '#domain/service/sla-clock';
import { contactMergeServices } from '#runtime/contact-merge-services';
import { mergeFollowUpServices } from '#runtime/merge-follow-up-services';
import { outboxEventEntity } from '#table/core/entities';
import { DynamoDealStore } from '#table/sales/deal-store';
import { dealCopyEntity } from '#table/sales/entities';
import { DynamoCaseStore } from '#table/service/case-store';
import { servicesWithTenants } from '../support/local-table';

type Setup = Awaited<ReturnType<typeof servicesWithTenants>>;

const ulid = monotonicFactory();

describe('a contact merge’s follow-up, for the deals and cases that name the loser', () => {
  let setup: Setup;
  /** Every event a committed or tried transaction carried, in order. */
  const sent: DomainEvent[] = [];

  beforeAll(async () => {
    setup = await servicesWithTenants((command, input) => {
      if (command !== 'TransactWriteItemsCommand') return;
      for (const item of (input.TransactItems ?? []) as { Put?: { Item?: Record<string, unknown> } }[]) {
        if (item.Put?.Item?.entity === 'Outbox') sent.push(item.Put.Item.event as DomainEvent);
      }
    });
  });

  const deals = () => new DynamoDealStore(setup.table);

  async function account(): Promise<string> {
    const created = await setup.services.accounts.create(setup.se, {
      name: 'Lindqvist Bygg AB',
      customerType: 'B2B',
    });
    return created.value.id;
  }

  async function contact(accountId: string): Promise<Contact> {
    const created = await setup.services.contacts.create(setup.se, {
      firstName: 'Maja',
      lastName: 'Lindqvist',
      accountId,
    });
    return created.value;
  }

  /** A deal of the account naming the contact, with a member copy for its owner. */
  async function deal(accountId: string, contactId: string): Promise<Deal> {
    const id = ulid();
    const value: Deal = {
      id,
      tenantId: setup.se.tenantId,
      createdAt: '2026-09-01T08:00:00.000Z',
      createdBy: 'anna',
      updatedAt: '2026-09-01T08:00:00.000Z',
      updatedBy: 'anna',
      version: 1,
      title: 'Fjärrvärme, Umeå',
      accountId,
      contactId,
      ownerId: 'anna',
      participants: [{ userId: 'anna', shareBasisPoints: 10_000 }],
      supplyPointIds: [],
      valueMinor: 1_000_000,
      currency: 'SEK',
      expectedCloseDate: '2026-11-15',
      stage: { id: 'proposal', title: 'Proposal', status: 'open', probabilityBasisPoints: 2_500 },
      stageHistory: [],
      forecastGroupIds: [],
    };
    const event = { id: ulid(), type: 'DealCreated' } as DomainEvent;
    await deals().create(value, {
      ...event,
      source: 'gridline.sales',
      tenantId: value.tenantId,
      occurredAt: value.createdAt,
      actor: { userId: 'anna' },
      subject: { type: 'deal', id },
      data: { deal: value },
    } as DomainEvent);
    return value;
  }

  const cases = () => new DynamoCaseStore(setup.table);

  const target: SlaTarget = {
    minutes: 480,
    startedAt: '2026-09-01T08:00:00.000Z',
    dueAt: '2026-09-02T08:00:00.000Z',
    warnAt: '2026-09-01T14:00:00.000Z',
    pausedMinutes: 0,
    status: 'running',
  };

  /** A case of the account naming the contact, with its queue entry and open-case markers while open. */
  async function serviceCase(
    accountId: string,
    contactId: string,
    status: CaseStatus = 'open',
  ): Promise<Case> {
    const id = ulid();
    const created = await cases().create(setup.se.tenantId, async (number) => {
      const value: Case = {
        id,
        tenantId: setup.se.tenantId,
        createdAt: '2026-09-01T08:00:00.000Z',
        createdBy: 'anna',
        updatedAt: '2026-09-01T08:00:00.000Z',
        updatedBy: 'anna',
        version: 1,
        number,
        subject: 'Fakturan stämmer inte',
        description: 'Dubbel debitering i augusti.',
        priority: 'normal',
        channel: 'email',
        status,
        statusChangedAt: '2026-09-01T08:00:00.000Z',
        accountId,
        contactId,
        tags: [],
        sla: {
          supportLevelId: 'standard',
          priority: 'normal',
          calendarId: 'se',
          warnAtBasisPoints: 8_000,
          firstResponse: target,
          resolution: target,
          timers: {},
          fired: [],
        },
        reopenCount: 0,
        messageCount: 0,
      };
      const event = {
        id: ulid(),
        type: 'CaseOpened',
        source: 'gridline.service',
        tenantId: value.tenantId,
        occurredAt: value.createdAt,
        actor: { userId: 'anna' },
        subject: { type: 'case', id },
        data: { case: value },
      } as DomainEvent;
      return { case: value, event };
    });
    return created.value;
  }

  /** The survivor's `ContactsMerged` of the merge of `loserId`, as the bus would deliver it. */
  const mergedEvent = (loserId: string) =>
    sent.find(
      (e) => e.type === 'ContactsMerged' && e.subject.id !== loserId && e.data.loserId === loserId,
    ) as DomainEventOf<'ContactsMerged'>;

  /** The event as its transaction committed it, if it did. */
  const outboxed = async (event: DomainEvent) => {
    const key = outboxEventEntity.key({ tenantId: event.tenantId, eventId: event.id });
    const { Item } = await setup.table.client.send(new GetCommand({ TableName: setup.table.name, Key: key }));
    return Item?.event as DomainEvent | undefined;
  };

  const copyOf = (dealId: string) =>
    dealCopyEntity.get(setup.table, { tenantId: setup.se.tenantId, userId: 'anna', dealId });

  it('points the loser’s deals at the survivor once, with a DealUpdated each, and leaves other deals', async () => {
    // Prepare: a loser with a deal, and another contact of the account with one
    const accountId = await account();
    const [survivor, loser, other] = [
      await contact(accountId),
      await contact(accountId),
      await contact(accountId),
    ];
    const loserDeal = await deal(accountId, loser.id);
    const otherDeal = await deal(accountId, other.id);
    await contactMergeServices({ table: setup.table }).merge(setup.se, survivor.id, 1, { loserId: loser.id });
    const followUp = mergeFollowUpServices({ table: setup.table }).contacts;
    const event = mergedEvent(loser.id);

    // Act: two deliveries at once, then a redelivery
    await Promise.all([followUp.apply(event), followUp.apply(event)]);
    await followUp.apply(event);

    // Assess
    const moved = await deals().get(setup.se.tenantId, loserDeal.id);
    expect(moved).toMatchObject({ contactId: survivor.id, version: 2, updatedBy: 'se-admin' });
    expect(await copyOf(loserDeal.id)).toMatchObject({ contactId: survivor.id, version: 2 });
    expect(await deals().get(setup.se.tenantId, otherDeal.id)).toMatchObject({
      contactId: other.id,
      version: 1,
    });
    const committed = await Promise.all(sent.filter((e) => e.type === 'DealUpdated').map(outboxed));
    expect(committed.filter((e) => e?.subject.id === loserDeal.id).map((e) => e?.changes)).toEqual([
      [{ field: 'contactId', from: loser.id, to: survivor.id }],
    ]);
    expect(committed.filter((e) => e?.subject.id === otherDeal.id)).toEqual([]);
  });

  it('points the loser’s open cases at the survivor once, moving their open-case markers', async () => {
    // Prepare: a loser with an open case, and another contact of the account with one
    const accountId = await account();
    const [survivor, loser, other] = [
      await contact(accountId),
      await contact(accountId),
      await contact(accountId),
    ];
    const loserCase = await serviceCase(accountId, loser.id);
    const otherCase = await serviceCase(accountId, other.id);
    await contactMergeServices({ table: setup.table }).merge(setup.se, survivor.id, 1, { loserId: loser.id });
    const followUp = mergeFollowUpServices({ table: setup.table }).contacts;
    const event = mergedEvent(loser.id);

    // Act: two deliveries at once, then a redelivery
    await Promise.all([followUp.apply(event), followUp.apply(event)]);
    await followUp.apply(event);

    // Assess
    const { tenantId } = setup.se;
    expect(await cases().get(tenantId, loserCase.id)).toMatchObject({ contactId: survivor.id, version: 2 });
    expect(await cases().openOfContact(tenantId, survivor.id)).toEqual([loserCase.id]);
    expect(await cases().openOfContact(tenantId, loser.id)).toEqual([]);
    expect(await cases().get(tenantId, otherCase.id)).toMatchObject({ contactId: other.id, version: 1 });
    expect(await cases().openOfContact(tenantId, other.id)).toEqual([otherCase.id]);
    const committed = await Promise.all(sent.filter((e) => e.type === 'CaseUpdated').map(outboxed));
    expect(committed.filter((e) => e?.subject.id === loserCase.id).map((e) => e?.changes)).toEqual([
      [{ field: 'contactId', from: loser.id, to: survivor.id }],
    ]);
  });

  it('leaves a closed case naming the loser: no index finds it by contact', async () => {
    // Prepare
    const accountId = await account();
    const [survivor, loser] = [await contact(accountId), await contact(accountId)];
    const closed = await serviceCase(accountId, loser.id, 'closed');
    await contactMergeServices({ table: setup.table }).merge(setup.se, survivor.id, 1, { loserId: loser.id });

    // Act
    await mergeFollowUpServices({ table: setup.table }).contacts.apply(mergedEvent(loser.id));

    // Assess
    expect(await cases().get(setup.se.tenantId, closed.id)).toMatchObject({
      contactId: loser.id,
      version: 1,
    });
  });
});
