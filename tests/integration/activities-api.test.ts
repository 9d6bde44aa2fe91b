import { Logger } from '@aws-lambda-powertools/logger';
import { beforeAll, describe, expect, it } from 'vitest';
import { activitiesApi } from '#api/activities/activities-bindings';
import type { ActivitiesServices } from '#domain/activities/activities-services';
import { createHttpHandler } from '#http/http-handler';
import { activitiesServices } from '#runtime/activities-services';
import { LocalScheduler } from '../../lib/local/local-scheduler';
import { everyUserActive } from '../support/accounts-fakes';
import { answerOf, httpEvent, type TestCaller, type TestRequest } from '../support/http-event';
import { servicesWithTenants } from '../support/local-table';

type Setup = Awaited<ReturnType<typeof servicesWithTenants>>;

const start = new Date('2025-03-28T10:00:00Z');
const inHours = (n: number) => new Date(start.getTime() + n * 3600 * 1000).toISOString();

interface Request extends TestRequest {
  readonly caller?: TestCaller;
}

describe('the activities API', () => {
  let setup: Setup;
  let scheduler: LocalScheduler;
  let services: ActivitiesServices;
  let handler: ReturnType<typeof createHttpHandler>;
  let contactId: string;
  let sales: TestCaller;
  let viewer: TestCaller;
  let foreign: TestCaller;

  beforeAll(async () => {
    setup = await servicesWithTenants();
    scheduler = new LocalScheduler(
      async (input) => {
        await services.due.due(input);
      },
      { now: () => start },
    );
    // Owners are not under test here: every user named is an active user of the tenant.
    services = activitiesServices(
      { table: setup.table, scheduler },
      { clock: scheduler.clock, users: everyUserActive },
    );
    handler = createHttpHandler(
      activitiesApi(services),
      new Logger({ serviceName: 'test', logLevel: 'SILENT' }),
    );
    const contact = await setup.services.contacts.create(setup.se, {
      firstName: 'Anna',
      lastName: 'Svensson',
    });
    contactId = contact.value.id;
    sales = { userId: 'se-sales', tenantId: setup.se.tenantId, roles: ['sales'] };
    viewer = { userId: 'se-viewer', tenantId: setup.se.tenantId, roles: ['viewer'] };
    foreign = { userId: 'sk-sales', tenantId: setup.sk.tenantId, roles: ['sales'] };
  });

  async function call(routeKey: string, { caller = sales, ...request }: Request = {}) {
    return answerOf(await handler(httpEvent(routeKey, caller, request)));
  }

  const createOnContact = (body: unknown, extra: Omit<Request, 'params' | 'body'> = {}) =>
    call('POST /v1/contacts/{contactId}/activities', { params: { contactId }, body, ...extra });

  const invalidFields = (body: { 'invalid-params'?: { name: string }[] }) =>
    (body['invalid-params'] ?? []).map((f) => f.name);

  it('schedules an activity on a contact for the caller, with an ETag', async () => {
    // Act
    const created = await createOnContact({
      title: 'Call about renewal',
      schedule: { kind: 'once', at: '2025-03-28T14:00:00+01:00' },
    });

    // Assess
    expect(created.status).toBe(201);
    expect(created.headers.etag).toBe('"1"');
    expect(created.body).toMatchObject({
      subject: { type: 'contact', id: contactId },
      ownerId: 'se-sales',
      schedule: { kind: 'once', at: '2025-03-28T13:00:00.000Z' },
      timeZone: 'Europe/Stockholm',
      state: 'active',
    });
    const listed = await call('GET /v1/contacts/{contactId}/activities', { params: { contactId } });
    expect(listed.body.items.map((a: { id: string }) => a.id)).toContain(created.body.id);
  });

  it('answers 400 naming schedule.at for a time in the past', async () => {
    const refused = await createOnContact({ title: 'Late', schedule: { kind: 'once', at: inHours(-1) } });

    expect(refused.status).toBe(400);
    expect(refused.headers['content-type']).toBe('application/problem+json');
    expect(invalidFields(refused.body)).toEqual(['schedule.at']);
  });

  it('answers 400 naming schedule.every for an interval it does not support', async () => {
    const refused = await createOnContact({
      title: 'Every other day',
      schedule: { kind: 'interval', every: 'P2D', startAt: inHours(1) },
    });

    expect(refused.status).toBe(400);
    expect(invalidFields(refused.body)).toEqual(['schedule.every']);
  });

  it('answers 404 for another tenant’s contact and 403 for a viewer', async () => {
    const body = { title: 'Nope', schedule: { kind: 'once', at: inHours(1) } };

    const fromAnotherTenant = await createOnContact(body, { caller: foreign });
    const fromViewer = await createOnContact(body, { caller: viewer });
    const listForeign = await call('GET /v1/contacts/{contactId}/activities', {
      params: { contactId },
      caller: foreign,
    });

    expect(fromAnotherTenant.status).toBe(404);
    expect(fromViewer.status).toBe(403);
    expect(listForeign.status).toBe(404);
  });

  it('replays a create with the same Idempotency-Key instead of scheduling twice', async () => {
    // Prepare
    const body = { title: 'Once only', schedule: { kind: 'once', at: inHours(30) } };
    const headers = { 'idempotency-key': 'create-once-only' };

    // Act
    const first = await createOnContact(body, { headers });
    const retry = await createOnContact(body, { headers });

    // Assess
    expect(retry.status).toBe(201);
    expect(retry.body.id).toBe(first.body.id);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    const mine = scheduler
      .pending()
      .filter((p) => p.next.toISOString() === new Date(inHours(30)).toISOString());
    expect(mine.map((p) => p.activityId)).toEqual([first.body.id]);
  });

  it('pauses an activity only with the current ETag in If-Match', async () => {
    // Prepare
    const created = await createOnContact({ title: 'Pause me', schedule: { kind: 'once', at: inHours(40) } });
    const path = { activityId: created.body.id };

    // Act
    const withoutIfMatch = await call('PATCH /v1/activities/{activityId}', {
      params: path,
      body: { state: 'paused' },
    });
    const stale = await call('PATCH /v1/activities/{activityId}', {
      params: path,
      body: { state: 'paused' },
      headers: { 'if-match': '"7"' },
    });
    const paused = await call('PATCH /v1/activities/{activityId}', {
      params: path,
      body: { state: 'paused' },
      headers: { 'if-match': '"1"' },
    });

    // Assess
    expect(withoutIfMatch.status).toBe(428);
    expect(stale.status).toBe(412);
    expect(paused.status).toBe(200);
    expect(paused.headers.etag).toBe('"2"');
    expect(paused.body.state).toBe('paused');
    expect(scheduler.pending().some((p) => p.activityId === created.body.id)).toBe(false);
  });

  it('lists the task of a due activity for its owner, who completes it', async () => {
    // Prepare
    const created = await createOnContact({
      title: 'Follow up the offer',
      ownerId: 'se-service',
      schedule: { kind: 'once', at: inHours(2) },
    });
    await scheduler.advanceTo(new Date(inHours(3)));
    const owner = { ...sales, userId: 'se-service', roles: ['service'] };

    // Act
    const mine = await call('GET /v1/tasks', { caller: owner });
    const theirs = await call('GET /v1/tasks', { query: { assignee: 'se-service' } });
    const task = mine.body.items.find((t: { activityId: string }) => t.activityId === created.body.id);
    const completed = await call('POST /v1/tasks/{taskId}/complete', {
      params: { taskId: task.id },
      caller: owner,
    });
    const open = await call('GET /v1/tasks', { caller: owner });
    const done = await call('GET /v1/tasks', { query: { state: 'done' }, caller: owner });

    // Assess
    expect(task).toMatchObject({ title: 'Follow up the offer', state: 'open', dueAt: inHours(2) });
    expect(theirs.body.items.map((t: { id: string }) => t.id)).toContain(task.id);
    expect(completed.status).toBe(200);
    expect(completed.body).toMatchObject({ state: 'done', completedBy: 'se-service' });
    expect(open.body.items.map((t: { id: string }) => t.id)).not.toContain(task.id);
    expect(done.body.items.map((t: { id: string }) => t.id)).toContain(task.id);
  });

  it('answers 400 for a task id that cannot be one and 404 for one that does not exist', async () => {
    const malformed = await call('GET /v1/tasks/{taskId}', { params: { taskId: 'nope' } });
    const missing = await call('GET /v1/tasks/{taskId}', {
      params: { taskId: '01JNZZZZZZZZZZZZZZZZZZZZZZ-20250328T120000Z' },
    });

    expect(malformed.status).toBe(400);
    expect(invalidFields(malformed.body)).toEqual(['taskId']);
    expect(missing.status).toBe(404);
  });
});
