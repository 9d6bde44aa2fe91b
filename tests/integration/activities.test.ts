import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ActivitiesServices } from '#domain/activities/activities-services';
import type { ActivitySubject } from '#domain/activities/activity';
import { schedulerUserId } from '#domain/activities/activity-due-service';
import { NotFoundError, ValidationError } from '#domain/errors';
import type { DomainEvent } from '#domain/events';
import { activitiesServices } from '#runtime/activities-services';
import { outboxEventEntity } from '#table/core/entities';
import { LocalScheduler } from '../../lib/local/local-scheduler';
import { everyUserActive } from '../support/accounts-fakes';
import { servicesWithTenants } from '../support/local-table';

type Setup = Awaited<ReturnType<typeof servicesWithTenants>>;

/** Friday 28 March 2025, 11:00 in Stockholm; the clocks go forward on Sunday the 30th. */
const start = new Date('2025-03-28T10:00:00Z');
const hours = (n: number) => n * 3600 * 1000;
const days = (n: number) => hours(24 * n);
const at = (offsetMillis: number) => new Date(start.getTime() + offsetMillis);

describe('scheduled activities with the local scheduler', () => {
  let setup: Setup;
  /** Every outbox item a transaction tried to write; `stored` reads which were written. */
  const sentEvents: DomainEvent[] = [];
  let contact: ActivitySubject;
  let account: ActivitySubject;

  beforeAll(async () => {
    setup = await servicesWithTenants((command, input) => {
      if (command !== 'TransactWriteItemsCommand') return;
      const items = (input.TransactItems ?? []) as { Put?: { Item?: Record<string, unknown> } }[];
      for (const item of items) {
        if (item.Put?.Item?.entity === 'Outbox') sentEvents.push(item.Put.Item.event as DomainEvent);
      }
    });
    const created = await setup.services.accounts.create(setup.se, {
      name: 'Bageri Solrosen AB',
      customerType: 'B2B',
    });
    account = { type: 'account', id: created.value.id };
    const person = await setup.services.contacts.create(setup.se, {
      firstName: 'Anna',
      lastName: 'Svensson',
      accountId: account.id,
    });
    contact = { type: 'contact', id: person.value.id };
  });

  /** A fresh scheduler whose time starts at `start`, and the services sharing its clock. */
  let scheduler: LocalScheduler;
  let s: ActivitiesServices;
  beforeEach(() => {
    scheduler = new LocalScheduler(
      async (input) => {
        await s.due.due(input);
      },
      { now: () => start },
    );
    // Owners are not under test here: every user named is an active user of the tenant.
    s = activitiesServices(
      { table: setup.table, scheduler },
      { clock: scheduler.clock, users: everyUserActive },
    );
  });

  async function stored(type: string, activityId: string): Promise<DomainEvent[]> {
    const candidates = sentEvents.filter(
      (e) =>
        e.type === type &&
        ((e.data.activityId ?? (e.data.activity as { id?: string } | undefined)?.id) === activityId ||
          (e.data.task as { activityId?: string } | undefined)?.activityId === activityId),
    );
    const found: DomainEvent[] = [];
    for (const event of candidates) {
      const { Item } = await setup.table.client.send(
        new GetCommand({
          TableName: setup.table.name,
          Key: outboxEventEntity.key({ tenantId: event.tenantId, eventId: event.id }),
        }),
      );
      if (Item) found.push(Item.event as DomainEvent);
    }
    return found;
  }

  const openTasksOf = async (userId: string, activityId: string) =>
    (
      await s.tasks.list({ ...setup.se, userId }, { assignee: 'me', state: 'open' }, { limit: 100 })
    ).items.filter((t) => t.activityId === activityId);

  it('gives the owner exactly one open task and emits ActivityDue when a one-off is due', async () => {
    // Prepare
    const { value: activity } = await s.activities.create(setup.se, contact, {
      title: 'Call about the contract renewal',
      ownerId: 'se-owner-1',
      schedule: { kind: 'once', at: at(hours(2)).toISOString() },
    });

    // Act
    await scheduler.advanceTo(at(hours(3)));

    // Assess
    const tasks = await openTasksOf('se-owner-1', activity.id);
    expect(tasks).toEqual([
      expect.objectContaining({
        id: `${activity.id}-20250328T120000Z`,
        title: 'Call about the contract renewal',
        subject: contact,
        accountId: account.id,
        assigneeId: 'se-owner-1',
        dueAt: '2025-03-28T12:00:00.000Z',
        state: 'open',
        createdBy: schedulerUserId,
      }),
    ]);
    const [due] = await stored('ActivityDue', activity.id);
    expect(due).toMatchObject({
      type: 'ActivityDue',
      tenantId: setup.se.tenantId,
      subject: { type: 'contact', id: contact.id, accountId: account.id },
      data: { activityId: activity.id, taskId: tasks[0]?.id, occurrence: '2025-03-28T12:00:00.000Z' },
    });
    expect(await stored('TaskCreated', activity.id)).toHaveLength(1);
    expect(await s.activities.get(setup.se, activity.id)).toMatchObject({ state: 'finished' });
    expect(await stored('ActivityFinished', activity.id)).toHaveLength(1);
  });

  it('creates no second task when time is advanced again or the trigger fires twice', async () => {
    // Prepare
    const { value: activity } = await s.activities.create(setup.se, account, {
      title: 'Send the offer',
      ownerId: 'se-owner-2',
      schedule: { kind: 'once', at: at(hours(1)).toISOString() },
    });
    await scheduler.advanceTo(at(hours(2)));

    // Act
    await scheduler.advanceTo(at(days(3)));
    const repeated = await s.due.due({
      tenantId: setup.se.tenantId,
      activityId: activity.id,
      occurrence: at(hours(1)).toISOString(),
    });

    // Assess
    expect(repeated.outcome).toBe('skipped');
    expect(await openTasksOf('se-owner-2', activity.id)).toHaveLength(1);
    expect(await stored('ActivityDue', activity.id)).toHaveLength(1);
  });

  it('makes one task per occurrence however often one occurrence of an interval is triggered', async () => {
    // Prepare
    const { value: activity } = await s.activities.create(setup.se, contact, {
      title: 'Check the meter reading',
      ownerId: 'se-owner-3',
      schedule: { kind: 'interval', every: 'P1D', startAt: '2025-03-29T08:00:00Z' },
    });
    const input = {
      tenantId: setup.se.tenantId,
      activityId: activity.id,
      occurrence: '2025-03-29T08:00:00Z',
    };

    // Act
    const first = await s.due.due(input);
    const second = await s.due.due({ ...input, occurrence: '2025-03-29T08:00:41Z' });

    // Assess
    expect(first.outcome).toBe('created');
    expect(second).toEqual({ outcome: 'duplicate', taskId: `${activity.id}-20250329T080000Z` });
    expect(await openTasksOf('se-owner-3', activity.id)).toHaveLength(1);
  });

  it('makes three tasks at 09:00 local time when a daily activity is advanced three days over the DST change', async () => {
    // Prepare: 09:00 in Stockholm from Saturday 29 March.
    const { value: activity } = await s.activities.create(setup.se, contact, {
      title: 'Morning follow-up',
      ownerId: 'se-owner-4',
      schedule: { kind: 'interval', every: 'P1D', startAt: '2025-03-29T09:00:00+01:00' },
    });

    // Act
    await scheduler.advanceTo(new Date('2025-03-31T12:00:00Z'));

    // Assess
    const tasks = await openTasksOf('se-owner-4', activity.id);
    expect(tasks.map((t) => t.dueAt)).toEqual([
      '2025-03-29T08:00:00.000Z',
      '2025-03-30T07:00:00.000Z',
      '2025-03-31T07:00:00.000Z',
    ]);
    expect(await stored('ActivityDue', activity.id)).toHaveLength(3);
    expect(await s.activities.get(setup.se, activity.id)).toMatchObject({ state: 'active', version: 1 });
  });

  it('finishes an interval at its last occurrence', async () => {
    // Prepare
    const { value: activity } = await s.activities.create(setup.se, contact, {
      title: 'Two reminders',
      ownerId: 'se-owner-5',
      schedule: {
        kind: 'interval',
        every: 'P1D',
        startAt: '2025-03-29T08:00:00Z',
        endAt: '2025-03-30T07:00:00Z',
      },
    });

    // Act
    await scheduler.advanceTo(at(days(10)));

    // Assess
    expect(await openTasksOf('se-owner-5', activity.id)).toHaveLength(2);
    expect(await s.activities.get(setup.se, activity.id)).toMatchObject({ state: 'finished' });
    expect(scheduler.pending().some((p) => p.activityId === activity.id)).toBe(false);
  });

  it('creates no task for a cancelled activity, nor for a paused one until it is resumed', async () => {
    // Prepare
    const { value: cancelled } = await s.activities.create(setup.se, contact, {
      title: 'Cancelled call',
      ownerId: 'se-owner-6',
      schedule: { kind: 'once', at: at(hours(1)).toISOString() },
    });
    const { value: paused } = await s.activities.create(setup.se, contact, {
      title: 'Weekly check',
      ownerId: 'se-owner-6',
      schedule: { kind: 'interval', every: 'P1D', startAt: '2025-03-29T08:00:00Z' },
    });
    await s.activities.update(setup.se, cancelled.id, 1, { state: 'cancelled' });
    await s.activities.update(setup.se, paused.id, 1, { state: 'paused' });

    // Act
    await scheduler.advanceTo(new Date('2025-03-29T12:00:00Z'));
    const whilePaused = await openTasksOf('se-owner-6', paused.id);
    await s.activities.update(setup.se, paused.id, 2, { state: 'active' });
    await scheduler.advanceTo(new Date('2025-03-30T12:00:00Z'));

    // Assess
    expect(await openTasksOf('se-owner-6', cancelled.id)).toEqual([]);
    expect(whilePaused).toEqual([]);
    expect((await openTasksOf('se-owner-6', paused.id)).map((t) => t.dueAt)).toEqual([
      '2025-03-30T07:00:00.000Z',
    ]);
    const explicit = await s.due.due({
      tenantId: setup.se.tenantId,
      activityId: cancelled.id,
      occurrence: at(hours(1)).toISOString(),
    });
    expect(explicit).toEqual({ outcome: 'skipped', reason: 'the activity is cancelled' });
  });

  it('fires a changed schedule at its new time and ignores a trigger of the old one', async () => {
    // Prepare
    const { value: activity } = await s.activities.create(setup.se, contact, {
      title: 'Moved call',
      ownerId: 'se-owner-7',
      schedule: { kind: 'once', at: at(hours(1)).toISOString() },
    });

    // Act
    await s.activities.update(setup.se, activity.id, 1, {
      schedule: { kind: 'once', at: at(hours(5)).toISOString() },
    });
    const stale = await s.due.due({
      tenantId: setup.se.tenantId,
      activityId: activity.id,
      occurrence: at(hours(1)).toISOString(),
    });
    await scheduler.advanceTo(at(hours(6)));

    // Assess
    expect(stale.outcome).toBe('skipped');
    expect((await openTasksOf('se-owner-7', activity.id)).map((t) => t.dueAt)).toEqual([
      at(hours(5)).toISOString(),
    ]);
  });

  it('lets the owner complete a task, which leaves the open list for the done list', async () => {
    // Prepare
    const { value: activity } = await s.activities.create(setup.se, contact, {
      title: 'Complete me',
      ownerId: 'se-owner-8',
      schedule: { kind: 'once', at: at(hours(1)).toISOString() },
    });
    await scheduler.advanceTo(at(hours(2)));
    const owner = { ...setup.se, userId: 'se-owner-8' };
    const [task] = await openTasksOf('se-owner-8', activity.id);

    // Act
    const done = await s.tasks.complete(owner, task?.id as string, 1);
    const again = await s.tasks.complete(owner, task?.id as string, 1);

    // Assess
    expect(done).toMatchObject({ state: 'done', completedBy: 'se-owner-8', version: 2 });
    expect(again).toEqual(done);
    expect(await openTasksOf('se-owner-8', activity.id)).toEqual([]);
    const doneList = await s.tasks.list(owner, { assignee: 'me', state: 'done' }, { limit: 10 });
    expect(doneList.items.map((t) => t.id)).toContain(task?.id);
    expect(await stored('TaskCompleted', activity.id)).toHaveLength(1);
  });

  it('answers 404 for a subject of another tenant or one that does not exist', async () => {
    const draft = { title: 'Nope', schedule: { kind: 'once' as const, at: at(hours(1)).toISOString() } };

    await expect(s.activities.create(setup.sk, contact, draft)).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      s.activities.create(setup.se, { type: 'account', id: '01JNNOSUCHACCOUNT000000000' }, draft),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(s.activities.ofSubject(setup.sk, contact, { limit: 10 })).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  it('refuses a one-off in the past without writing anything', async () => {
    // Prepare
    const before = sentEvents.length;

    // Act
    const refused = s.activities.create(setup.se, contact, {
      title: 'Too late',
      schedule: { kind: 'once', at: at(-hours(1)).toISOString() },
    });

    // Assess
    await expect(refused).rejects.toBeInstanceOf(ValidationError);
    expect(sentEvents.length).toBe(before);
    expect(scheduler.pending()).toEqual([]);
  });

  it('registers the active activities again after a restart', async () => {
    // Prepare: a tenant of its own, so only these activities count.
    const own = await servicesWithTenants();
    const ownAccount = await own.services.accounts.create(own.se, {
      name: 'Omstart AB',
      customerType: 'B2B',
    });
    const subject: ActivitySubject = { type: 'account', id: ownAccount.value.id };
    const before = activitiesServices(
      { table: own.table, scheduler },
      { clock: scheduler.clock, users: everyUserActive },
    );
    const daily = { kind: 'interval' as const, every: 'P1D' as const, startAt: '2025-03-29T08:00:00Z' };
    const { value: active } = await before.activities.create(own.se, subject, {
      title: 'A',
      schedule: daily,
    });
    const { value: paused } = await before.activities.create(own.se, subject, {
      title: 'B',
      schedule: daily,
    });
    await before.activities.update(own.se, paused.id, 1, { state: 'paused' });
    const restarted = new LocalScheduler(async () => undefined, { now: () => start });

    // Act
    const count = await activitiesServices({
      table: own.table,
      scheduler: restarted,
    }).activities.rescheduleAll([own.se.tenantId, own.sk.tenantId]);

    // Assess
    expect(count).toBe(1);
    expect(restarted.pending()).toEqual([
      { tenantId: own.se.tenantId, activityId: active.id, next: new Date('2025-03-29T08:00:00Z') },
    ]);
  });
});
