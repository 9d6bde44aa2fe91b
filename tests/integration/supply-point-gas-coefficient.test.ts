import { Logger } from '@aws-lambda-powertools/logger';
import { beforeAll, describe, expect, it } from 'vitest';
import { energyApi } from '#api/energy/energy-bindings';
import { addressFingerprint } from '#domain/energy/supply-point';
import { UnprocessableError } from '#domain/errors';
import type { VerifiedAddress } from '#domain/geocoding/geocoder';
import { createHttpHandler } from '#http/http-handler';
import { energyServices } from '#runtime/energy-services';
import { answerOf, httpEvent, type TestRequest } from '../support/http-event';
import { servicesWithTenants } from '../support/local-table';

const bratislava: VerifiedAddress = {
  label: 'Hviezdoslavova 9, 811 02 Bratislava - Staré Mesto, Slovensko',
  street: 'Hviezdoslavova',
  houseNumber: '9',
  postcode: '811 02',
  municipality: 'Bratislava - Staré Mesto',
  country: 'SK',
  latitude: '48.1405942',
  longitude: '17.1093286',
};

/** A Slovak gas supply point of `accountId`, 1 000 m³ a year, without an altitude. */
const gasPoint = (accountId: string, identifier: string, city: string) => ({
  identifier,
  commodity: 'gas' as const,
  country: 'SK',
  accountId,
  territoryCode: 'SPPD',
  customerType: 'B2C' as const,
  annualConsumptionM3: 1_000,
  address: { street: 'Hlavná', houseNumber: '41', postcode: '040 01', city, country: 'SK' },
});

describe('the gas coefficient of a supply point, from its municipality', () => {
  let setup: Awaited<ReturnType<typeof servicesWithTenants>>;
  let energy: ReturnType<typeof energyServices>;
  let accountId: string;
  let send: (routeKey: string, request?: TestRequest) => Promise<ReturnType<typeof answerOf>>;

  beforeAll(async () => {
    setup = await servicesWithTenants();
    energy = energyServices({ table: setup.table });
    const { sk } = setup;
    await energy.referenceData.createTerritory(sk, {
      code: 'SPPD',
      name: 'SPP - distribúcia',
      country: 'SK',
      commodity: 'gas',
    });
    await energy.referenceData.saveGasConversion(sk, {
      grossCalorificValue: '10.555',
      coefficients: {
        byAltitude: [{ maxAltitudeMeters: 300, coefficient: '0.9820' }],
        byMunicipality: { Košice: '0.9962', 'Bratislava - Staré Mesto': '0.9951' },
      },
    });
    accountId = (await setup.services.accounts.create(sk, { name: 'Rodina Nová', customerType: 'B2C' })).value
      .id;
    const handler = createHttpHandler(energyApi(energy), new Logger({ logLevel: 'SILENT' }));
    send = async (routeKey, request) =>
      answerOf(
        await handler(
          httpEvent(routeKey, { tenantId: sk.tenantId, userId: 'sk-admin', roles: ['admin'] }, request),
        ),
      );
  });

  it('creates a gas supply point without an altitude in a municipality with its own coefficient', async () => {
    // Act
    const created = await send('POST /v1/supply-points', {
      body: gasPoint(accountId, '24ZSPP765432100V', 'Košice'),
    });

    // Assess: 1 000 m³ × 0.9962 × 10.555 = 10 514.891 → 10 515 kWh
    expect(created.status).toBe(201);
    expect(created.body.derived.gas).toEqual({
      coefficient: '0.9962',
      calorificValueKwhPerM3: '10.555',
      annualKwh: 10_515,
      annualM3: 1_000,
    });
  });

  it('refuses one whose municipality has no coefficient and no altitude: 422 naming altitudeMeters, nothing written', async () => {
    // Act
    const refused = await send('POST /v1/supply-points', {
      body: gasPoint(accountId, '24ZSPP765432101T', 'Prešov'),
    });
    const points = await energy.supplyPoints.ofAccount(setup.sk, accountId, { limit: 10 });

    // Assess
    expect(refused.status).toBe(422);
    expect(refused.headers['content-type']).toBe('application/problem+json');
    expect(refused.body.type).toBe('urn:gridline:problem:unprocessable');
    expect(refused.body['invalid-params']).toEqual([
      {
        name: 'altitudeMeters',
        reason:
          'is needed: the gas conversion table has no coefficient of its own for the municipality Prešov',
      },
    ]);
    expect(points.items.map((p) => p.identifier)).not.toContain('24ZSPP765432101T');
  });

  it("derives again from the verified address's municipality, which then needs no altitude", async () => {
    // Prepare: Bratislava itself is not listed, so the altitude gives the coefficient at first.
    const created = await energy.supplyPoints.create(setup.sk, {
      ...gasPoint(accountId, '24ZSPP765432102R', 'Bratislava'),
      altitudeMeters: 140,
    });
    const point = created.value;

    // Act: the geocoder verifies the address in Bratislava - Staré Mesto, which has its own coefficient…
    await energy.supplyPoints.recordVerification(
      setup.sk.tenantId,
      point.id,
      addressFingerprint(point.address),
      {
        status: 'verified',
        address: bratislava,
      },
    );
    const verified = await energy.supplyPoints.get(setup.sk, point.id);
    // …so the altitude can go.
    const withoutAltitude = await send('PATCH /v1/supply-points/{supplyPointId}', {
      params: { supplyPointId: point.id },
      headers: { 'if-match': `"${verified.version}"` },
      body: { altitudeMeters: null },
    });

    // Assess
    expect(point.derived.gas?.coefficient).toBe('0.9820');
    expect(verified.derived.gas?.coefficient).toBe('0.9951');
    expect(withoutAltitude.status).toBe(200);
    expect(withoutAltitude.body.altitudeMeters).toBeUndefined();
    expect(withoutAltitude.body.derived.gas.coefficient).toBe('0.9951');
  });

  it('refuses through the service with an UnprocessableError', async () => {
    // Act
    const refused = energy.supplyPoints.create(setup.sk, gasPoint(accountId, '24ZSPP765432103P', 'Žilina'));

    // Assess
    await expect(refused).rejects.toBeInstanceOf(UnprocessableError);
  });
});
