import { beforeAll, describe, expect, it } from 'vitest';
import type { SupplyPoint } from '#domain/energy/supply-point';
import { addressFingerprint } from '#domain/energy/supply-point';
import { SupplyPointService } from '#domain/energy/supply-point-service';
import { VersionMismatchError } from '#domain/errors';
import type { DomainEvent } from '#domain/events';
import { energyServices } from '#runtime/energy-services';
import { serviceDeps } from '#runtime/service-deps';
import { DynamoAccountStore } from '#table/accounts/account-store';
import { DynamoReferenceTables } from '#table/energy/reference-tables-store';
import { DynamoSupplyPointStore } from '#table/energy/supply-point-store';
import { DynamoTerritoryStore } from '#table/energy/territory-store';
import { servicesWithTenants } from '../support/local-table';

describe('system writes and the client’s ETag (ADR 0011)', () => {
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

  const newPoint = async (identifier: string) => {
    const account = await setup.services.accounts.create(setup.se, { name: 'Ström AB', customerType: 'B2B' });
    const created = await energy.supplyPoints.create(setup.se, {
      identifier,
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
    return created.value;
  };

  /** Supply points whose first write is preceded by the address check, as if the check landed in between. */
  const racedByAddressCheck = () => {
    const store = new DynamoSupplyPointStore(setup.table);
    let raced = false;
    const supplyPoints = Object.assign(Object.create(store), {
      update: async (previous: SupplyPoint, next: SupplyPoint, event: DomainEvent) => {
        if (!raced) {
          raced = true;
          const fingerprint = addressFingerprint(previous.address);
          await energy.supplyPoints.recordVerification(previous.tenantId, previous.id, fingerprint, {
            status: 'not-found',
          });
        }
        return store.update(previous, next, event);
      },
    }) as DynamoSupplyPointStore;
    return new SupplyPointService({
      ...serviceDeps(setup.table),
      accounts: new DynamoAccountStore(setup.table),
      territories: new DynamoTerritoryStore(setup.table),
      tables: new DynamoReferenceTables(setup.table),
      supplyPoints,
    });
  };

  it('keeps the version on an address check, and the check’s result through a later change', async () => {
    // Prepare
    const point = await newPoint('735999100000223457');
    await energy.supplyPoints.recordVerification(
      setup.se.tenantId,
      point.id,
      addressFingerprint(point.address),
      { status: 'not-found' },
    );

    // Act
    const checked = await energy.supplyPoints.get(setup.se, point.id);
    const changed = await energy.supplyPoints.update(setup.se, point.id, point.version, {
      status: 'inactive',
    });

    // Assess
    expect(checked).toMatchObject({ version: point.version, revision: 1, updatedBy: point.updatedBy });
    expect(changed).toMatchObject({
      status: 'inactive',
      version: point.version + 1,
      addressVerification: { status: 'not-found' },
    });
    expect(await energy.supplyPoints.get(setup.se, point.id)).toEqual(changed);
  });

  it('makes a client’s change again when an address check lands between its read and its write', async () => {
    // Prepare
    const point = await newPoint('735999100000224454');
    const service = racedByAddressCheck();

    // Act
    const changed = await service.update(setup.se, point.id, point.version, { status: 'inactive' });

    // Assess: the change went through on the checked supply point, and the check was not undone.
    const stored = await energy.supplyPoints.get(setup.se, point.id);
    expect(changed).toMatchObject({ status: 'inactive', version: point.version + 1 });
    expect(stored).toMatchObject({
      status: 'inactive',
      version: point.version + 1,
      revision: 1,
      addressVerification: { status: 'not-found' },
    });
  });

  it('still answers a stale If-Match with a version mismatch', async () => {
    // Prepare: a client's change, then a change from a client that read before it.
    const point = await newPoint('735999100000225451');
    await energy.supplyPoints.update(setup.se, point.id, point.version, { status: 'inactive' });

    // Act
    const stale = energy.supplyPoints.update(setup.se, point.id, point.version, { status: 'active' });

    // Assess
    await expect(stale).rejects.toBeInstanceOf(VersionMismatchError);
  });
});
