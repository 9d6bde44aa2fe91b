import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { userRoutes } from '#api/users/users-routes';
import { createTable, type Table } from '#table/core/table';
import { DynamoTenantDirectory } from '#table/core/tenant-directory';
import { type LocalRuntime, startLocalRuntime } from '../../lib/local/runtime';
import { seedDemoUsers } from '../../lib/local/seed-users';
import { tokenForEmail } from '../../lib/local/user-tokens';
import { topology } from '../../lib/topology';
import type { FunctionDefinition } from '../../lib/topology-types';
import { clientFor } from '../support/runtime';

const projectRoot = path.resolve(import.meta.dirname, '../..');

/** The users function as the topology declares it: its routes behind the JWT authorizer. */
const usersFunction: FunctionDefinition = {
  name: 'users-api',
  entry: 'functions/users-api.ts',
  description: 'Users of a tenant: the Cognito user pool and the users’ records',
  memoryMb: 512,
  timeoutSeconds: 10,
  trigger: {
    kind: 'http',
    routes: Object.values(userRoutes).map((r) => ({ method: r.method, path: r.path, auth: 'jwt' as const })),
  },
  access: { table: 'readWrite', cognitoAdmin: true },
};

describe('the users function in the local runtime', () => {
  let runtime: LocalRuntime;
  let table: Table;

  beforeAll(async () => {
    // The local runtime's users function uses the local directory, as `npm start` has it.
    process.env.USER_DIRECTORY = 'local';
    runtime = await startLocalRuntime({
      projectRoot,
      stateDir: mkdtempSync(path.join(tmpdir(), 'gridline-users-runtime-')),
      dynamoEndpoint: inject('dynamoEndpoint'),
      sesEndpoint: inject('sesEndpoint'),
      tableName: `users-${randomUUID()}`,
      apiPort: 0,
      queueTimeScale: 0.001,
      // Only the tenants and their users are needed here.
      seed: false,
      topology: {
        ...topology,
        functions: [...topology.functions.filter((f) => f.name !== 'users-api'), usersFunction],
      },
    });
    table = createTable(runtime.tableName);
    for (const tenant of runtime.demoTenants) await new DynamoTenantDirectory(table).save(tenant.profile);
    await seedDemoUsers(table, runtime.demoTenants);
  });

  afterAll(async () => {
    await runtime?.stop();
  });

  it('serves the seeded admin, who creates a user that can then sign in with a minted token', async () => {
    // Prepare
    const adminToken = runtime.tenants.find((t) => t.id === 'norrsken')?.adminToken as string;
    const admin = clientFor(runtime, adminToken);

    // Act
    const me = await admin.get('/v1/users/me');
    const created = await admin.post('/v1/users', {
      email: 'astrid@norrsken.example',
      name: 'Astrid Ek',
      roles: ['marketing'],
    });
    const astrid = clientFor(
      runtime,
      await tokenForEmail(runtime.identity, table, 'norrsken', 'astrid@norrsken.example'),
    );
    const astridMe = await astrid.get('/v1/users/me');
    const astridList = await astrid.get('/v1/users');

    // Assess
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      id: 'norrsken-admin',
      email: 'admin@norrsken.example',
      roles: ['admin'],
    });
    expect(created.status).toBe(201);
    expect(astridMe.body).toMatchObject({ id: created.body.id, roles: ['marketing'] });
    expect(astridList.status).toBe(403);
  });

  it('keeps the tenants apart: the other tenant’s admin sees 404 and only its own users', async () => {
    // Prepare
    const tatra = clientFor(runtime, runtime.tenants.find((t) => t.id === 'tatra')?.adminToken as string);

    // Act
    const foreign = await tatra.get('/v1/users/norrsken-sales');
    const listed = await tatra.get('/v1/users?limit=100');

    // Assess
    expect(foreign.status).toBe(404);
    expect(listed.body.items.map((u: { email: string }) => u.email)).toEqual([
      'admin@tatra.example',
      // Listed by name: Lucia Balážová before Martin Kováč.
      'sales2@tatra.example',
      'sales@tatra.example',
      'service@tatra.example',
      'technician2@tatra.example',
      'technician@tatra.example',
      'viewer@tatra.example',
    ]);
  });
});
