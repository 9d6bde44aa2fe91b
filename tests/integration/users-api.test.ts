import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Logger } from '@aws-lambda-powertools/logger';
import { monotonicFactory } from 'ulid';
import { beforeAll, describe, expect, it } from 'vitest';
import { LocalUserDirectory } from '#adapters/users/local-user-directory';
import { usersApi } from '#api/users/users-bindings';
import { ForbiddenError, NotFoundError } from '#domain/errors';
import type { User } from '#domain/users/user';
import { createHttpHandler } from '#http/http-handler';
import { tokenCutoffAdmission } from '#runtime/token-cutoff-admission';
import { usersServices } from '#runtime/users-services';
import type { Table } from '#table/core/table';
import { DynamoTenantDirectory } from '#table/core/tenant-directory';
import { DynamoTokenCutoffs } from '#table/users/token-cutoffs';
import { LocalIdentityProvider } from '../../lib/local/identity';
import { seedDemoUsers } from '../../lib/local/seed-users';
import { tokenForEmail, tokenForUser } from '../../lib/local/user-tokens';
import { answerOf, httpEventWithClaims, type TestRequest } from '../support/http-event';
import { freshTable, swedishTenant } from '../support/local-table';

interface Answer {
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever JSON came back.
  readonly body: any;
  readonly status: number;
  readonly etag?: string;
}

describe('the users API', () => {
  let identity: LocalIdentityProvider;
  let services: ReturnType<typeof usersServices>;
  let call: (
    token: string | undefined,
    routeKey: string,
    input?: Omit<TestRequest, 'query'>,
  ) => Promise<Answer>;
  let tenantId: string;
  let table: Table;
  let adminToken: string;
  let salesToken: string;
  let admin: User;

  beforeAll(async () => {
    table = await freshTable();
    const tenant = swedishTenant();
    tenantId = tenant.id;
    await new DynamoTenantDirectory(table).save(tenant);
    await new DynamoTenantDirectory(table).save(swedishTenant('other'));
    const ulid = monotonicFactory();
    services = usersServices({ table, directory: new LocalUserDirectory({ next: () => ulid() }) });
    identity = await LocalIdentityProvider.open(mkdtempSync(path.join(tmpdir(), 'gridline-users-')));
    // The handler shell as deployed: tokens cut off by a deactivation or a lost role are refused.
    const handler = createHttpHandler(usersApi(services), new Logger({ logLevel: 'SILENT' }), [
      tokenCutoffAdmission(new DynamoTokenCutoffs(table)),
    ]);

    call = async (token, routeKey, input = {}) => {
      // What the JWT authorizer does: verify the token, then hand its claims over.
      const claims = await identity.authorize(token && `Bearer ${token}`);
      if (!claims) return { status: 401, body: undefined };
      const { status, headers, body } = answerOf(await handler(httpEventWithClaims(routeKey, claims, input)));
      return { status, etag: headers.etag, body };
    };

    const bootstrap = { tenantId, userId: 'bootstrap' };
    admin = (
      await services.users.createFirstAdmin(bootstrap, {
        email: 'admin@test.example',
        name: 'Ingrid',
        roles: ['admin'],
      })
    ).value;
    const sales = (
      await services.users.create(
        { tenantId, userId: admin.id },
        { email: 'sales@test.example', name: 'Erik', roles: ['sales'] },
      )
    ).value;
    adminToken = await tokenForUser(identity, admin);
    salesToken = await tokenForUser(identity, sales);
  });

  it('lets an admin create a user, answering 201 with the user and its ETag', async () => {
    // Act
    const created = await call(adminToken, 'POST /v1/users', {
      body: { email: 'Sara@Test.example', name: 'Sara Nilsson', roles: ['service'] },
    });

    // Assess
    expect(created.status).toBe(201);
    expect(created.etag).toBe('"1"');
    expect(created.body).toMatchObject({ email: 'sara@test.example', roles: ['service'], active: true });
  });

  it('answers 409 naming email for an e-mail the tenant already has', async () => {
    // Act
    const duplicate = await call(adminToken, 'POST /v1/users', {
      body: { email: 'SALES@test.example', name: 'Someone', roles: ['viewer'] },
    });

    // Assess
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.type).toBe('urn:gridline:problem:email-taken');
    expect(duplicate.body['invalid-params']).toEqual([
      { name: 'email', reason: 'already used by another user' },
    ]);
  });

  it('answers 400 naming each bad field', async () => {
    // Act
    const bad = await call(adminToken, 'POST /v1/users', {
      body: { email: 'x@test.example', name: '', roles: ['root'], extra: true },
    });

    // Assess
    expect(bad.status).toBe(400);
    expect(bad.body['invalid-params'].map((f: { name: string }) => f.name).sort()).toEqual([
      'extra',
      'name',
      'roles.0',
    ]);
  });

  it('lets only admins manage and list users, while every user reads their own record', async () => {
    // Act
    const create = await call(salesToken, 'POST /v1/users', {
      body: { email: 'new@test.example', name: 'New', roles: ['sales'] },
    });
    const list = await call(salesToken, 'GET /v1/users');
    const deactivate = await call(salesToken, 'POST /v1/users/{userId}/deactivate', {
      params: { userId: admin.id },
    });
    const me = await call(salesToken, 'GET /v1/users/me');
    const owner = await call(salesToken, 'GET /v1/users/{userId}', { params: { userId: admin.id } });
    const listedByAdmin = await call(adminToken, 'GET /v1/users');

    // Assess
    expect([create.status, list.status, deactivate.status]).toEqual([403, 403, 403]);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ email: 'sales@test.example', roles: ['sales'] });
    expect(owner.body).toMatchObject({ id: admin.id, name: 'Ingrid' });
    expect(listedByAdmin.status).toBe(200);
    expect(listedByAdmin.body.items.map((u: { email: string }) => u.email)).toContain('sales@test.example');
  });

  it('changes roles only with If-Match, and refuses an admin demoting or deactivating itself with 403', async () => {
    // Prepare
    const params = { userId: admin.id };

    // Act
    const withoutIfMatch = await call(adminToken, 'PATCH /v1/users/{userId}', {
      params,
      body: { roles: ['sales'] },
    });
    const demoteSelf = await call(adminToken, 'PATCH /v1/users/{userId}', {
      params,
      body: { roles: ['sales'] },
      headers: { 'if-match': '"1"' },
    });
    const deactivateSelf = await call(adminToken, 'POST /v1/users/{userId}/deactivate', { params });

    // Assess
    expect(withoutIfMatch.status).toBe(428);
    expect(demoteSelf).toMatchObject({
      status: 403,
      body: { detail: 'you cannot take the admin role from yourself; another admin can' },
    });
    expect(deactivateSelf).toMatchObject({
      status: 403,
      body: { detail: 'you cannot deactivate yourself; another admin can' },
    });
    expect(await services.users.get({ tenantId, userId: admin.id }, admin.id)).toMatchObject({
      active: true,
      roles: ['admin'],
    });
  });

  it('answers 404 for a user of another tenant', async () => {
    // Prepare
    const { value: otherAdmin } = await services.users.createFirstAdmin(
      { tenantId: 'other', userId: 'bootstrap' },
      { email: 'admin@other.example', name: 'Other', roles: ['admin'] },
    );
    const other = await tokenForUser(identity, otherAdmin);

    // Act
    const read = await call(other, 'GET /v1/users/{userId}', { params: { userId: admin.id } });
    const deactivate = await call(other, 'POST /v1/users/{userId}/deactivate', {
      params: { userId: admin.id },
    });

    // Assess
    expect([read.status, deactivate.status]).toEqual([404, 404]);
  });

  it('mints no token for a deactivated user, and refuses (401) the ones minted before', async () => {
    // Prepare
    const { value: leaving } = await services.users.create(
      { tenantId, userId: admin.id },
      { email: 'leaving@test.example', name: 'Leaving', roles: ['sales'] },
    );
    const earlier = await tokenForUser(identity, leaving);

    // Act
    const deactivated = await call(adminToken, 'POST /v1/users/{userId}/deactivate', {
      params: { userId: leaving.id },
    });
    const minting = await tokenForUser(identity, deactivated.body).catch((error: unknown) => error);
    const withEarlier = await call(earlier, 'GET /v1/users/me');

    // Assess
    expect(deactivated.status).toBe(200);
    expect(deactivated.body).toMatchObject({ active: false });
    expect(minting).toBeInstanceOf(ForbiddenError);
    expect(withEarlier).toMatchObject({ status: 401, body: { type: 'urn:gridline:problem:unauthorized' } });
  });

  it('mints a token by e-mail for a stored user, with its tenant’s country, and names an unknown e-mail', async () => {
    // Act
    const token = await tokenForEmail(identity, table, tenantId, ' Sales@Test.example ');
    const unknown = await tokenForEmail(identity, table, tenantId, 'nobody@test.example').catch(
      (e: unknown) => e,
    );
    const me = await call(token, 'GET /v1/users/me');

    // Assess
    expect(me.body).toMatchObject({ email: 'sales@test.example' });
    expect(await identity.authorize(`Bearer ${token}`)).toMatchObject({
      'custom:tenantId': tenantId,
      'custom:tenantCountry': 'SE',
    });
    expect(unknown).toBeInstanceOf(NotFoundError);
  });

  it('seeds the demo users with the ids their tokens carry', async () => {
    // Prepare
    const demoTable = await freshTable();
    const tenants = new DynamoTenantDirectory(demoTable);
    const demo = [
      {
        profile: swedishTenant('demo-se'),
        users: [
          {
            sub: 'demo-se-sales',
            tenantId: 'demo-se',
            email: 'sales@demo-se.example',
            groups: ['sales' as const],
          },
          {
            sub: 'demo-se-admin',
            tenantId: 'demo-se',
            email: 'admin@demo-se.example',
            groups: ['admin' as const],
          },
        ],
      },
    ];
    await tenants.save(demo[0]!.profile);

    // Act
    await seedDemoUsers(demoTable, demo);

    // Assess
    const { users } = usersServices({
      table: demoTable,
      directory: new LocalUserDirectory({ next: () => 'unused' }),
    });
    const listed = await users.list({ tenantId: 'demo-se', userId: 'demo-se-admin' }, {}, { limit: 10 });
    expect(listed.items.map((u) => [u.id, u.email, u.roles, u.createdBy])).toEqual([
      ['demo-se-admin', 'admin@demo-se.example', ['admin'], 'demo-se-admin'],
      ['demo-se-sales', 'sales@demo-se.example', ['sales'], 'demo-se-admin'],
    ]);
  });
});
