import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError, VersionMismatchError } from '../../shared/domain/errors';
import { HttpError } from '../../shared/http/http-error';
import { keys } from '../../shared/table/keys';
import { servicesWithTenants } from '../support/local-table';

type Setup = Awaited<ReturnType<typeof servicesWithTenants>>;

const bakery = { name: 'Bageri Solrosen AB', orgNumber: '556677-8899', customerType: 'B2B' as const };

async function itemsIn(setup: Setup, pk: string) {
  const { Items = [] } = await setup.table.client.send(
    new QueryCommand({
      TableName: setup.table.name,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': pk },
    }),
  );
  return Items;
}

describe('accounts in the table', () => {
  let setup: Setup;
  beforeAll(async () => {
    setup = await servicesWithTenants();
  });

  it('stores an account with its outbox event in one write', async () => {
    // Act
    const { value } = await setup.services.accounts.create(setup.se, bakery);

    // Assess
    const stored = await setup.services.accounts.get(setup.se, value.id);
    expect(stored).toMatchObject({ name: 'Bageri Solrosen AB', orgNumber: '556677-8899', version: 1 });
    const history = await itemsIn(setup, keys.account(setup.se.tenantId, value.id).pk);
    expect(history.map((i) => i.sk)).toEqual(['ACCOUNT']);
  });

  it('refuses a second account with the same organisation number and writes nothing of it', async () => {
    // Prepare
    const { se, services } = setup;
    const first = await services.accounts.create(se, { ...bakery, orgNumber: '556036-0793' });
    const before = await services.accounts.list(se, {}, { limit: 100 });

    // Act
    const attempt = services.accounts.create(se, { ...bakery, name: 'Copy AB', orgNumber: '5560360793' });

    // Assess
    await expect(attempt).rejects.toBeInstanceOf(ConflictError);
    await expect(attempt).rejects.toMatchObject({ fields: [{ name: 'orgNumber' }] });
    const after = await services.accounts.list(se, {}, { limit: 100 });
    expect(after.items.map((a) => a.id)).toEqual(before.items.map((a) => a.id));
    expect(after.items.some((a) => a.id === first.value.id)).toBe(true);
  });

  it('lets another tenant use the same organisation number', async () => {
    const { value } = await setup.services.accounts.create(setup.sk, { ...bakery, country: 'SE' });
    expect(value.orgNumber).toBe('556677-8899');
  });

  it('answers another tenant’s account as not found', async () => {
    const { value } = await setup.services.accounts.create(setup.se, {
      name: 'Private AB',
      customerType: 'B2B',
    });
    await expect(setup.services.accounts.get(setup.sk, value.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(setup.services.accounts.view(setup.sk, value.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('refuses an update based on an older version', async () => {
    // Prepare
    const { value } = await setup.services.accounts.create(setup.se, {
      name: 'Versioned AB',
      customerType: 'B2B',
    });
    await setup.services.accounts.update(setup.se, value.id, 1, { name: 'Versioned 2 AB' });

    // Act
    const stale = setup.services.accounts.update(setup.se, value.id, 1, { name: 'Lost update AB' });

    // Assess
    await expect(stale).rejects.toBeInstanceOf(VersionMismatchError);
    expect((await setup.services.accounts.get(setup.se, value.id)).name).toBe('Versioned 2 AB');
  });

  it('releases the old organisation number when it changes, and on delete', async () => {
    // Prepare
    const { se, services } = setup;
    const a = await services.accounts.create(se, { ...bakery, orgNumber: '556703-7485' });
    await services.accounts.update(se, a.value.id, 1, { orgNumber: '556016-0680' });

    // Act
    const b = await services.accounts.create(se, {
      ...bakery,
      name: 'Takes old number AB',
      orgNumber: '556703-7485',
    });
    await services.accounts.remove(se, a.value.id);
    const c = await services.accounts.create(se, {
      ...bakery,
      name: 'Takes deleted number AB',
      orgNumber: '556016-0680',
    });

    // Assess
    expect(b.value.orgNumber).toBe('556703-7485');
    expect(c.value.orgNumber).toBe('556016-0680');
    await expect(services.accounts.get(se, a.value.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('creates once per idempotency key and replays the first result', async () => {
    // Prepare
    const token = { operationId: 'createAccount', key: 'import-line-7', requestHash: 'hash-a' };
    const { se, services } = setup;

    // Act
    const first = await services.accounts.create(
      se,
      { ...bakery, name: 'Once AB', orgNumber: '556012-5790' },
      token,
    );
    const second = await services.accounts.create(
      se,
      { ...bakery, name: 'Once AB', orgNumber: '556012-5790' },
      token,
    );

    // Assess
    expect(second).toEqual({ value: first.value, replayed: true });
    const named = await services.accounts.list(se, { namePrefix: 'Once' }, { limit: 10 });
    expect(named.items).toHaveLength(1);
  });

  it('refuses an idempotency key reused with another body', async () => {
    const token = { operationId: 'createAccount', key: 'reused', requestHash: 'hash-1' };
    await setup.services.accounts.create(setup.se, { name: 'First AB', customerType: 'B2B' }, token);
    const reuse = setup.services.accounts.create(
      setup.se,
      { name: 'Second AB', customerType: 'B2B' },
      {
        ...token,
        requestHash: 'hash-2',
      },
    );
    await expect(reuse).rejects.toMatchObject({ status: 422 });
    await expect(reuse).rejects.toBeInstanceOf(HttpError);
  });

  it('pages through a list without repeats, and refuses a cursor of another tenant', async () => {
    // Prepare
    const { sk, se, services } = setup;
    for (let i = 0; i < 23; i++) {
      await services.accounts.create(sk, {
        name: `Odberateľ ${String(i).padStart(2, '0')}`,
        customerType: 'B2C',
      });
    }

    // Act
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await services.accounts.list(sk, { namePrefix: 'odberatel' }, { limit: 10, cursor });
      seen.push(...page.items.map((a) => a.name));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    const skPage = await services.accounts.list(sk, {}, { limit: 1 });

    // Assess
    expect(seen).toHaveLength(23);
    expect(new Set(seen).size).toBe(23);
    expect(seen[0]).toBe('Odberateľ 00');
    expect(pages).toBeGreaterThanOrEqual(3);
    await expect(
      services.accounts.list(se, {}, { limit: 10, cursor: skPage.nextCursor }),
    ).rejects.toMatchObject({
      status: 400,
      fields: [{ name: 'cursor' }],
    });
  });

  it('shows an account with its contacts in one view, without deleted contacts', async () => {
    // Prepare
    const { se, services } = setup;
    const account = await services.accounts.create(se, { name: 'Viewed AB', customerType: 'B2B' });
    const kept = await services.contacts.create(se, {
      firstName: 'Eva',
      lastName: 'Berg',
      accountId: account.value.id,
    });
    const gone = await services.contacts.create(se, {
      firstName: 'Olle',
      lastName: 'Berg',
      accountId: account.value.id,
    });
    await services.contacts.remove(se, gone.value.id);

    // Act
    const view = await services.accounts.view(se, account.value.id);

    // Assess
    expect(view.account.id).toBe(account.value.id);
    expect(view.contacts.map((c) => c.id)).toEqual([kept.value.id]);
  });
});
