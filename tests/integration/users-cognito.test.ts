import { randomUUID } from 'node:crypto';
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  AdminRemoveUserFromGroupCommand,
  AdminUserGlobalSignOutCommand,
  CognitoIdentityProviderClient,
  TooManyRequestsException,
  UserNotFoundException,
  UsernameExistsException,
} from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CognitoUserDirectory } from '#adapters/users/cognito-user-directory';
import { LocalUserDirectory } from '#adapters/users/local-user-directory';
import { ConflictError } from '#domain/errors';
import type { Actor } from '#domain/ports';
import { HttpError } from '#http/http-error';
import { usersServices } from '#runtime/users-services';
import type { Table } from '#table/core/table';
import { DynamoTenantDirectory } from '#table/core/tenant-directory';
import { freshTable, slovakTenant, swedishTenant } from '../support/local-table';

// There is no local Cognito: the one AWS client mocked here, the table is DynamoDB Local.
const userPoolId = 'eu-north-1_Gr1dL1ne';
const client = new CognitoIdentityProviderClient({ region: 'eu-north-1' });
const cognito = mockClient(client);

const subA = '6c1f0a52-3b7e-4f0e-9d3a-1e2b3c4d5e6f';
const subB = '0b9e8d7c-6a5f-4e3d-8c2b-1a0f9e8d7c6b';

const created = (sub: string, email: string, tenantId: string) => ({
  User: {
    Username: sub,
    Enabled: true,
    UserStatus: 'FORCE_CHANGE_PASSWORD' as const,
    Attributes: [
      { Name: 'sub', Value: sub },
      { Name: 'email', Value: email },
      { Name: 'custom:tenantId', Value: tenantId },
    ],
  },
});

describe('users with the Cognito user pool', () => {
  let table: Table;
  let se: Actor;
  let sk: Actor;
  let services: ReturnType<typeof usersServices>;

  beforeAll(async () => {
    table = await freshTable();
    const tenants = new DynamoTenantDirectory(table);
    const seTenant = swedishTenant();
    const skTenant = slovakTenant();
    await tenants.save(seTenant);
    await tenants.save(skTenant);
    // The acting admins: each tenant's first admin, whose sign-in account is not under test here.
    const bootstrap = usersServices({ table, directory: new LocalUserDirectory({ next: randomUUID }) });
    const firstAdmin = async (tenantId: string, email: string) => {
      const draft = { email, name: 'Admin', roles: ['admin'] };
      const { value } = await bootstrap.users.createFirstAdmin({ tenantId, userId: 'bootstrap' }, draft);
      return { tenantId, userId: value.id };
    };
    se = await firstAdmin(seTenant.id, 'admin@norrsken.example');
    sk = await firstAdmin(skTenant.id, 'admin@tatra.example');
    services = usersServices({ table, directory: new CognitoUserDirectory(userPoolId, client) });
  });

  beforeEach(() => {
    cognito.reset();
    cognito.on(AdminListGroupsForUserCommand).resolves({ Groups: [] });
  });

  it('creates the account with the tenant, its country and e-mail, invites by e-mail, and adds one group per role', async () => {
    // Prepare
    cognito.on(AdminCreateUserCommand).resolves(created(subA, 'anna@norrsken.example', se.tenantId));

    // Act
    const { value } = await services.users.create(se, {
      email: 'Anna@Norrsken.example',
      name: 'Anna Berg',
      roles: ['sales', 'admin'],
    });

    // Assess
    expect(cognito.commandCalls(AdminCreateUserCommand).map((c) => c.args[0].input)).toEqual([
      {
        UserPoolId: userPoolId,
        Username: 'anna@norrsken.example',
        UserAttributes: [
          { Name: 'email', Value: 'anna@norrsken.example' },
          { Name: 'email_verified', Value: 'true' },
          { Name: 'custom:tenantId', Value: se.tenantId },
          { Name: 'custom:tenantCountry', Value: 'SE' },
        ],
        DesiredDeliveryMediums: ['EMAIL'],
      },
    ]);
    expect(cognito.commandCalls(AdminAddUserToGroupCommand).map((c) => c.args[0].input)).toEqual([
      { UserPoolId: userPoolId, Username: subA, GroupName: 'admin' },
      { UserPoolId: userPoolId, Username: subA, GroupName: 'sales' },
    ]);
    expect(value).toMatchObject({ id: subA, username: subA, email: 'anna@norrsken.example', active: true });
    expect(await services.users.get(se, subA)).toEqual(value);
  });

  it('refuses an e-mail the pool already has for another tenant (409 naming email), and stores nothing', async () => {
    // Prepare
    cognito
      .on(AdminCreateUserCommand)
      .rejects(new UsernameExistsException({ message: 'User account already exists', $metadata: {} }));
    cognito.on(AdminGetUserCommand).resolves({
      Username: subB,
      Enabled: true,
      UserAttributes: [
        { Name: 'sub', Value: subB },
        { Name: 'custom:tenantId', Value: se.tenantId },
      ],
    });

    // Act
    const attempt = services.users.create(sk, { email: 'jan@tatra.example', name: 'Ján', roles: ['sales'] });

    // Assess
    await expect(attempt).rejects.toThrow(ConflictError);
    await expect(attempt).rejects.toMatchObject({
      message: 'a user with the e-mail jan@tatra.example already exists',
      fields: [{ name: 'email' }],
    });
    expect(cognito.commandCalls(AdminAddUserToGroupCommand)).toHaveLength(0);
    expect(await services.users.list(sk, { emailPrefix: 'jan' }, { limit: 10 })).toEqual({ items: [] });
  });

  it('takes over its own tenant’s account that an interrupted create left without a record', async () => {
    // Prepare
    cognito
      .on(AdminCreateUserCommand)
      .rejects(new UsernameExistsException({ message: 'User account already exists', $metadata: {} }));
    cognito.on(AdminGetUserCommand).resolves({
      Username: subB,
      Enabled: false,
      UserAttributes: [
        { Name: 'sub', Value: subB },
        { Name: 'custom:tenantId', Value: sk.tenantId },
      ],
    });
    cognito.on(AdminListGroupsForUserCommand).resolves({ Groups: [{ GroupName: 'viewer' }] });

    // Act
    const { value } = await services.users.create(sk, {
      email: 'maria@tatra.example',
      name: 'Mária',
      roles: ['service'],
    });

    // Assess
    expect(value).toMatchObject({ id: subB, roles: ['service'], active: true });
    expect(cognito.commandCalls(AdminEnableUserCommand).map((c) => c.args[0].input.Username)).toEqual([subB]);
    expect(cognito.commandCalls(AdminAddUserToGroupCommand).map((c) => c.args[0].input.GroupName)).toEqual([
      'service',
    ]);
    expect(
      cognito.commandCalls(AdminRemoveUserFromGroupCommand).map((c) => c.args[0].input.GroupName),
    ).toEqual(['viewer']);
  });

  it('answers a throttled pool with 503, and a retry then succeeds', async () => {
    // Prepare
    cognito
      .on(AdminCreateUserCommand)
      .rejectsOnce(new TooManyRequestsException({ message: 'Rate exceeded', $metadata: {} }))
      .resolves(created('9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a', 'peter@tatra.example', sk.tenantId));
    const draft = { email: 'peter@tatra.example', name: 'Peter', roles: ['viewer'] };

    // Act
    const first = await services.users.create(sk, draft).catch((error: unknown) => error);
    const second = await services.users.create(sk, draft);

    // Assess
    expect(first).toBeInstanceOf(HttpError);
    expect(first).toMatchObject({ code: 'identity-provider-busy' });
    expect(second.value.email).toBe('peter@tatra.example');
  });

  it('sets the groups to exactly the new roles, leaving groups that are not roles alone', async () => {
    // Prepare
    const sub = '1a2b3c4d-5e6f-4a0b-9c8d-7e6f5a4b3c2d';
    cognito.on(AdminCreateUserCommand).resolves(created(sub, 'erik@norrsken.example', se.tenantId));
    const { value } = await services.users.create(se, {
      email: 'erik@norrsken.example',
      name: 'E',
      roles: ['sales'],
    });
    cognito.reset();
    cognito
      .on(AdminListGroupsForUserCommand)
      .resolves({ Groups: [{ GroupName: 'sales' }, { GroupName: 'pilot-testers' }] });

    // Act
    const changed = await services.users.update(se, value.id, 1, { roles: ['service', 'marketing'] });

    // Assess
    expect(changed.roles).toEqual(['service', 'marketing']);
    expect(cognito.commandCalls(AdminAddUserToGroupCommand).map((c) => c.args[0].input.GroupName)).toEqual([
      'service',
      'marketing',
    ]);
    expect(cognito.commandCalls(AdminRemoveUserFromGroupCommand).map((c) => c.args[0].input)).toEqual([
      { UserPoolId: userPoolId, Username: sub, GroupName: 'sales' },
    ]);
  });

  it('disables the account and signs it out everywhere on deactivation, and enables it on reactivation', async () => {
    // Prepare
    const sub = '2b3c4d5e-6f7a-4b1c-8d9e-0f1a2b3c4d5e';
    cognito.on(AdminCreateUserCommand).resolves(created(sub, 'lars@norrsken.example', se.tenantId));
    const { value } = await services.users.create(se, {
      email: 'lars@norrsken.example',
      name: 'L',
      roles: ['viewer'],
    });

    // Act
    const off = await services.users.deactivate(se, value.id);
    const on = await services.users.reactivate(se, value.id);

    // Assess
    expect([off.active, on.active]).toEqual([false, true]);
    expect(cognito.commandCalls(AdminDisableUserCommand).map((c) => c.args[0].input)).toEqual([
      { UserPoolId: userPoolId, Username: sub },
    ]);
    expect(cognito.commandCalls(AdminUserGlobalSignOutCommand).map((c) => c.args[0].input)).toEqual([
      { UserPoolId: userPoolId, Username: sub },
    ]);
    expect(cognito.commandCalls(AdminEnableUserCommand).map((c) => c.args[0].input)).toEqual([
      { UserPoolId: userPoolId, Username: sub },
    ]);
  });

  it('keeps the record as it was when the pool no longer has the account (409)', async () => {
    // Prepare
    const sub = '3c4d5e6f-7a8b-4c2d-9e0f-1a2b3c4d5e6f';
    cognito.on(AdminCreateUserCommand).resolves(created(sub, 'gone@norrsken.example', se.tenantId));
    const { value } = await services.users.create(se, {
      email: 'gone@norrsken.example',
      name: 'G',
      roles: ['viewer'],
    });
    cognito
      .on(AdminDisableUserCommand)
      .rejects(new UserNotFoundException({ message: 'User does not exist.', $metadata: {} }));

    // Act
    const attempt = services.users.deactivate(se, value.id);

    // Assess
    await expect(attempt).rejects.toThrow(ConflictError);
    await expect(attempt).rejects.toThrow(
      `the sign-in account of user ${sub} no longer exists in the user pool`,
    );
    expect(await services.users.get(se, value.id)).toMatchObject({ active: true, version: 1 });
  });
});
