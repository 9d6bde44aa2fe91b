import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConflictError, ValidationError } from '#domain/errors';
import { settingsServices } from '#runtime/settings-services';
import { settingEntity } from '#table/settings/entities';
import { servicesWithTenants } from '../support/local-table';

type Setup = Awaited<ReturnType<typeof servicesWithTenants>>;

const failure = (attempt: Promise<unknown>) =>
  attempt.then(
    () => undefined,
    (error: unknown) => error,
  );

describe('settings kept by a container for reference checks', () => {
  let setup: Setup;
  const requests: string[] = [];
  beforeAll(async () => {
    setup = await servicesWithTenants((command) => requests.push(command));
  });

  it('checks a warm create without reading the settings again', async () => {
    // Prepare
    const { se, services, table } = setup;
    const { settings } = settingsServices({ table });
    const industry = await settings.create(se, 'industry', { title: 'Bagerier' });
    const category = await settings.create(se, 'category', { title: 'Storkund', scope: 'both' });
    const draft = {
      name: 'Varm AB',
      customerType: 'B2B' as const,
      industryId: industry.value.id,
      categoryIds: [category.value.id],
    };
    await services.accounts.create(se, draft);

    // Act
    requests.length = 0;
    await services.accounts.create(se, draft);

    // Assert
    expect(requests).toEqual(['TransactWriteItemsCommand']);
  });

  it('refuses a write checked against a setting changed in another container, and checks the retry against it as it is', async () => {
    // Prepare: this container keeps the category as 'both'; another one makes it a contacts' category.
    const { se, services, table } = setup;
    const { settings } = settingsServices({ table });
    const category = await settings.create(se, 'category', { title: 'Kontaktkategori', scope: 'both' });
    const draft = { name: 'Före AB', customerType: 'B2B' as const, categoryIds: [category.value.id] };
    await services.accounts.create(se, draft);
    await table.client.send(
      new UpdateCommand({
        TableName: table.name,
        Key: settingEntity.key({ tenantId: se.tenantId, settingId: category.value.id }),
        UpdateExpression: 'SET #scope = :contact, version = version + :one',
        ExpressionAttributeNames: { '#scope': 'scope' },
        ExpressionAttributeValues: { ':contact': 'contact', ':one': 1 },
      }),
    );

    // Act
    const stale = await failure(services.accounts.create(se, { ...draft, name: 'Inaktuell AB' }));
    const retry = await failure(services.accounts.create(se, { ...draft, name: 'Inaktuell AB' }));

    // Assert: refused, nothing written, and the retry gets the answer of the setting as stored.
    expect(stale).toBeInstanceOf(ConflictError);
    expect((stale as ConflictError).code).toBe('changed-meanwhile');
    expect(retry).toBeInstanceOf(ValidationError);
    expect((retry as ValidationError).fields).toEqual([
      { name: 'categoryIds.0', reason: 'this category is for contacts only' },
    ]);
    const members = await services.accounts.byCategory(se, category.value.id, { limit: 10 });
    expect(members.items.map((a) => a.name)).toEqual(['Före AB']);
  });

  it('refuses an update checked against a setting deleted in another container, and the retry as the setting is', async () => {
    // Prepare
    const { se, services, table } = setup;
    const { settings } = settingsServices({ table });
    const first = await settings.create(se, 'status-type', { title: 'Ny' });
    const second = await settings.create(se, 'status-type', { title: 'Avslutad' });
    const account = await services.accounts.create(se, {
      name: 'Status AB',
      customerType: 'B2B',
      statusTypeId: first.value.id,
    });
    // This container checks the second status type, and keeps it; then another one deletes it.
    await services.accounts.create(se, {
      name: 'Annan AB',
      customerType: 'B2B',
      statusTypeId: second.value.id,
    });
    await table.client.send(
      new UpdateCommand({
        TableName: table.name,
        Key: settingEntity.key({ tenantId: se.tenantId, settingId: second.value.id }),
        UpdateExpression: 'SET deletedAt = :now, version = version + :one',
        ExpressionAttributeValues: { ':now': new Date().toISOString(), ':one': 1 },
      }),
    );

    // Act
    const stale = await failure(
      services.accounts.update(se, account.value.id, 1, { statusTypeId: second.value.id }),
    );
    const retry = await failure(
      services.accounts.update(se, account.value.id, 1, { statusTypeId: second.value.id }),
    );

    // Assert
    expect((stale as ConflictError).code).toBe('changed-meanwhile');
    expect((retry as ValidationError).fields).toEqual([
      { name: 'statusTypeId', reason: 'no such status type' },
    ]);
    expect((await services.accounts.get(se, account.value.id)).statusTypeId).toBe(first.value.id);
  });
});
