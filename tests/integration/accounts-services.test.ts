import { beforeAll, describe, expect, it } from 'vitest';
import { ValidationError } from '#domain/errors';
import { accountsServices } from '#runtime/accounts-services';
import { settingsServices } from '#runtime/settings-services';
import type { Table } from '#table/core/table';
import { DynamoTenantDirectory } from '#table/core/tenant-directory';
import { freshTable, swedishTenant } from '../support/local-table';

const failure = (attempt: Promise<unknown>) =>
  attempt.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: unknown) => error,
  );

describe('accountsServices, as every function wires it', () => {
  let table: Table;
  const tenant = swedishTenant();
  const admin = { tenantId: tenant.id, userId: 'admin-1' };

  beforeAll(async () => {
    table = await freshTable();
    await new DynamoTenantDirectory(table).save(tenant);
  });

  it('refuses an industry and a category the tenant does not have, naming each, and writes nothing', async () => {
    // Prepare
    const { accounts } = accountsServices({ table });

    // Act
    const refused = await failure(
      accounts.create(admin, {
        name: 'Påhittad AB',
        customerType: 'B2B',
        industryId: '01KAQ3X1A2B3C4D5E6F7G8H9J0',
        categoryIds: ['01KAQ3X1A2B3C4D5E6F7G8H9J1'],
      }),
    );

    // Assess
    expect(refused).toBeInstanceOf(ValidationError);
    expect(refused).toMatchObject({
      fields: [
        { name: 'industryId', reason: 'no such industry' },
        { name: 'categoryIds.0', reason: 'no such category' },
      ],
    });
    expect((await accounts.list(admin, { namePrefix: 'Påhittad' }, { limit: 10 })).items).toEqual([]);
  });

  it('refuses an owner who is not a user of the tenant', async () => {
    // Prepare
    const { accounts } = accountsServices({ table });

    // Act
    const refused = await failure(
      accounts.create(admin, { name: 'Ägarlös AB', customerType: 'B2B', ownerId: 'nobody' }),
    );

    // Assess
    expect(refused).toMatchObject({ fields: [{ name: 'ownerId', reason: 'no such user' }] });
  });

  it('counts the settings an account uses, so that one in use cannot be deleted', async () => {
    // Prepare
    const { settings } = settingsServices({ table });
    const industry = await settings.create(admin, 'industry', { title: 'Bagerier' });
    const { accounts } = accountsServices({ table });
    await accounts.create(admin, {
      name: 'Bageri Solrosen AB',
      customerType: 'B2B',
      industryId: industry.value.id,
    });

    // Act
    const removal = await failure(settings.remove(admin, 'industry', industry.value.id));

    // Assess
    expect(removal).toMatchObject({ code: 'setting-in-use' });
    expect(await settings.get(admin, 'industry', industry.value.id)).toMatchObject({
      usage: { accounts: 1, contacts: 0, deals: 0 },
    });
  });
});
