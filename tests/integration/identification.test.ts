import { beforeAll, describe, expect, it } from 'vitest';
import { NotFoundError } from '#domain/errors';
import { callerFromClaims } from '#http/auth';
import { accountsServices } from '#runtime/accounts-services';
import { servicesWithTenants } from '../support/local-table';

describe('caller identification against the table', () => {
  const requests: string[] = [];
  let setup: Awaited<ReturnType<typeof servicesWithTenants>>;

  beforeAll(async () => {
    setup = await servicesWithTenants((command) => requests.push(command));
    const { se, services } = setup;
    const account = await services.accounts.create(se, {
      name: 'Familjen Berg',
      customerType: 'B2C',
      phones: ['08-555 123 45'],
    });
    // A household: two people share the landline, one has a mobile of her own.
    await services.contacts.create(se, {
      firstName: 'Eva',
      lastName: 'Berg',
      phones: ['08-555 123 45', '070-111 22 33'],
      accountId: account.value.id,
    });
    await services.contacts.create(se, {
      firstName: 'Olof',
      lastName: 'Berg',
      phones: ['+46 8 555 123 45'],
      accountId: account.value.id,
      externalCustomerId: 'C-1001',
    });
    // Warm the tenant profile cache, as a running container has it.
    await services.subjects.identify(se, 'phone', '070-111 22 33');
  });

  it('finds every contact on a shared number and the account, in at most two requests and no Scan', async () => {
    // Act
    requests.length = 0;
    const found = await setup.services.subjects.identify(setup.se, 'phone', '08-555 123 45');

    // Assess
    expect(requests).toEqual(['QueryCommand', 'BatchGetItemCommand']);
    expect(found.contacts.map((m) => m.contact.firstName).sort()).toEqual(['Eva', 'Olof']);
    expect(found.contacts.every((m) => m.account?.name === 'Familjen Berg')).toBe(true);
    expect(found.accounts.map((a) => a.name)).toEqual(['Familjen Berg']);
  });

  it('makes at most two requests on a cold container too, for every form of the number, with the tenant’s country from the token', async () => {
    // Prepare: the caller as the handler shell reads it from a token with the tenant's country
    const caller = callerFromClaims({
      sub: setup.se.userId,
      'custom:tenantId': setup.se.tenantId,
      'custom:tenantCountry': 'SE',
      'cognito:groups': 'admin',
    });

    for (const written of ['08-555 123 45', '+46 8 555 123 45', '0046 8 555 123 45']) {
      // Act: a new container's services, with nothing cached
      const cold = accountsServices({ table: setup.table });
      requests.length = 0;
      const found = await cold.subjects.identify(caller, 'phone', written);

      // Assess
      expect(requests, written).toEqual(['QueryCommand', 'BatchGetItemCommand']);
      expect(found.accounts.map((a) => a.name)).toEqual(['Familjen Berg']);
    }
  });

  it('reads a national number in the tenant’s country from its profile when the token does not carry it', async () => {
    // Act: a token issued before the country claim, on a new container
    const cold = accountsServices({ table: setup.table });
    requests.length = 0;
    const found = await cold.subjects.identify(setup.se, 'phone', '08-555 123 45');

    // Assess
    expect(requests).toEqual(['GetItemCommand', 'QueryCommand', 'BatchGetItemCommand']);
    expect(found.accounts.map((a) => a.name)).toEqual(['Familjen Berg']);
  });

  it('follows a phone number when a contact changes it', async () => {
    // Prepare
    const { se, services } = setup;
    const eva = (await services.subjects.identify(se, 'phone', '070-111 22 33')).contacts[0]?.contact;
    if (!eva) throw new Error('seeded contact not found');

    // Act
    await services.contacts.update(se, eva.id, eva.version, { phones: ['070-999 88 77'] });

    // Assess
    await expect(services.subjects.identify(se, 'phone', '0701112233')).rejects.toBeInstanceOf(NotFoundError);
    const moved = await services.subjects.identify(se, 'phone', '+46 70 999 88 77');
    expect(moved.contacts.map((m) => m.contact.id)).toEqual([eva.id]);
  });

  it('does not find another tenant’s contacts', async () => {
    await expect(setup.services.subjects.identify(setup.sk, 'customerId', 'C-1001')).rejects.toBeInstanceOf(
      NotFoundError,
    );
    const own = await setup.services.subjects.identify(setup.se, 'customerId', 'C-1001');
    expect(own.contacts[0]?.contact.lastName).toBe('Berg');
  });

  it('refuses a customer id that another contact of the tenant has', async () => {
    const attempt = setup.services.contacts.create(setup.se, {
      firstName: 'Dup',
      lastName: 'Licate',
      externalCustomerId: 'C-1001',
    });
    await expect(attempt).rejects.toMatchObject({ fields: [{ name: 'externalCustomerId' }] });
  });
});
