import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { monotonicFactory } from 'ulid';
import { beforeAll, describe, expect, it } from 'vitest';
import { LocalUserDirectory } from '#adapters/users/local-user-directory';
import { ConflictError, ValidationError } from '#domain/errors';
import { usersServices } from '#runtime/users-services';
import { userEntity } from '#table/users/entities';
import { servicesWithTenants } from '../support/local-table';

type Setup = Awaited<ReturnType<typeof servicesWithTenants>>;

const failure = (attempt: Promise<unknown>) =>
  attempt.then(
    () => undefined,
    (error: unknown) => error,
  );

describe('account owners kept by a container for reference checks', () => {
  let setup: Setup;
  const requests: string[] = [];
  beforeAll(async () => {
    setup = await servicesWithTenants((command) => requests.push(command));
  });

  /** A user as the owner check reads it, written as another container would. */
  const putUser = (userId: string) =>
    setup.table.client.send(
      new PutCommand({
        TableName: setup.table.name,
        Item: { ...userEntity.key({ tenantId: setup.se.tenantId, userId }), id: userId, active: true },
      }),
    );
  const deactivate = (userId: string) =>
    setup.table.client.send(
      new UpdateCommand({
        TableName: setup.table.name,
        Key: userEntity.key({ tenantId: setup.se.tenantId, userId }),
        UpdateExpression: 'SET active = :inactive',
        ExpressionAttributeValues: { ':inactive': false },
      }),
    );

  it('checks a warm create with an owner without reading the user again', async () => {
    // Prepare
    const { se, services } = setup;
    await putUser('varm');
    const draft = { name: 'Ägd AB', customerType: 'B2B' as const, ownerId: 'varm' };
    await services.accounts.create(se, draft);

    // Act
    requests.length = 0;
    await services.accounts.create(se, draft);

    // Assert
    expect(requests).toEqual(['TransactWriteItemsCommand']);
  });

  it('refuses a create naming an owner deactivated in another container, and the retry as the user is', async () => {
    // Prepare: this container keeps the user as active; another one deactivates it.
    const { se, services } = setup;
    await putUser('lämnar');
    await services.accounts.create(se, { name: 'Före Ägare AB', customerType: 'B2B', ownerId: 'lämnar' });
    await deactivate('lämnar');
    const draft = { name: 'Sen Ägare AB', customerType: 'B2B' as const, ownerId: 'lämnar' };

    // Act
    const stale = await failure(services.accounts.create(se, draft));
    const retry = await failure(services.accounts.create(se, draft));

    // Assert: refused naming the owner, nothing written, and the retry gets the usual answer.
    expect(stale).toBeInstanceOf(ConflictError);
    expect((stale as ConflictError).code).toBe('changed-meanwhile');
    expect((stale as ConflictError).fields.map((f) => f.name)).toEqual(['ownerId']);
    expect(retry).toBeInstanceOf(ValidationError);
    expect((retry as ValidationError).fields).toEqual([
      { name: 'ownerId', reason: 'deactivated users get no new work' },
    ]);
    expect((await services.accounts.list(se, { namePrefix: 'Sen Ägare' }, { limit: 10 })).items).toEqual([]);
  });

  it('refuses giving an account an owner deactivated in another container, and leaves the account as it was', async () => {
    // Prepare
    const { se, services } = setup;
    await putUser('kvar');
    await putUser('går');
    const account = await services.accounts.create(se, {
      name: 'Byte AB',
      customerType: 'B2B',
      ownerId: 'kvar',
    });
    await services.accounts.create(se, { name: 'Annan Ägare AB', customerType: 'B2B', ownerId: 'går' });
    await deactivate('går');

    // Act
    const stale = await failure(services.accounts.update(se, account.value.id, 1, { ownerId: 'går' }));
    const retry = await failure(services.accounts.update(se, account.value.id, 1, { ownerId: 'går' }));

    // Assert
    expect((stale as ConflictError).code).toBe('changed-meanwhile');
    expect((retry as ValidationError).fields).toEqual([
      { name: 'ownerId', reason: 'deactivated users get no new work' },
    ]);
    expect((await services.accounts.get(se, account.value.id)).ownerId).toBe('kvar');
  });

  it('keeps no unknown user: one created meanwhile is accepted at once', async () => {
    // Prepare
    const { se, services } = setup;
    const draft = { name: 'Ny Användare AB', customerType: 'B2B' as const, ownerId: 'ny' };
    const unknown = await failure(services.accounts.create(se, draft));
    await putUser('ny');

    // Act
    const { value } = await services.accounts.create(se, draft);

    // Assert
    expect((unknown as ValidationError).fields).toEqual([{ name: 'ownerId', reason: 'no such user' }]);
    expect(value.ownerId).toBe('ny');
  });

  it('leaves an owner deactivated since unchecked when an update keeps it', async () => {
    // Prepare
    const { se, services } = setup;
    await putUser('stannar');
    const account = await services.accounts.create(se, {
      name: 'Behåller AB',
      customerType: 'B2B',
      ownerId: 'stannar',
    });
    await deactivate('stannar');

    // Act
    const renamed = await services.accounts.update(se, account.value.id, 1, { name: 'Behåller Namn AB' });

    // Assert
    expect(renamed).toMatchObject({ name: 'Behåller Namn AB', ownerId: 'stannar' });
  });

  it('reads a user again once this container deactivated it, answering the usual 400 at once', async () => {
    // Prepare
    const { se, services, table } = setup;
    const ulid = monotonicFactory();
    const { users } = usersServices({ table, directory: new LocalUserDirectory({ next: () => ulid() }) });
    const profile = (email: string, roles: string[]) => ({ email, name: email, roles });
    const admin = await users.createFirstAdmin(se, profile('chef@norrsken.example', ['admin']));
    const actor = { tenantId: se.tenantId, userId: admin.value.id };
    const seller = await users.create(actor, profile('saljare@norrsken.example', ['sales']));
    const draft = { name: 'Säljarens AB', customerType: 'B2B' as const, ownerId: seller.value.id };
    await services.accounts.create(se, draft);
    await users.deactivate(actor, seller.value.id);

    // Act
    const refused = await failure(services.accounts.create(se, { ...draft, name: 'Säljarens Andra AB' }));

    // Assert
    expect((refused as ValidationError).fields).toEqual([
      { name: 'ownerId', reason: 'deactivated users get no new work' },
    ]);
  });
});
