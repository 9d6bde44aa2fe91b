import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { monotonicFactory } from 'ulid';
import { beforeAll, describe, expect, it } from 'vitest';
import { LocalUserDirectory } from '#adapters/users/local-user-directory';
import { ConflictError, NotFoundError, VersionMismatchError } from '#domain/errors';
import type { Actor } from '#domain/ports';
import type { UserDraft } from '#domain/users/user';
import { userSubjectType } from '#domain/users/user-events';
import { usersServices } from '#runtime/users-services';
import { outboxEventEntity, uniqueEntity } from '#table/core/entities';
import type { Table } from '#table/core/table';
import { DynamoTenantDirectory } from '#table/core/tenant-directory';
import { activeAdminsEntity, userEntity } from '#table/users/entities';
import { DynamoUserStore } from '#table/users/users-store';
import { freshTable, slovakTenant, swedishTenant } from '../support/local-table';
import { itemAt } from '../support/stored-items';

type Services = ReturnType<typeof usersServices>;

interface Setup {
  table: Table;
  services: Services;
  se: Actor;
  sk: Actor;
}

const requests: string[] = [];

async function setUp(): Promise<Setup> {
  const table = await freshTable((command) => requests.push(command));
  const tenants = new DynamoTenantDirectory(table);
  const se = swedishTenant();
  const sk = slovakTenant();
  await tenants.save(se);
  await tenants.save(sk);
  const ulid = monotonicFactory();
  const services = usersServices({ table, directory: new LocalUserDirectory({ next: () => ulid() }) });
  const firstAdmin = async (tenantId: string, email: string) => {
    const { value } = await services.users.createFirstAdmin(
      { tenantId, userId: 'bootstrap' },
      draft(email, ['admin'], 'Admin'),
    );
    return { tenantId, userId: value.id };
  };
  return {
    table,
    services,
    se: await firstAdmin(se.id, 'admin@norrsken.example'),
    sk: await firstAdmin(sk.id, 'admin@tatra.example'),
  };
}

const draft = (email: string, roles: string[] = ['sales'], name = 'Anna Berg'): UserDraft => ({
  email,
  name,
  roles,
});

/** The items of the tenant's user list (gsi2), as stored. */
async function listedItems(table: Table, tenantId: string) {
  const { Items = [] } = await table.client.send(
    new QueryCommand({
      TableName: table.name,
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :pk',
      ExpressionAttributeValues: {
        ':pk': userEntity.patterns.byEmail.query({ tenantId }).partition,
      },
    }),
  );
  return Items;
}

describe('users of a tenant, with the local directory', () => {
  let setup: Setup;
  beforeAll(async () => {
    setup = await setUp();
  });

  it('stores a new user, its e-mail guard, the admin set and its event in one write', async () => {
    // Prepare
    const { services, table, se } = setup;
    requests.length = 0;

    // Act
    const { value } = await services.users.create(
      se,
      draft('Ingrid.Berg@Norrsken.example', ['admin'], 'Ingrid'),
    );

    // Assess
    expect(requests.filter((r) => !/^(Get|Query|BatchGet)/.test(r))).toEqual(['TransactWriteItemsCommand']);
    expect(value.id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(await services.users.get(se, value.id)).toEqual(value);
    expect(
      await itemAt(
        table,
        uniqueEntity.key({ tenantId: se.tenantId, kind: 'userEmail', value: 'ingrid.berg@norrsken.example' }),
      ),
    ).toMatchObject({
      ownerId: value.id,
    });
    expect(await itemAt(table, activeAdminsEntity.key({ tenantId: se.tenantId }))).toMatchObject({
      adminIds: new Set([se.userId, value.id]),
    });
    expect(await services.lookup.user(se.tenantId, value.id)).toEqual({ id: value.id, active: true });
  });

  it('refuses a second user with the same e-mail in the tenant (409 naming email), in any case', async () => {
    // Prepare
    const { services, se } = setup;
    await services.users.create(se, draft('karin@norrsken.example'));

    // Act
    const again = services.users.create(se, draft('KARIN@norrsken.example', ['viewer'], 'Karin 2'));

    // Assess
    await expect(again).rejects.toThrow(ConflictError);
    await expect(again).rejects.toMatchObject({
      message: 'a user with the e-mail karin@norrsken.example already exists',
      fields: [{ name: 'email' }],
    });
  });

  it('replays a retried create with the same idempotency key instead of refusing it', async () => {
    // Prepare
    const { services, se } = setup;
    const token = { operationId: 'createUser', key: 'retry-1', requestHash: 'hash-1' };
    const first = await services.users.create(se, draft('retry@norrsken.example'), token);

    // Act
    const second = await services.users.create(se, draft('retry@norrsken.example'), token);

    // Assess
    expect(second).toEqual({ value: first.value, replayed: true });
  });

  it('lists the tenant’s users by e-mail, page by page, and by e-mail prefix', async () => {
    // Prepare
    const { services, sk } = setup;
    for (const email of ['zuzana@tatra.example', 'jan@tatra.example', 'maria@tatra.example'])
      await services.users.create(sk, draft(email));

    // Act
    const first = await services.users.list(sk, {}, { limit: 2 });
    const second = await services.users.list(sk, {}, { limit: 2, cursor: first.nextCursor });
    const prefixed = await services.users.list(sk, { emailPrefix: 'MAR' }, { limit: 10 });

    // Assess
    expect(first.items.map((u) => u.email)).toEqual(['admin@tatra.example', 'jan@tatra.example']);
    expect(second.items.map((u) => u.email)).toEqual(['maria@tatra.example', 'zuzana@tatra.example']);
    expect(prefixed.items.map((u) => u.email)).toEqual(['maria@tatra.example']);
  });

  it('changes roles with the version the client read, and records the change in the event', async () => {
    // Prepare
    const { services, table, se } = setup;
    const { value } = await services.users.create(se, draft('erik@norrsken.example'));

    // Act
    const changed = await services.users.update(se, value.id, 1, { roles: ['sales', 'service'] });
    const stale = services.users.update(se, value.id, 1, { roles: ['viewer'] });

    // Assess
    expect(changed).toMatchObject({ roles: ['sales', 'service'], version: 2 });
    await expect(stale).rejects.toThrow(VersionMismatchError);
    const listed = await listedItems(table, se.tenantId);
    expect(listed.find((i) => i.id === value.id)).toMatchObject({ roles: ['sales', 'service'], version: 2 });
  });

  it('deactivates a user: still readable, but the lookup says it gets no new work', async () => {
    // Prepare
    const { services, se } = setup;
    const { value } = await services.users.create(se, draft('lars@norrsken.example', ['viewer']));

    // Act
    const deactivated = await services.users.deactivate(se, value.id, 1);

    // Assess
    expect(deactivated).toMatchObject({ active: false, version: 2 });
    expect(await services.users.get(se, value.id)).toEqual(deactivated);
    expect(await services.lookup.user(se.tenantId, value.id)).toEqual({ id: value.id, active: false });
    expect(await services.users.reactivate(se, value.id)).toMatchObject({ active: true, version: 3 });
  });

  it('keeps the tenant’s last active admin, even when two admins demote each other at once', async () => {
    // Prepare: both changes are decided while two admins are active, as two concurrent requests would be.
    const table = await freshTable();
    const tenant = swedishTenant();
    await new DynamoTenantDirectory(table).save(tenant);
    const ulid = monotonicFactory();
    const { users } = usersServices({ table, directory: new LocalUserDirectory({ next: () => ulid() }) });
    const bootstrap = { tenantId: tenant.id, userId: 'bootstrap' };
    const { value: a } = await users.createFirstAdmin(bootstrap, draft('a@norrsken.example', ['admin']));
    const actor = { tenantId: tenant.id, userId: a.id };
    const { value: b } = await users.create(actor, draft('b@norrsken.example', ['admin']));
    const store = new DynamoUserStore(table);
    const event = (type: string, id: string) => ({
      id: ulid(),
      type,
      source: 'gridline.users',
      tenantId: tenant.id,
      occurredAt: new Date().toISOString(),
      actor: { userId: id },
      subject: { type: userSubjectType, id },
      data: {},
    });
    const demoteB = { ...b, roles: ['sales' as const], version: 2 };
    const deactivateA = { ...a, active: false, version: 2 };

    // Act
    await store.update(b, demoteB, event('UserRolesChanged', b.id));
    const second = store.update(a, deactivateA, event('UserDeactivated', a.id));

    // Assess
    await expect(second).rejects.toThrow(ConflictError);
    await expect(second).rejects.toMatchObject({
      message: 'the last active admin of the tenant cannot be deactivated; make another user admin first',
      fields: [{ name: 'active' }],
    });
    expect(await users.get(actor, a.id)).toMatchObject({ active: true, roles: ['admin'], version: 1 });
    expect(await store.activeAdminIds(tenant.id)).toEqual([a.id]);
    await expect(users.update(actor, a.id, 1, { roles: ['viewer'] })).rejects.toThrow(
      'you cannot take the admin role from yourself',
    );
  });

  it('answers 404 for another tenant’s user, for reads and changes alike', async () => {
    // Prepare
    const { services, se, sk } = setup;
    const { value } = await services.users.create(se, draft('sara@norrsken.example', ['service']));

    // Act
    const answers = await Promise.allSettled([
      services.users.get(sk, value.id),
      services.users.update(sk, value.id, 1, { roles: ['admin'] }),
      services.users.deactivate(sk, value.id),
    ]);

    // Assess
    for (const answer of answers) {
      expect(answer.status).toBe('rejected');
      expect((answer as PromiseRejectedResult).reason).toBeInstanceOf(NotFoundError);
    }
    expect((await services.users.list(sk, { emailPrefix: 'sara' }, { limit: 10 })).items).toEqual([]);
    expect(await services.lookup.user(sk.tenantId, value.id)).toBeUndefined();
  });

  it('writes user events to the outbox with the user as subject', async () => {
    // Prepare
    const { table, se } = setup;
    const ids: string[] = [];
    const ulid = monotonicFactory();
    const services = usersServices(
      { table, directory: new LocalUserDirectory({ next: () => ulid() }) },
      {
        ids: {
          next: () => {
            const id = ulid();
            ids.push(id);
            return id;
          },
        },
      },
    );

    // Act
    const { value } = await services.users.create(se, draft('outbox@norrsken.example', ['marketing']));

    // Assess
    const eventId = ids.at(-1) as string;
    expect(await itemAt(table, outboxEventEntity.key({ tenantId: se.tenantId, eventId }))).toMatchObject({
      entity: 'Outbox',
      event: {
        type: 'UserCreated',
        source: 'gridline.users',
        subject: { type: 'user', id: value.id },
        data: { user: { email: 'outbox@norrsken.example', roles: ['marketing'] } },
      },
    });
  });
});
