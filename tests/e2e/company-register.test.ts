import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../lib/local/runtime';
import { clientFor, startTestRuntime } from '../support/runtime';

describe('company register enrichment, end to end', () => {
  let runtime: LocalRuntime;
  let slovakia: ReturnType<typeof clientFor>;
  let sweden: ReturnType<typeof clientFor>;

  beforeAll(async () => {
    runtime = await startTestRuntime();
    sweden = clientFor(runtime, runtime.tenants[0]?.adminToken as string);
    slovakia = clientFor(runtime, runtime.tenants[1]?.adminToken as string);
  });
  afterAll(() => runtime.stop());

  it('looks a new Slovak account up in the register and applies the suggestion in one call', async () => {
    // Prepare: an account typed in by hand with a real-looking IČO.
    const created = await slovakia.post('/v1/accounts', {
      name: 'Mliekareň Liptov',
      orgNumber: '4718 3527',
      customerType: 'B2B',
    });
    await runtime.settled();

    // Act: read the suggestion, then apply it at the version the client holds.
    const suggestion = await slovakia.get(`/v1/accounts/${created.body.id}/register-suggestion`);
    const applied = await slovakia.post(
      `/v1/accounts/${created.body.id}/register-suggestion/apply`,
      { fields: ['name', 'address', 'legalForm'] },
      { 'if-match': created.headers.get('etag') as string },
    );
    await runtime.settled();

    // Assess
    expect(suggestion.status).toBe(200);
    expect(suggestion.body).toMatchObject({
      status: 'found',
      orgNumber: '47183527',
      name: 'Liptovská mliekareň, s.r.o.',
      legalForm: 'Spoločnosť s ručením obmedzeným',
      address: { street: 'Priemyselná 2417/5', postcode: '03101', city: 'Liptovský Mikuláš', country: 'SK' },
      registeredOn: '2013-05-07',
      struckOff: false,
      statutoryBodies: [
        { name: 'Ing. Zuzana Hrubá', role: 'konateľ' },
        { name: 'Milan Beňo', role: 'konateľ' },
      ],
    });
    expect(applied.status).toBe(200);
    expect(applied.body).toMatchObject({
      name: 'Liptovská mliekareň, s.r.o.',
      legalForm: 'Spoločnosť s ručením obmedzeným',
      addresses: [{ kind: 'visiting', street: 'Priemyselná 2417/5', city: 'Liptovský Mikuláš' }],
      version: 2,
    });
    const history = await slovakia.get(`/v1/accounts/${created.body.id}/history`);
    const fields = history.body.items.flatMap((entry: { changes?: { field: string }[] }) =>
      (entry.changes ?? []).map((c) => c.field),
    );
    expect(fields).toEqual(expect.arrayContaining(['name', 'legalForm', 'addresses']));
  });

  it('flags a struck-off Swedish company on the account, keeping the ETag the client holds', async () => {
    const created = await sweden.post('/v1/accounts', {
      name: 'Kvarnbackens Snickeri',
      orgNumber: '556812-4092',
      customerType: 'B2B',
    });
    await runtime.settled();

    const account = await sweden.get(`/v1/accounts/${created.body.id}`);
    const changed = await sweden.patch(
      `/v1/accounts/${created.body.id}`,
      { email: 'info@kvarnbacken.example' },
      { 'if-match': created.headers.get('etag') as string },
    );

    expect(account.body.struckOff).toMatchObject({ on: '2022-11-30' });
    expect(account.headers.get('etag')).toBe(created.headers.get('etag'));
    expect(changed.status).toBe(200);
  });

  it('keeps "not found" as the answer, with nothing to apply', async () => {
    const created = await sweden.post('/v1/accounts', {
      name: 'Okänd AB',
      orgNumber: '559087-2155',
      customerType: 'B2B',
    });
    await runtime.settled();

    const suggestion = await sweden.get(`/v1/accounts/${created.body.id}/register-suggestion`);
    const applied = await sweden.post(
      `/v1/accounts/${created.body.id}/register-suggestion/apply`,
      { fields: ['name'] },
      { 'if-match': created.headers.get('etag') as string },
    );

    expect(suggestion.body).toMatchObject({ status: 'not-found', struckOff: false });
    expect(applied.status).toBe(409);
  });

  it('has looked the seeded demo accounts up', async () => {
    const accounts = await slovakia.get('/v1/accounts?q=pek');
    const bakery = accounts.body.items.find((a: { orgNumber?: string }) => a.orgNumber === '35763469');

    const suggestion = await slovakia.get(`/v1/accounts/${bakery.id}/register-suggestion`);

    expect(suggestion.body).toMatchObject({ status: 'found', name: 'Pekáreň u Jána, s.r.o.' });
  });
});
