import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Contact } from '#domain/accounts/contact';
import { readFollowingMerges } from '#domain/accounts/merged-read';
import type { Activity } from '#domain/activities/activity';
import { historyOf } from '#domain/audit';
import { ConflictError, MergedError, VersionMismatchError } from '#domain/errors';
import type { DomainEventOf } from '#domain/event-catalogue';
import type { DomainEvent } from '#domain/events';
import { contactMergeServices } from '#runtime/contact-merge-services';
import { mergeFollowUpServices } from '#runtime/merge-follow-up-services';
import { timelineServices } from '#runtime/timeline-services';
import { lookupOwnersEntity } from '#table/accounts/entities';
import { activityItem } from '#table/activities/activities-store';
import { activityEntity } from '#table/activities/entities';
import { uniqueEntity } from '#table/core/entities';
import { DynamoHistoryStore } from '#table/core/history-store';
import { servicesWithTenants } from '../support/local-table';

type Setup = Awaited<ReturnType<typeof servicesWithTenants>>;

describe('merging contacts against the table', () => {
  let setup: Setup;
  /** Every event a committed or tried transaction carried, by id. */
  const sent = new Map<string, DomainEvent>();

  beforeAll(async () => {
    setup = await servicesWithTenants((command, input) => {
      if (command !== 'TransactWriteItemsCommand') return;
      for (const item of (input.TransactItems ?? []) as { Put?: { Item?: Record<string, unknown> } }[]) {
        if (item.Put?.Item?.entity === 'Outbox') {
          const event = item.Put.Item.event as DomainEvent;
          sent.set(event.id, event);
        }
      }
    });
  });

  const merges = () => contactMergeServices({ table: setup.table });

  let n = 0;
  /** A contact with a phone of its own (and whatever else is given). */
  async function contact(fields: Partial<Contact> = {}): Promise<Contact> {
    n++;
    const created = await setup.services.contacts.create(setup.se, {
      firstName: 'Maja',
      lastName: 'Lindqvist',
      phones: [`070-555 ${String(10 + n).padStart(2, '0')} 01`],
      ...fields,
    });
    return created.value;
  }

  /** The survivor's `ContactsMerged` event of the merge of `loserId`, as the bus would deliver it. */
  const mergedEvent = (loserId: string) =>
    [...sent.values()].find(
      (e) => e.type === 'ContactsMerged' && e.subject.id !== loserId && e.data.loserId === loserId,
    ) as DomainEventOf<'ContactsMerged'>;

  /** What the audit recorder does with the events sent so far. */
  async function recordHistory() {
    const history = new DynamoHistoryStore(setup.table);
    for (const event of sent.values()) {
      const { entry, subjects } = historyOf(event);
      await history.record(event.tenantId, entry, subjects);
    }
  }

  const owners = async (kind: 'phone' | 'email', value: string) => {
    const { Item } = await setup.table.client.send(
      new GetCommand({
        TableName: setup.table.name,
        Key: lookupOwnersEntity.key({ tenantId: setup.se.tenantId, kind, value }),
      }),
    );
    return [...((Item?.owners as Set<string> | undefined) ?? [])].sort();
  };

  it('hands the loser’s customer id and phones to the survivor in the merge’s transaction', async () => {
    // Prepare
    const survivor = await contact();
    const loser = await contact({ externalCustomerId: 'NE-900001', email: 'maja@example.se' });

    // Act
    const merged = await merges().merge(setup.se, survivor.id, survivor.version, {
      loserId: loser.id,
    });

    // Assess
    expect(merged).toMatchObject({
      externalCustomerId: 'NE-900001',
      email: 'maja@example.se',
      phones: [...survivor.phones, ...loser.phones],
      version: 2,
    });
    const byCustomerId = await setup.services.subjects.identify(setup.se, 'customerId', 'NE-900001');
    expect(byCustomerId.contacts.map((m) => m.contact.id)).toEqual([survivor.id]);
    const byPhone = await setup.services.subjects.identify(setup.se, 'phone', loser.phones[0] as string);
    expect(byPhone.contacts.map((m) => m.contact.id)).toEqual([survivor.id]);
    const taken = setup.services.contacts.create(setup.se, {
      firstName: 'Other',
      lastName: 'Person',
      externalCustomerId: 'NE-900001',
    });
    await expect(taken).rejects.toMatchObject({ code: 'customer-id-taken' });
    const read = await readFollowingMerges((id) => setup.services.contacts.get(setup.se, id), loser.id);
    expect(read).toEqual({ mergedInto: survivor.id });
    await expect(setup.services.contacts.get(setup.se, loser.id)).rejects.toBeInstanceOf(MergedError);
    // The owners item of the loser's phone names the survivor now, the loser until the follow-up.
    expect(await owners('phone', loser.phones[0] as string)).toEqual(
      [`CONTACT#${loser.id}`, `CONTACT#${survivor.id}`].sort(),
    );
    await mergeFollowUpServices({ table: setup.table }).contacts.apply(mergedEvent(loser.id));
    expect(await owners('phone', loser.phones[0] as string)).toEqual([`CONTACT#${survivor.id}`]);
    expect(await owners('email', 'maja@example.se')).toEqual([`CONTACT#${survivor.id}`]);
  });

  it('keeps the values chosen per field', async () => {
    // Prepare
    const survivor = await contact({ email: 'first@example.se', greeting: 'Hej' });
    const loser = await contact({ email: 'second@example.se', greeting: 'Hejsan' });

    // Act
    const merged = await merges().merge(setup.se, survivor.id, 1, {
      loserId: loser.id,
      keep: { email: 'loser', phones: 'survivor' },
    });

    // Assess
    expect(merged).toMatchObject({ email: 'second@example.se', greeting: 'Hej', phones: survivor.phones });
    const byOldEmail = setup.services.subjects.identify(setup.se, 'email', 'first@example.se');
    await expect(byOldEmail).rejects.toMatchObject({ code: 'not-found' });
    const byKept = await setup.services.subjects.identify(setup.se, 'email', 'second@example.se');
    expect(byKept.contacts.map((m) => m.contact.id)).toEqual([survivor.id]);
  });

  it('refuses a merge whose unique value someone else holds, naming the field, and writes nothing', async () => {
    // Prepare: the loser's customer-id guard held by another record (a write racing the merge)
    const survivor = await contact();
    const loser = await contact({ externalCustomerId: 'NE-900002' });
    await setup.table.client.send(
      new PutCommand({
        TableName: setup.table.name,
        Item: {
          ...uniqueEntity.key({ tenantId: setup.se.tenantId, kind: 'customerId', value: 'NE-900002' }),
          entity: uniqueEntity.stored,
          ownerId: 'someone-else',
        },
      }),
    );

    // Act
    const merge = merges().merge(setup.se, survivor.id, 1, {
      loserId: loser.id,
      keep: { externalCustomerId: 'loser' },
    });

    // Assess
    await expect(merge).rejects.toBeInstanceOf(ConflictError);
    await expect(merge).rejects.toMatchObject({
      code: 'customer-id-taken',
      fields: [{ name: 'externalCustomerId' }],
    });
    expect((await setup.services.contacts.get(setup.se, survivor.id)).version).toBe(1);
    expect((await setup.services.contacts.get(setup.se, loser.id)).mergedInto).toBeUndefined();
  });

  it('lets exactly one of two concurrent merges into one survivor through', async () => {
    // Prepare
    const survivor = await contact();
    const [a, b] = [await contact(), await contact()];

    // Act
    const results = await Promise.allSettled([
      merges().merge(setup.se, survivor.id, 1, { loserId: a.id }),
      merges().merge(setup.se, survivor.id, 1, { loserId: b.id }),
    ]);

    // Assess
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const [refused] = results.filter((r) => r.status === 'rejected');
    expect(refused?.reason).toBeInstanceOf(VersionMismatchError);
    expect((await setup.services.contacts.get(setup.se, survivor.id)).version).toBe(2);
  });

  it('lets exactly one of two concurrent merges of one loser through', async () => {
    // Prepare
    const [first, second, loser] = [await contact(), await contact(), await contact()];

    // Act
    const results = await Promise.allSettled([
      merges().merge(setup.se, first.id, 1, { loserId: loser.id }),
      merges().merge(setup.se, second.id, 1, { loserId: loser.id }),
    ]);

    // Assess
    const won = results.findIndex((r) => r.status === 'fulfilled');
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const survivorId = [first.id, second.id][won];
    expect(await readFollowingMerges((id) => setup.services.contacts.get(setup.se, id), loser.id)).toEqual({
      mergedInto: survivorId,
    });
    const loserId = setup.services.contacts.get(setup.se, loser.id);
    await expect(loserId).rejects.toMatchObject({ code: 'merged' });
  });

  it('moves notes, consent history and activities once, however often and concurrently the follow-up runs', async () => {
    // Prepare: a loser with notes, a consent change and an activity
    const survivor = await contact();
    const loser = await contact({ newsletterConsent: true });
    for (const text of ['Ringde om flytten.', 'Vill ha fast pris.']) {
      await setup.services.subjects.addNote(setup.se, { type: 'contact', id: loser.id }, text);
    }
    const activity: Activity = {
      id: '01JN0000000000000000000001',
      tenantId: setup.se.tenantId,
      createdAt: '2026-01-01T00:00:00.000Z',
      createdBy: 'se-admin',
      updatedAt: '2026-01-01T00:00:00.000Z',
      updatedBy: 'se-admin',
      version: 1,
      subject: { type: 'contact', id: loser.id },
      title: 'Ring tillbaka',
      ownerId: 'se-admin',
      schedule: { kind: 'once', at: '2027-01-01T09:00:00.000Z' },
      timeZone: 'Europe/Stockholm',
      state: 'active',
    };
    await setup.table.client.send(
      new PutCommand({ TableName: setup.table.name, Item: activityItem(activity) }),
    );
    await merges().merge(setup.se, survivor.id, 1, { loserId: loser.id });
    await recordHistory();
    const followUp = mergeFollowUpServices({ table: setup.table }).contacts;
    const event = mergedEvent(loser.id);

    // Act: two deliveries at once, then a redelivery
    await Promise.all([followUp.apply(event), followUp.apply(event)]);
    await followUp.apply(event);

    // Assess
    const notesOf = async (id: string) =>
      (await setup.services.subjects.notes(setup.se, { type: 'contact', id }, { limit: 10 })).items;
    expect((await notesOf(survivor.id)).map((note) => [note.text, note.subject.id])).toEqual([
      ['Vill ha fast pris.', survivor.id],
      ['Ringde om flytten.', survivor.id],
    ]);
    expect(await notesOf(loser.id)).toEqual([]);
    const partition = async (id: string, prefix: string) =>
      (
        await setup.table.client.send(
          new QueryCommand({
            TableName: setup.table.name,
            KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
            ExpressionAttributeValues: { ':pk': `T#${setup.se.tenantId}#CONTACT#${id}`, ':prefix': prefix },
          }),
        )
      ).Items ?? [];
    expect((await partition(survivor.id, 'CONSENT#')).map((c) => [c.contactId, c.granted])).toEqual([
      [survivor.id, true],
    ]);
    expect(await partition(loser.id, 'CONSENT#')).toEqual([]);
    const moved = await activityEntity.get(setup.table, {
      tenantId: setup.se.tenantId,
      activityId: activity.id,
    });
    expect(moved).toMatchObject({ subject: { type: 'contact', id: survivor.id }, version: 2 });
    const timeline = await timelineServices({ table: setup.table }).timeline.forContact(
      setup.se,
      survivor.id,
      { limit: 25 },
    );
    const titles = timeline.items.map((e) => [e.title, e.subject.id]);
    expect(titles.filter(([title]) => title === 'Note added')).toHaveLength(2);
    expect(titles.filter(([title]) => title === 'Contacts merged')).toEqual([
      ['Contacts merged', survivor.id],
    ]);
    expect(titles).toContainEqual(['Contact created', loser.id]);
  });

  it('leaves the loser’s event of the pair, and one whose loser is not merged, without effect', async () => {
    // Prepare
    const survivor = await contact();
    const loser = await contact();
    await setup.services.subjects.addNote(setup.se, { type: 'contact', id: loser.id }, 'Kvar tills vidare.');
    await merges().merge(setup.se, survivor.id, 1, { loserId: loser.id });
    const survivorEvent = mergedEvent(loser.id);
    const loserEvent = [...sent.values()].find(
      (e) => e.type === 'ContactsMerged' && e.subject.id === loser.id,
    ) as DomainEventOf<'ContactsMerged'>;
    const live = await contact();
    const followUp = mergeFollowUpServices({ table: setup.table }).contacts;

    // Act
    await followUp.apply(loserEvent);
    await followUp.apply({ ...survivorEvent, data: { ...survivorEvent.data, loserId: live.id } });

    // Assess
    const notes = await setup.services.subjects.notes(
      setup.se,
      { type: 'contact', id: loser.id },
      { limit: 5 },
    );
    expect(notes.items.map((note) => note.text)).toEqual(['Kvar tills vidare.']);
    expect(await setup.services.contacts.get(setup.se, live.id)).toMatchObject({ version: 1 });
  });

  it('answers 404 for another tenant’s contact', async () => {
    // Prepare
    const survivor = await contact();
    const loser = await contact();

    // Act
    const merge = merges().merge(setup.sk, survivor.id, 1, { loserId: loser.id });

    // Assess
    await expect(merge).rejects.toMatchObject({ code: 'not-found' });
  });
});
