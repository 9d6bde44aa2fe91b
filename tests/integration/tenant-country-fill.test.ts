import { randomUUID } from 'node:crypto';
import {
  AdminUpdateUserAttributesCommand,
  type AdminUpdateUserAttributesCommandInput,
  CognitoIdentityProviderClient,
  ListUserPoolsCommand,
  ListUsersCommand,
  type ListUsersCommandInput,
  TooManyRequestsException,
  type UserType,
} from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { claimNames } from '#http/auth';
import type { Table } from '#table/core/table';
import { DynamoTenantDirectory } from '#table/core/tenant-directory';
import { runTenantCountryCli } from '../../lib/operations/tenant-country-cli';
import { freshTable, slovakTenant, swedishTenant } from '../support/local-table';

// There is no local Cognito: the user pool is the one AWS client mocked here, as a pool
// that pages its users two at a time and keeps the attributes set; the table is DynamoDB Local.
const client = new CognitoIdentityProviderClient({ region: 'eu-north-1', maxAttempts: 1 });
const cognito = mockClient(client);
const userPoolId = 'eu-north-1_Gr1dL1ne';
const stack = 'gridline-test';

const user = (tenantId: string | undefined, country?: string): UserType => ({
  Username: randomUUID(),
  Attributes: [
    { Name: 'email', Value: `${randomUUID()}@example.se` },
    ...(tenantId ? [{ Name: claimNames.tenantId, Value: tenantId }] : []),
    ...(country ? [{ Name: claimNames.tenantCountry, Value: country }] : []),
  ],
});
const countryOf = (u: UserType) => u.Attributes?.find((a) => a.Name === claimNames.tenantCountry)?.Value;

describe('npm run backfill:tenant-country', () => {
  let table: Table;
  let se: string;
  let sk: string;
  let users: UserType[];
  let updates: AdminUpdateUserAttributesCommandInput[];
  let printed: string[];
  /** The pool's AdminUpdateUserAttributes: keeps what it is given. */
  const setAttributes = (input: AdminUpdateUserAttributesCommandInput) => {
    updates.push(input);
    const target = users.find((u) => u.Username === input.Username);
    if (!target) throw new Error(`no user ${input.Username}`);
    target.Attributes = [
      ...(target.Attributes ?? []).filter((a) => a.Name !== claimNames.tenantCountry),
      ...(input.UserAttributes ?? []),
    ];
    return {};
  };
  const run = (...args: string[]) =>
    runTenantCountryCli(args, {
      env: {},
      print: (line) => printed.push(line),
      cognito: client,
      dynamodb: table.client,
    });

  beforeAll(async () => {
    table = await freshTable();
    const tenants = new DynamoTenantDirectory(table);
    const seTenant = swedishTenant();
    const skTenant = slovakTenant();
    await tenants.save(seTenant);
    await tenants.save(skTenant);
    se = seTenant.id;
    sk = skTenant.id;
  });

  beforeEach(() => {
    cognito.reset();
    printed = [];
    updates = [];
    users = [
      user(se),
      user(sk, 'SE'),
      user(se, 'SE'),
      user(`gone-${randomUUID()}`),
      user(undefined),
      user(sk),
    ];
    cognito.on(ListUserPoolsCommand).resolves({
      UserPools: [
        { Id: 'eu-north-1_Other', Name: 'another-users' },
        { Id: userPoolId, Name: `${stack}-users` },
      ],
    });
    cognito.on(ListUsersCommand).callsFake((input: ListUsersCommandInput) => {
      expect(input.UserPoolId).toBe(userPoolId);
      const from = Number(input.PaginationToken ?? 0);
      // Cognito answers with the attributes asked for only.
      const asked = new Set(input.AttributesToGet ?? []);
      return {
        Users: users.slice(from, from + 2).map((u) => ({
          ...u,
          Attributes: (u.Attributes ?? []).filter((a) => asked.has(a.Name as string)).map((a) => ({ ...a })),
        })),
        PaginationToken: from + 2 < users.length ? String(from + 2) : undefined,
      };
    });
    cognito.on(AdminUpdateUserAttributesCommand).callsFake(setAttributes);
  });

  it("sets each user's country to its tenant's, where it is missing or another, and nothing on a second run", async () => {
    expect(await run('--stack', stack, '--table', table.name)).toBe(0);

    expect(updates.map((u) => [u.Username, u.UserAttributes])).toEqual(
      [users[0], users[1], users[5]].map((u) => [
        u?.Username,
        [{ Name: claimNames.tenantCountry, Value: u === users[0] ? 'SE' : 'SK' }],
      ]),
    );
    expect(updates.every((u) => u.UserPoolId === userPoolId)).toBe(true);
    expect(users.map(countryOf)).toEqual(['SE', 'SK', 'SE', undefined, undefined, 'SK']);
    expect(printed.at(-1)).toBe(
      'Done: 6 users read, 3 countries set, 2 without a known tenant (left as they are).',
    );
    // One progress line per page of users.
    expect(printed.filter((line) => line.startsWith('  '))).toHaveLength(3);

    updates = [];
    printed = [];
    expect(await run('--stack', stack, '--table', table.name)).toBe(0);
    expect(updates).toEqual([]);
    expect(printed.at(-1)).toBe(
      'Done: 6 users read, 0 countries set, 2 without a known tenant (left as they are).',
    );
  });

  it('takes the user pool it is given without looking for it', async () => {
    expect(await run('--stack', stack, '--table', table.name, '--user-pool', userPoolId)).toBe(0);
    expect(cognito.commandCalls(ListUserPoolsCommand)).toHaveLength(0);
    expect(updates).toHaveLength(3);
  });

  it('refuses without a stack, since the local runtime has no user pool, and on an unknown option', async () => {
    expect(await run()).toBe(2);
    expect(printed[0]).toMatch(/^Name the stack: the local runtime has no user pool/);
    printed = [];
    expect(await run('--stack', stack, '--pool', userPoolId)).toBe(2);
    expect(printed[0]).toMatch(/Unknown option '--pool'/);
    expect(cognito.commandCalls(ListUsersCommand)).toHaveLength(0);
  });

  it('fails naming --user-pool when no pool has the stack’s name, and writes nothing', async () => {
    expect(await run('--stack', 'gridline-elsewhere', '--table', table.name)).toBe(1);
    expect(printed).toEqual([
      "No user pool named gridline-elsewhere-users in this account and region: name it with --user-pool <the stack's UserPoolId output>.",
    ]);
    expect(cognito.commandCalls(ListUsersCommand)).toHaveLength(0);
  });

  it('stops with exit code 1 when the pool throttles, and a second run finishes the rest', async () => {
    cognito
      .on(AdminUpdateUserAttributesCommand)
      .callsFakeOnce(setAttributes)
      .rejectsOnce(new TooManyRequestsException({ message: 'Rate exceeded', $metadata: {} }))
      .callsFake(setAttributes);
    expect(await run('--stack', stack, '--table', table.name)).toBe(1);
    expect(printed.at(-1)).toBe('Failed against the stack gridline-test: Rate exceeded');
    expect(users.map(countryOf)).toEqual(['SE', 'SE', 'SE', undefined, undefined, undefined]);

    printed = [];
    expect(await run('--stack', stack, '--table', table.name)).toBe(0);
    expect(users.map(countryOf)).toEqual(['SE', 'SK', 'SE', undefined, undefined, 'SK']);
  });
});
