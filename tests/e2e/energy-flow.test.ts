import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../lib/local/runtime';
import { clientFor, startTestRuntime } from '../support/runtime';

describe('energy domain, end to end', () => {
  let runtime: LocalRuntime;
  let slovakia: ReturnType<typeof clientFor>;
  let sweden: ReturnType<typeof clientFor>;

  beforeAll(async () => {
    runtime = await startTestRuntime();
    sweden = clientFor(runtime, runtime.tenants[0]?.adminToken as string);
    slovakia = clientFor(runtime, runtime.tenants[1]?.adminToken as string);
  });
  afterAll(() => runtime.stop());

  const gasPoint = (accountId: string, identifier: string) => ({
    identifier,
    commodity: 'gas',
    country: 'SK',
    accountId,
    territoryCode: 'SPPD',
    customerType: 'B2B',
    annualConsumptionM3: 5_200,
    altitudeMeters: 250,
    address: { street: 'Hlavná', houseNumber: '12', postcode: '080 01', city: 'Prešov', country: 'SK' },
    currentTariff: { unitPricePerMwhMinor: 6_400, monthlyFeeMinor: 1_290, currency: 'EUR' },
  });

  it('creates a gas supply point, verifies its address in the background, derives band and conversion, prices it', async () => {
    // Prepare: an account, and a product priced for the seeded SPP-distribúcia territory.
    const account = await slovakia.post('/v1/accounts', {
      name: 'Cukráreň Prešov s.r.o.',
      customerType: 'B2B',
      email: 'fakturacia@cukraren.example',
    });
    const product = await slovakia.post('/v1/products', {
      name: 'Plyn Fix 2027',
      code: 'GAS-FIX-27',
      commodity: 'gas',
      currency: 'EUR',
    });
    const published = await slovakia.post(`/v1/products/${product.body.id}/price-lists`, {
      validFrom: '2027-01-01',
      prices: [{ territoryCode: 'SPPD', bandCode: 'M4', unitPricePerMwhMinor: 5_890, monthlyFeeMinor: 990 }],
    });

    // Act
    const created = await slovakia.post('/v1/supply-points', gasPoint(account.body.id, '24ZSPP765432100V'));
    await runtime.settled();
    const read = await slovakia.get(`/v1/supply-points/${created.body.id}`);
    const price = await slovakia.get(
      `/v1/supply-points/${created.body.id}/price?productId=${product.body.id}&date=2027-03-01`,
    );
    const savings = await slovakia.get(
      `/v1/supply-points/${created.body.id}/savings?productId=${product.body.id}&date=2027-03-01`,
    );
    const ofAccount = await slovakia.get(`/v1/accounts/${account.body.id}/supply-points`);

    // Assess
    expect(published.status).toBe(201);
    expect(created.status).toBe(201);
    expect(created.body.addressVerification.status).toBe('pending');
    expect(read.body.addressVerification).toMatchObject({
      status: 'verified',
      address: { street: 'Hlavná', houseNumber: '12', municipality: 'Prešov' },
    });
    expect(read.body.addressVerification.address.latitude).toMatch(/^\d+\.\d+$/);
    // 5 200 m³ × 0.9820 (201–300 m) × 10.555 kWh/m³ = 53 898.062 → 53 898 kWh, band M4 (42 761–69 485 kWh).
    expect(read.body.derived).toEqual({
      band: { code: 'M4', label: expect.any(String) },
      gas: { coefficient: '0.9820', calorificValueKwhPerM3: '10.555', annualKwh: 53_898, annualM3: 5_200 },
    });
    expect(read.body.billing).toEqual({
      accountName: 'Cukráreň Prešov s.r.o.',
      email: 'fakturacia@cukraren.example',
    });
    expect(price.body).toMatchObject({
      bandCode: 'M4',
      price: { unitPricePerMwhMinor: 5_890, priceListVersion: 1 },
    });
    // current: round(6 400 × 53 898 / 1 000) + 1 290 × 12 = 344 947 + 15 480 = 360 427
    // offered: round(5 890 × 53 898 / 1 000) + 990 × 12 = 317 459 + 11 880 = 329 339
    expect(savings.body.savings).toEqual({
      currency: 'EUR',
      currentAnnualCost: 360_427,
      offeredAnnualCost: 329_339,
      saving: 31_088,
      savingBasisPoints: 863,
    });
    expect(ofAccount.body.items.map((s: { id: string }) => s.id)).toEqual([created.body.id]);
  });

  it('takes a change with the create’s ETag after the address check and the billing sync wrote the supply point', async () => {
    // Prepare: a supply point, a new billing e-mail on its account, and the background work done.
    const account = await slovakia.post('/v1/accounts', {
      name: 'Pekáreň Hlavná s.r.o.',
      customerType: 'B2B',
      email: 'stara@pekaren.example',
    });
    const created = await slovakia.post('/v1/supply-points', gasPoint(account.body.id, '24ZSPP765432103P'));
    const billing = await slovakia.patch(
      `/v1/accounts/${account.body.id}`,
      { email: 'nova@pekaren.example' },
      { 'if-match': account.headers.get('etag') as string },
    );
    await runtime.settled();

    // Act
    const changed = await slovakia.patch(
      `/v1/supply-points/${created.body.id}`,
      { annualConsumptionM3: 6_000 },
      { 'if-match': created.headers.get('etag') as string },
    );
    const read = await slovakia.get(`/v1/supply-points/${created.body.id}`);

    // Assess
    expect(billing.status).toBe(200);
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).toBe(`"${created.body.version + 1}"`);
    expect(changed.body.addressVerification.status).toBe('verified');
    expect(read.headers.get('etag')).toBe(changed.headers.get('etag'));
    expect(read.body).toMatchObject({
      annualConsumptionM3: 6_000,
      addressVerification: { status: 'verified' },
      billing: { email: 'nova@pekaren.example' },
    });
  });

  it('marks an unknown address as not found, never as verified', async () => {
    const account = await slovakia.post('/v1/accounts', {
      name: 'Neznáma adresa s.r.o.',
      customerType: 'B2B',
    });
    const created = await slovakia.post('/v1/supply-points', {
      ...gasPoint(account.body.id, '24ZSPP765432101T'),
      address: { street: 'Vymyslená', houseNumber: '99', postcode: '999 99', city: 'Nikde', country: 'SK' },
    });

    await runtime.settled();
    const read = await slovakia.get(`/v1/supply-points/${created.body.id}`);

    expect(read.body.addressVerification.status).toBe('not-found');
    expect(read.body.addressVerification.address).toBeUndefined();
  });

  it('refuses bad identifiers, IBANs, territories and consumption, naming the field and writing nothing', async () => {
    // Prepare
    const account = await slovakia.post('/v1/accounts', { name: 'Chybné údaje s.r.o.', customerType: 'B2B' });
    const good = gasPoint(account.body.id, '24ZSPP765432102R');

    // Act
    const badCheck = await slovakia.post('/v1/supply-points', { ...good, identifier: '24ZSPP765432102S' });
    const badIban = await slovakia.post('/v1/supply-points', {
      ...good,
      payment: { method: 'direct-debit', iban: 'SK3112000000198742637542' },
    });
    const unknownTerritory = await slovakia.post('/v1/supply-points', { ...good, territoryCode: 'NOWHERE' });
    const negative = await slovakia.post('/v1/supply-points', { ...good, annualConsumptionM3: -5 });
    const list = await slovakia.get(`/v1/accounts/${account.body.id}/supply-points`);

    // Assess
    const fields = (r: { body: { 'invalid-params': { name: string }[] } }) =>
      r.body['invalid-params'].map((f) => f.name);
    expect(badCheck.status).toBe(400);
    expect(fields(badCheck)).toEqual(['identifier']);
    expect(fields(badIban)).toEqual(['payment.iban']);
    expect(fields(unknownTerritory)).toEqual(['territoryCode']);
    expect(fields(negative)).toEqual(['annualConsumptionM3']);
    expect(list.body.items).toEqual([]);
  });

  it('keeps one supply point per identifier in a tenant', async () => {
    const account = await slovakia.post('/v1/accounts', { name: 'Duplikát s.r.o.', customerType: 'B2B' });
    const seeded = '24ZSS61348520004';

    const duplicate = await slovakia.post('/v1/supply-points', {
      ...gasPoint(account.body.id, seeded),
      commodity: 'electricity',
      territoryCode: 'ZSD',
      annualConsumptionM3: undefined,
      altitudeMeters: undefined,
      annualConsumptionKwh: 1_000,
    });

    expect(duplicate.status).toBe(409);
    expect(duplicate.body.type).toBe('urn:gridline:problem:supply-point-id-taken');
    expect(duplicate.body['invalid-params'][0].name).toBe('identifier');
  });

  it('keeps billing data in step between an account and its supply points', async () => {
    // Prepare: a seeded Swedish supply point and its account.
    const accounts = await sweden.get('/v1/accounts?q=bageri');
    const account = accounts.body.items[0];
    const points = await sweden.get(`/v1/accounts/${account.id}/supply-points`);
    const point = points.body.items[0];

    // Act: billing e-mail changed from the supply point side…
    const fromPoint = await sweden.patch(
      `/v1/supply-points/${point.id}/billing`,
      { email: 'faktura@solrosen.example' },
      { 'if-match': `"${account.version}"` },
    );
    await runtime.settled();
    const afterPoint = await sweden.get(`/v1/supply-points/${point.id}`);
    // …and the name changed on the account side.
    const renamed = await sweden.patch(
      `/v1/accounts/${account.id}`,
      { name: 'Bageri Solrosen & Co AB' },
      { 'if-match': fromPoint.headers.get('etag') as string },
    );
    await runtime.settled();
    const afterAccount = await sweden.get(`/v1/supply-points/${point.id}`);

    // Assess
    expect(fromPoint.status).toBe(200);
    expect(fromPoint.body.email).toBe('faktura@solrosen.example');
    expect(afterPoint.body.billing.email).toBe('faktura@solrosen.example');
    expect(renamed.status).toBe(200);
    expect(afterAccount.body.billing.accountName).toBe('Bageri Solrosen & Co AB');
  });

  it('walks a supplier switch through its states, with readings and the open-journeys list', async () => {
    // Prepare: the seeded Slovak school and its electricity supply point.
    const accounts = await slovakia.get('/v1/accounts?q=zakladna');
    const account = accounts.body.items[0];
    const point = (await slovakia.get(`/v1/accounts/${account.id}/supply-points`)).body.items[0];
    const step = (journey: { id: string }, etag: string, body: object) =>
      slovakia.post(`/v1/journeys/${journey.id}/transitions`, body, { 'if-match': etag });

    // Act
    const opened = await slovakia.post('/v1/journeys', { type: 'supplier-switch', supplyPointId: point.id });
    const illegal = await step(opened.body, opened.headers.get('etag') as string, { action: 'confirm' });
    const submitted = await step(opened.body, opened.headers.get('etag') as string, {
      action: 'submit',
      effectiveDate: '2027-01-01',
    });
    const confirmed = await step(opened.body, submitted.headers.get('etag') as string, { action: 'confirm' });
    const openBefore = await slovakia.get(`/v1/accounts/${account.id}/journeys?state=open`);
    const effective = await step(opened.body, confirmed.headers.get('etag') as string, {
      action: 'make-effective',
      openingReading: { register: '1.8.0', date: '2027-01-01', value: 48_210, kind: 'actual' },
    });
    const openAfter = await slovakia.get(`/v1/accounts/${account.id}/journeys?state=open`);
    const later = await slovakia.post(`/v1/supply-points/${point.id}/readings`, {
      register: '1.8.0',
      date: '2027-02-01',
      value: 55_400,
      kind: 'actual',
    });
    const backwards = await slovakia.post(`/v1/supply-points/${point.id}/readings`, {
      register: '1.8.0',
      date: '2027-03-01',
      value: 50_000,
      kind: 'actual',
    });
    const consumption = await slovakia.get(`/v1/supply-points/${point.id}/consumption?register=1.8.0`);

    // Assess
    expect(opened.status).toBe(201);
    expect(opened.body.state).toBe('requested');
    expect(illegal.status).toBe(409);
    expect(illegal.body.detail).toContain('requested');
    expect([submitted.body.state, confirmed.body.state, effective.body.state]).toEqual([
      'submitted',
      'confirmed',
      'effective',
    ]);
    expect(openBefore.body.items.map((j: { id: string }) => j.id)).toEqual([opened.body.id]);
    expect(openAfter.body.items).toEqual([]);
    expect(later.status).toBe(201);
    expect(backwards.status).toBe(400);
    expect(backwards.body['invalid-params'][0].name).toBe('value');
    expect(consumption.body.periods).toMatchObject([
      { fromDate: '2027-01-01', toDate: '2027-02-01', consumption: 7_190 },
    ]);
  });

  it('answers another tenant’s supply point as not found', async () => {
    const accounts = await sweden.get('/v1/accounts?q=bageri');
    const points = await sweden.get(`/v1/accounts/${accounts.body.items[0].id}/supply-points`);

    const foreign = await slovakia.get(`/v1/supply-points/${points.body.items[0].id}`);

    expect(foreign.status).toBe(404);
  });
});
