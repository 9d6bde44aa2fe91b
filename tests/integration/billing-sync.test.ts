import { beforeAll, describe, expect, it } from 'vitest';
import { energyServices } from '#runtime/energy-services';
import { servicesWithTenants } from '../support/local-table';

describe('billing sync from an account to its supply points', () => {
  let setup: Awaited<ReturnType<typeof servicesWithTenants>>;
  let energy: ReturnType<typeof energyServices>;

  beforeAll(async () => {
    setup = await servicesWithTenants();
    energy = energyServices({ table: setup.table });
    await energy.referenceData.createTerritory(setup.se, {
      code: 'ELLEVIO',
      name: 'Ellevio',
      country: 'SE',
      commodity: 'electricity',
    });
  });

  it('copies the account as it is now, even when an older change’s event comes late', async () => {
    // Prepare: an account with a supply point, then two changes of its e-mail.
    const { se, services } = setup;
    const account = await services.accounts.create(se, {
      name: 'Sen AB',
      customerType: 'B2B',
      email: 'a@sen.example',
    });
    const point = await energy.supplyPoints.create(se, {
      identifier: '735999100000123450',
      commodity: 'electricity',
      country: 'SE',
      accountId: account.value.id,
      territoryCode: 'ELLEVIO',
      customerType: 'B2B',
      address: {
        street: 'Storgatan',
        houseNumber: '1',
        postcode: '111 11',
        city: 'Stockholm',
        country: 'SE',
      },
    });
    const v2 = await services.accounts.update(se, account.value.id, 1, { email: 'b@sen.example' });
    await services.accounts.update(se, account.value.id, v2.version, { email: 'c@sen.example' });

    // Act: the sync runs for the newest change, then again for the older one, delivered late.
    await energy.supplyPoints.syncBilling(se.tenantId, account.value.id);
    const late = await energy.supplyPoints.syncBilling(se.tenantId, account.value.id);

    // Assess
    const synced = await energy.supplyPoints.get(se, point.value.id);
    expect(synced.billing.email).toBe('c@sen.example');
    expect(late).toBe(0);
  });
});
