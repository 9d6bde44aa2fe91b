import { readFileSync } from 'node:fs';
import path from 'node:path';
import { monotonicFactory } from 'ulid';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { ActivitiesServices } from '#domain/activities/activities-services';
import { accountsServices } from '#runtime/accounts-services';
import { activitiesServices } from '#runtime/activities-services';
import { DynamoTenantDirectory } from '#table/core/tenant-directory';
import { LOCAL_DYNAMODB_CREDENTIALS, LOCAL_DYNAMODB_REGION } from '../../lib/local/dynamodb-local';
import { LocalScheduler } from '../../lib/local/local-scheduler';
import { everyUserActive } from '../support/accounts-fakes';
import { freshTable } from '../support/local-table';

const sample = JSON.parse(
  readFileSync(path.resolve(import.meta.dirname, '../../events/scheduler/activity-due.json'), 'utf8'),
) as { tenantId: string; activityId: string; occurrence: string };

/** The `activity-due` function as EventBridge Scheduler invokes it, with the sample input in events/. */
describe('the activity-due function', () => {
  let services: ActivitiesServices;
  // biome-ignore lint/suspicious/noExplicitAny: the handler's result is read as the test needs.
  let handler: (event: unknown) => Promise<any>;

  beforeAll(async () => {
    const table = await freshTable();
    await new DynamoTenantDirectory(table).save({
      id: 'norrsken',
      name: 'Norrsken Energi AB',
      country: 'SE',
      currency: 'SEK',
      timeZone: 'Europe/Stockholm',
    });
    const actor = { tenantId: 'norrsken', userId: 'norrsken-sales' };
    const contact = await accountsServices({ table }).contacts.create(actor, {
      firstName: 'Per',
      lastName: 'Holm',
    });
    // The activity of the sample: daily at 09:00 in Stockholm from 31 March 2025.
    const clock = { now: () => new Date('2025-03-30T10:00:00Z') };
    const ulid = monotonicFactory();
    const ids = [sample.activityId];
    services = activitiesServices(
      { table, scheduler: new LocalScheduler(async () => undefined, clock) },
      // The owner is not under test here: the caller is taken as an active user of the tenant.
      { clock, ids: { next: () => ids.shift() ?? ulid() }, users: everyUserActive },
    );
    await services.activities.create(
      actor,
      { type: 'contact', id: contact.value.id },
      {
        title: 'Morning call',
        schedule: { kind: 'interval', every: 'P1D', startAt: '2025-03-31T07:00:00Z' },
      },
    );
    // The function reads its table from the environment, as in Lambda.
    Object.assign(process.env, {
      TABLE_NAME: table.name,
      AWS_ENDPOINT_URL_DYNAMODB: inject('dynamoEndpoint'),
      AWS_REGION: LOCAL_DYNAMODB_REGION,
      AWS_ACCESS_KEY_ID: LOCAL_DYNAMODB_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_DYNAMODB_CREDENTIALS.secretAccessKey,
    });
    ({ handler } = await import('../../functions/activity-due'));
  });

  it('creates the task of the scheduled time once, however often it is invoked', async () => {
    // Act
    const first = await handler(sample);
    const second = await handler(sample);

    // Assess
    expect(first).toMatchObject({ outcome: 'created', task: { dueAt: '2025-04-01T07:00:00.000Z' } });
    expect(second).toEqual({ outcome: 'duplicate', taskId: `${sample.activityId}-20250401T070000Z` });
    const tasks = await services.tasks.list(
      { tenantId: 'norrsken', userId: 'norrsken-sales' },
      { assignee: 'me', state: 'open' },
      { limit: 10 },
    );
    expect(tasks.items.map((t) => t.id)).toEqual([`${sample.activityId}-20250401T070000Z`]);
  });

  it('rejects an input that is not a schedule’s without throwing, since a retry cannot help', async () => {
    const result = await handler({ tenantId: 'norrsken', occurrence: '<aws.scheduler.scheduled-time>' });

    expect(result).toEqual({ outcome: 'rejected' });
  });
});
