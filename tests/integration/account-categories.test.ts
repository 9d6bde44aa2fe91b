import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SettingUsageDelta } from '#domain/accounts/references';
import { ConflictError, NotFoundError, ValidationError } from '#domain/errors';
import type { SettingUser } from '#domain/settings/setting';
import { accountsServices } from '#runtime/accounts-services';
import type { SettingUsageItems } from '#table/accounts/accounts-commit';
import { contactEntity } from '#table/accounts/entities';
import type { Table } from '#table/core/table';
import {
  everySettingExists,
  InMemorySettings,
  InMemoryUsers,
  noUsageCounts,
} from '../support/accounts-fakes';
import { servicesWithTenants } from '../support/local-table';

type Setup = Awaited<ReturnType<typeof servicesWithTenants>>;

const failure = (attempt: Promise<unknown>) =>
  attempt.then(
    () => undefined,
    (error: unknown) => error,
  );

describe('accounts and contacts by category', () => {
  let setup: Setup;
  const requests: string[] = [];
  beforeAll(async () => {
    // Categories are ids only here: the settings module, its checks and counts are not under test.
    setup = await servicesWithTenants((command) => requests.push(command), {
      settings: everySettingExists,
      settingUsage: noUsageCounts,
    });
  });

  const accountsIn = async (categoryId: string, tenant = setup.se) =>
    (await setup.services.accounts.byCategory(tenant, categoryId, { limit: 100 })).items.map((a) => a.name);
  const contactsIn = async (categoryId: string) =>
    (await setup.services.contacts.byCategory(setup.se, categoryId, { limit: 100 })).items.map(
      (c) => c.lastName,
    );

  it('follows an account as categories are added and removed, and as it is deleted and restored', async () => {
    // Prepare
    const { se, services } = setup;
    const account = await services.accounts.create(se, {
      name: 'Kategori AB',
      customerType: 'B2B',
      categoryIds: ['kat-a', 'kat-b'],
    });
    const other = await services.accounts.create(se, {
      name: 'Annan AB',
      customerType: 'B2B',
      categoryIds: ['kat-a'],
    });
    const atCreate = [await accountsIn('kat-a'), await accountsIn('kat-b'), await accountsIn('kat-c')];

    // Act
    await services.accounts.update(se, account.value.id, 1, { categoryIds: ['kat-b', 'kat-c'] });
    const afterUpdate = [await accountsIn('kat-a'), await accountsIn('kat-b'), await accountsIn('kat-c')];
    await services.accounts.remove(se, account.value.id);
    const afterDelete = [await accountsIn('kat-b'), await accountsIn('kat-c')];
    await services.accounts.restore(se, account.value.id);
    const afterRestore = [await accountsIn('kat-b'), await accountsIn('kat-c')];

    // Assess
    expect(atCreate).toEqual([['Kategori AB', 'Annan AB'], ['Kategori AB'], []]);
    expect(afterUpdate).toEqual([['Annan AB'], ['Kategori AB'], ['Kategori AB']]);
    expect(afterDelete).toEqual([[], []]);
    expect(afterRestore).toEqual([['Kategori AB'], ['Kategori AB']]);
    expect(await accountsIn('kat-a', setup.sk)).toEqual([]);
    expect(other.value.categoryIds).toEqual(['kat-a']);
  });

  it('writes the category items in the same transaction as the account', async () => {
    // Prepare
    const { se, services } = setup;
    requests.length = 0;

    // Act
    await services.accounts.create(se, {
      name: 'Atomär AB',
      customerType: 'B2B',
      categoryIds: ['kat-x', 'kat-y'],
    });

    // Assess
    expect(requests.filter((c) => !/^(Get|Query|BatchGet)/.test(c))).toEqual(['TransactWriteItemsCommand']);
  });

  it('pages through a category with one Query and one BatchGetItem per page, without repeats', async () => {
    // Prepare
    const { se, services } = setup;
    for (let i = 0; i < 5; i++) {
      await services.accounts.create(se, {
        name: `Sida ${i} AB`,
        customerType: 'B2B',
        categoryIds: ['kat-page'],
      });
    }

    // Act
    requests.length = 0;
    const first = await services.accounts.byCategory(se, 'kat-page', { limit: 2 });
    const pageRequests = [...requests];
    const names = [...first.items.map((a) => a.name)];
    let cursor = first.nextCursor;
    while (cursor) {
      const page = await services.accounts.byCategory(se, 'kat-page', { limit: 2, cursor });
      names.push(...page.items.map((a) => a.name));
      cursor = page.nextCursor;
    }

    // Assess
    expect(pageRequests).toEqual(['QueryCommand', 'BatchGetItemCommand']);
    expect(names).toEqual(['Sida 0 AB', 'Sida 1 AB', 'Sida 2 AB', 'Sida 3 AB', 'Sida 4 AB']);
  });

  it('lists contacts in a category, not deleted ones nor those of a deleted account', async () => {
    // Prepare
    const { se, services } = setup;
    const account = await services.accounts.create(se, { name: 'Kontakter AB', customerType: 'B2B' });
    const elsewhere = await services.accounts.create(se, { name: 'Annanstans AB', customerType: 'B2B' });
    await services.contacts.create(se, {
      firstName: 'Ada',
      lastName: 'Ansluten',
      accountId: account.value.id,
      categoryIds: ['kat-press'],
    });
    const moving = await services.contacts.create(se, {
      firstName: 'Mia',
      lastName: 'Flyttad',
      accountId: elsewhere.value.id,
      categoryIds: ['kat-press'],
    });
    await services.contacts.create(se, {
      firstName: 'Fri',
      lastName: 'Fristående',
      categoryIds: ['kat-press'],
    });
    const leaving = await services.contacts.create(se, {
      firstName: 'Lo',
      lastName: 'Lämnad',
      categoryIds: ['kat-press'],
    });
    await services.contacts.update(se, moving.value.id, 1, { accountId: account.value.id });
    await services.contacts.remove(se, leaving.value.id);
    const before = await contactsIn('kat-press');

    // Act
    await services.accounts.remove(se, account.value.id);
    const whileDeleted = await contactsIn('kat-press');
    await services.accounts.restore(se, account.value.id);
    const afterRestore = await contactsIn('kat-press');

    // Assess
    expect(before).toEqual(['Ansluten', 'Flyttad', 'Fristående']);
    expect(whileDeleted).toEqual(['Fristående']);
    expect(afterRestore).toEqual(['Ansluten', 'Flyttad', 'Fristående']);
  });

  it('shows the categories of a contact, and of one stored before contacts had categories', async () => {
    // Prepare
    const { se, services, table } = setup;
    const legacy = await services.contacts.create(se, { firstName: 'Gammal', lastName: 'Post' });
    await dropAttribute(table, se.tenantId, legacy.value.id, 'categoryIds');

    // Act
    const read = await services.contacts.get(se, legacy.value.id);
    const updated = await services.contacts.update(se, legacy.value.id, 1, { categoryIds: ['kat-old'] });

    // Assess
    expect(read.categoryIds).toEqual([]);
    expect(updated.categoryIds).toEqual(['kat-old']);
    expect(await contactsIn('kat-old')).toEqual(['Post']);
  });
});

/** Rewrites a stored contact without one attribute, as an older version of the code stored it. */
async function dropAttribute(table: Table, tenantId: string, contactId: string, attribute: string) {
  const key = contactEntity.key({ tenantId, contactId });
  const { Item } = await table.client.send(new GetCommand({ TableName: table.name, Key: key }));
  const { [attribute]: _dropped, ...rest } = Item ?? {};
  await table.client.send(new PutCommand({ TableName: table.name, Item: rest }));
}

describe('references from accounts and contacts to settings and users', () => {
  let setup: Setup;
  let settings: InMemorySettings;
  let services: ReturnType<typeof accountsServices>;
  beforeAll(async () => {
    setup = await servicesWithTenants();
    const t = setup.se.tenantId;
    settings = new InMemorySettings()
      .add(t, 'industry', 'ind-retail')
      .add(t, 'industry', 'ind-temporary')
      .add(t, 'status-type', 'st-active')
      .add(t, 'contact-type', 'ct-decision')
      .add(t, 'category', 'cat-accounts', 'account')
      .add(t, 'category', 'cat-contacts', 'contact')
      .add(t, 'category', 'cat-both', 'both')
      .add(setup.sk.tenantId, 'category', 'cat-foreign', 'both');
    const users = new InMemoryUsers().add(t, 'anna').add(t, 'olle', false);
    // The settings live in memory here: no usage is counted in the table.
    services = accountsServices({ table: setup.table }, { settings, users, settingUsage: noUsageCounts });
  });

  it('accepts references the tenant has', async () => {
    const { value } = await services.accounts.create(setup.se, {
      name: 'Giltig AB',
      customerType: 'B2B',
      industryId: 'ind-retail',
      statusTypeId: 'st-active',
      categoryIds: ['cat-accounts', 'cat-both'],
      ownerId: 'anna',
    });
    expect(value.categoryIds).toEqual(['cat-accounts', 'cat-both']);
  });

  it('refuses unknown settings, a contact category and a deactivated owner, naming each, and writes nothing', async () => {
    // Act
    const refused = await failure(
      services.accounts.create(setup.se, {
        name: 'Ogiltig AB',
        customerType: 'B2B',
        industryId: 'ind-unknown',
        statusTypeId: 'st-active',
        categoryIds: ['cat-both', 'cat-contacts', 'cat-foreign'],
        ownerId: 'olle',
      }),
    );

    // Assess
    expect(refused).toBeInstanceOf(ValidationError);
    expect((refused as ValidationError).fields).toEqual([
      { name: 'industryId', reason: 'no such industry' },
      { name: 'categoryIds.1', reason: 'this category is for contacts only' },
      { name: 'categoryIds.2', reason: 'no such category' },
      { name: 'ownerId', reason: 'deactivated users get no new work' },
    ]);
    expect((await services.accounts.list(setup.se, { namePrefix: 'Ogiltig' }, { limit: 10 })).items).toEqual(
      [],
    );
    expect(
      (await services.accounts.byCategory(setup.se, 'cat-both', { limit: 100 })).items.map((a) => a.name),
    ).toEqual(['Giltig AB']);
  });

  it('checks only what an update changes: a since-deleted industry does not block another change', async () => {
    // Prepare
    const { value } = await services.accounts.create(setup.se, {
      name: 'Gammal Bransch AB',
      customerType: 'B2B',
      industryId: 'ind-temporary',
    });
    settings.remove(setup.se.tenantId, 'industry', 'ind-temporary');

    // Act
    const renamed = await services.accounts.update(setup.se, value.id, 1, { name: 'Ny Bransch AB' });
    const unknownOwner = await failure(
      services.accounts.update(setup.se, value.id, 2, { ownerId: 'nobody' }),
    );
    const backToDeleted = await failure(
      services.accounts.update(setup.se, value.id, 2, { industryId: 'ind-retail', statusTypeId: 'st-gone' }),
    );

    // Assess
    expect(renamed).toMatchObject({ name: 'Ny Bransch AB', industryId: 'ind-temporary', version: 2 });
    expect((unknownOwner as ValidationError).fields).toEqual([{ name: 'ownerId', reason: 'no such user' }]);
    expect((backToDeleted as ValidationError).fields).toEqual([
      { name: 'statusTypeId', reason: 'no such status type' },
    ]);
    expect((await services.accounts.get(setup.se, value.id)).version).toBe(2);
  });

  it('refuses an account category and an unknown contact type on a contact', async () => {
    // Act
    const refused = await failure(
      services.contacts.create(setup.se, {
        firstName: 'Kim',
        lastName: 'Kontakt',
        contactTypeId: 'ct-unknown',
        categoryIds: ['cat-accounts', 'cat-contacts'],
      }),
    );
    const accepted = await services.contacts.create(setup.se, {
      firstName: 'Kim',
      lastName: 'Korrekt',
      contactTypeId: 'ct-decision',
      categoryIds: ['cat-contacts', 'cat-both'],
    });

    // Assess
    expect((refused as ValidationError).fields).toEqual([
      { name: 'contactTypeId', reason: 'no such contact type' },
      { name: 'categoryIds.0', reason: 'this category is for accounts only' },
    ]);
    expect(accepted.value.categoryIds).toEqual(['cat-contacts', 'cat-both']);
    const listed = await services.contacts.byCategory(setup.se, 'cat-contacts', { limit: 10 });
    expect(listed.items.map((c) => c.lastName)).toEqual(['Korrekt']);
  });

  it('answers an unknown category, or another tenant’s, as not found', async () => {
    const unknown = await failure(services.accounts.byCategory(setup.se, 'cat-unknown', { limit: 10 }));
    const foreign = await failure(services.contacts.byCategory(setup.se, 'cat-foreign', { limit: 10 }));
    expect(unknown).toBeInstanceOf(NotFoundError);
    expect(foreign).toBeInstanceOf(NotFoundError);
  });
});

describe('the setting usage hook', () => {
  let setup: Setup;
  type Counted = Pick<SettingUsageDelta, 'kind' | 'id'> & { user?: SettingUser };
  const counterKey = (tenantId: string, d: Counted) => ({
    pk: `T#${tenantId}#USAGETEST#${d.user ?? 'account'}#${d.kind}#${d.id}`,
    sk: 'USAGE',
  });
  /** Counts uses in test items; refuses to count a setting named `deleted-…`, as a deleted setting would. */
  const usageItems =
    (table: Table): SettingUsageItems =>
    (tenantId, user, deltas) =>
      deltas.map((d) => ({
        Update: {
          TableName: table.name,
          Key: counterKey(tenantId, { ...d, user }),
          UpdateExpression: 'ADD usageCount :d',
          ...(d.id.startsWith('deleted-') ? { ConditionExpression: 'attribute_exists(pk)' } : {}),
          ExpressionAttributeValues: { ':d': d.delta },
        },
      }));
  const count = async (d: Counted) => {
    const { Item } = await setup.table.client.send(
      new GetCommand({
        TableName: setup.table.name,
        Key: counterKey(setup.se.tenantId, d),
        ConsistentRead: true,
      }),
    );
    return Item?.usageCount as number | undefined;
  };

  beforeAll(async () => {
    setup = await servicesWithTenants();
  });

  it('moves usage counts with every create, update, delete and restore, in the same transaction', async () => {
    // Prepare
    const services = accountsServices(
      { table: setup.table },
      { settings: everySettingExists, settingUsage: usageItems(setup.table) },
    );
    const { se } = setup;

    // Act
    const { value } = await services.accounts.create(se, {
      name: 'Räknad AB',
      customerType: 'B2B',
      industryId: 'ind-1',
      categoryIds: ['c-1'],
    });
    await services.contacts.create(se, { firstName: 'R', lastName: 'Räknad', categoryIds: ['c-1'] });
    await services.accounts.update(se, value.id, 1, { industryId: 'ind-2' });
    const afterMove = [
      await count({ kind: 'industry', id: 'ind-1' }),
      await count({ kind: 'industry', id: 'ind-2' }),
    ];
    await services.accounts.remove(se, value.id);
    const afterDelete = [
      await count({ kind: 'industry', id: 'ind-2' }),
      await count({ kind: 'category', id: 'c-1' }),
    ];
    await services.accounts.restore(se, value.id);

    // Assess
    expect(afterMove).toEqual([0, 1]);
    expect(afterDelete).toEqual([0, 0]);
    expect(await count({ kind: 'industry', id: 'ind-2' })).toBe(1);
    expect(await count({ kind: 'category', id: 'c-1' })).toBe(1);
    expect(await count({ kind: 'category', id: 'c-1', user: 'contact' })).toBe(1);
  });

  it('refuses with 409 a change whose usage count fails its condition, and writes nothing', async () => {
    // Prepare
    const services = accountsServices(
      { table: setup.table },
      { settings: everySettingExists, settingUsage: usageItems(setup.table) },
    );

    // Act
    const refused = await failure(
      services.accounts.create(setup.se, {
        name: 'Dinglande AB',
        customerType: 'B2B',
        industryId: 'deleted-ind',
      }),
    );

    // Assess
    expect(refused).toBeInstanceOf(ConflictError);
    expect(
      (await services.accounts.list(setup.se, { namePrefix: 'Dinglande' }, { limit: 10 })).items,
    ).toEqual([]);
  });

  it('refuses a change too big for one transaction with 400 naming categoryIds', async () => {
    // Prepare
    const services = accountsServices(
      { table: setup.table },
      { settings: everySettingExists, settingUsage: usageItems(setup.table) },
    );
    const many = (prefix: string) => Array.from({ length: 30 }, (_, i) => `${prefix}-${i}`);
    const { value } = await services.accounts.create(setup.se, {
      name: 'Stor AB',
      customerType: 'B2B',
      categoryIds: many('old'),
    });

    // Act
    const refused = await failure(
      services.accounts.update(setup.se, value.id, 1, { categoryIds: many('new') }),
    );

    // Assess
    expect(refused).toBeInstanceOf(ValidationError);
    expect((refused as ValidationError).fields.map((f) => f.name)).toEqual(['categoryIds']);
    expect((await services.accounts.get(setup.se, value.id)).categoryIds).toEqual(many('old'));
  });
});
