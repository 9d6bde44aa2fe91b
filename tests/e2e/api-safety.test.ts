import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../lib/local/runtime';
import { callApi, clientFor, startTestRuntime, tokenFor } from '../support/runtime';

describe('API conventions and safety, end to end', () => {
  let runtime: LocalRuntime;
  let sweden: ReturnType<typeof clientFor>;
  let slovakia: ReturnType<typeof clientFor>;

  beforeAll(async () => {
    runtime = await startTestRuntime();
    sweden = clientFor(runtime, runtime.tenants[0]?.adminToken as string);
    slovakia = clientFor(runtime, runtime.tenants[1]?.adminToken as string);
  });
  afterAll(() => runtime.stop());

  it('answers another tenant’s account and contact as not found, for reads and writes', async () => {
    // Prepare
    const account = await sweden.post('/v1/accounts', { name: 'Hemlig AB', customerType: 'B2B' });
    const contact = await sweden.post('/v1/contacts', {
      firstName: 'Sara',
      lastName: 'Lund',
      accountId: account.body.id,
    });
    const a = `/v1/accounts/${account.body.id}`;
    const c = `/v1/contacts/${contact.body.id}`;

    // Act
    const answers = [
      await slovakia.get(a),
      await slovakia.get(`${a}/view`),
      await slovakia.get(`${a}/history`),
      await slovakia.get(`${a}/notes`),
      await slovakia.post(`${a}/notes`, { text: 'peek' }),
      await slovakia.patch(a, { name: 'Taken over' }, { 'if-match': '"1"' }),
      await slovakia.delete(a),
      await slovakia.get(c),
      await slovakia.patch(c, { lastName: 'X' }, { 'if-match': '"1"' }),
    ];

    // Assess
    expect(answers.map((r) => r.status)).toEqual([404, 404, 404, 404, 404, 404, 404, 404, 404]);
    expect((await sweden.get(a)).body.name).toBe('Hemlig AB');
  });

  it('sends an ETag and refuses an update based on a stale version with 412', async () => {
    // Prepare
    const created = await sweden.post('/v1/accounts', { name: 'Etag AB', customerType: 'B2B' });
    const etag = created.headers.get('etag') as string;
    const first = await sweden.patch(
      `/v1/accounts/${created.body.id}`,
      { name: 'Etag 2 AB' },
      { 'if-match': etag },
    );

    // Act
    const stale = await sweden.patch(
      `/v1/accounts/${created.body.id}`,
      { name: 'Etag 3 AB' },
      { 'if-match': etag },
    );
    const missing = await sweden.patch(`/v1/accounts/${created.body.id}`, { name: 'Etag 4 AB' });

    // Assess
    expect(etag).toBe('"1"');
    expect(first.headers.get('etag')).toBe('"2"');
    expect(stale.status).toBe(412);
    expect(stale.headers.get('content-type')).toBe('application/problem+json');
    expect(missing.status).toBe(428);
    expect((await sweden.get(`/v1/accounts/${created.body.id}`)).body.name).toBe('Etag 2 AB');
  });

  it('rejects bad bodies with 400 naming each field, and writes nothing', async () => {
    // Prepare
    const before = await sweden.get('/v1/accounts?q=Trasig&limit=100');

    // Act
    const schemaErrors = await sweden.post('/v1/accounts', {
      name: 'Trasig AB',
      customerType: 'household',
      extra: 1,
    });
    const domainErrors = await sweden.post('/v1/accounts', {
      name: 'Trasig AB',
      customerType: 'B2B',
      orgNumber: '556036-0794',
      phones: ['070-123 45 67', '12345'],
      email: 'not-an-address',
    });
    const notJson = await callApi(runtime, 'POST', '/v1/accounts', {
      token: runtime.tenants[0]?.adminToken,
      headers: { 'content-type': 'application/json' },
      rawBody: '{"name":',
    });

    // Assess
    expect(schemaErrors.status).toBe(400);
    expect(schemaErrors.body['invalid-params'].map((f: { name: string }) => f.name).sort()).toEqual([
      'customerType',
      'extra',
    ]);
    expect(domainErrors.status).toBe(400);
    expect(domainErrors.body['invalid-params'].map((f: { name: string }) => f.name)).toEqual([
      'orgNumber',
      'phones.1',
      'email',
    ]);
    expect(notJson.status).toBe(400);
    expect((await sweden.get('/v1/accounts?q=Trasig&limit=100')).body.items).toEqual(before.body.items);
  });

  it('refuses a duplicate organisation number with 409 naming the field', async () => {
    await sweden.post('/v1/accounts', { name: 'Unik AB', customerType: 'B2B', orgNumber: '556016-0680' });

    const duplicate = await sweden.post('/v1/accounts', {
      name: 'Kopia AB',
      customerType: 'B2B',
      orgNumber: '5560160680',
    });

    expect(duplicate.status).toBe(409);
    expect(duplicate.body['invalid-params']).toEqual([
      { name: 'orgNumber', reason: 'another account of this tenant has this organisation number' },
    ]);
  });

  it('creates once per Idempotency-Key and answers a retry with the same result', async () => {
    // Prepare
    const body = { firstName: 'Idem', lastName: 'Potent', externalCustomerId: 'NE-IDEM-1' };
    const headers = { 'idempotency-key': 'crm-import-42' };

    // Act
    const first = await sweden.post('/v1/contacts', body, headers);
    const retry = await sweden.post('/v1/contacts', body, headers);
    const otherBody = await sweden.post('/v1/contacts', { ...body, lastName: 'Other' }, headers);

    // Assess
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(otherBody.status).toBe(422);
    const listed = await sweden.get('/v1/contacts?q=potent');
    expect(listed.body.items.map((c: { id: string }) => c.id)).toEqual([first.body.id]);
  });

  it('refuses an Idempotency-Key reused on another path or by another user with 422, and adds nothing', async () => {
    // Prepare
    const a = await sweden.post('/v1/accounts', { name: 'Nyckel A AB', customerType: 'B2B' });
    const b = await sweden.post('/v1/accounts', { name: 'Nyckel B AB', customerType: 'B2B' });
    const sales = clientFor(runtime, await tokenFor(runtime, 'norrsken', 'sales'));
    const headers = { 'idempotency-key': 'note-k1' };
    const first = await sweden.post(`/v1/accounts/${a.body.id}/notes`, { text: 'Called' }, headers);

    // Act
    const otherPath = await sweden.post(`/v1/accounts/${b.body.id}/notes`, { text: 'Called' }, headers);
    const otherUser = await sales.post(`/v1/accounts/${a.body.id}/notes`, { text: 'Called' }, headers);
    const retry = await sweden.post(`/v1/accounts/${a.body.id}/notes`, { text: 'Called' }, headers);

    // Assess
    expect(first.status).toBe(201);
    expect(otherPath.status).toBe(422);
    expect(otherPath.body['invalid-params']).toEqual([
      { name: 'Idempotency-Key', reason: expect.any(String) },
    ]);
    expect(otherUser.status).toBe(422);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect((await sweden.get(`/v1/accounts/${b.body.id}/notes`)).body.items).toEqual([]);
    expect((await sweden.get(`/v1/accounts/${a.body.id}/notes`)).body.items).toHaveLength(1);
  });

  it('refuses a contact linked to another tenant’s account, naming accountId, and creates nothing', async () => {
    // Prepare
    const foreign = await slovakia.post('/v1/accounts', { name: 'Cudzí s.r.o.', customerType: 'B2B' });

    // Act
    const attempt = await sweden.post('/v1/contacts', {
      firstName: 'Inkräktare',
      lastName: 'Utlandsson',
      accountId: foreign.body.id,
    });

    // Assess
    expect(foreign.status).toBe(201);
    expect(attempt.status).toBe(400);
    expect(attempt.body['invalid-params']).toEqual([{ name: 'accountId', reason: expect.any(String) }]);
    expect((await sweden.get('/v1/contacts?q=utlandsson')).body.items).toEqual([]);
    expect((await slovakia.get(`/v1/accounts/${foreign.body.id}/view`)).body.contacts).toEqual([]);
  });

  it('answers another tenant’s contact history, notes and delete as not found', async () => {
    // Prepare
    const contact = await sweden.post('/v1/contacts', { firstName: 'Dold', lastName: 'Kontakt' });
    const c = `/v1/contacts/${contact.body.id}`;

    // Act
    const answers = [
      await slovakia.get(`${c}/history`),
      await slovakia.get(`${c}/notes`),
      await slovakia.post(`${c}/notes`, { text: 'peek' }),
      await slovakia.delete(c),
      await slovakia.delete(c, { 'if-match': '"1"' }),
    ];

    // Assess
    expect(answers.map((r) => r.status)).toEqual([404, 404, 404, 404, 404]);
    expect((await sweden.get(c)).status).toBe(200);
    expect((await sweden.get(`${c}/notes`)).body.items).toEqual([]);
  });

  it('lets a viewer read but not write, and wants a valid token', async () => {
    const viewer = clientFor(runtime, await tokenFor(runtime, 'norrsken', 'viewer'));
    const forged = clientFor(runtime, `${runtime.tenants[0]?.adminToken.slice(0, -4)}AAAA`);

    const read = await viewer.get('/v1/accounts');
    const write = await viewer.post('/v1/accounts', { name: 'Viewer AB', customerType: 'B2B' });
    const noToken = await callApi(runtime, 'GET', '/v1/accounts');

    expect(read.status).toBe(200);
    expect(write.status).toBe(403);
    expect(write.body.type).toBe('urn:gridline:problem:forbidden');
    expect((await forged.get('/v1/accounts')).status).toBe(401);
    expect(noToken.status).toBe(401);
  });

  it('soft-deletes an account: gone from reads, lists and identification', async () => {
    // Prepare
    const account = await sweden.post('/v1/accounts', {
      name: 'Borttagen AB',
      customerType: 'B2B',
      phones: ['031-712 00 00'],
    });
    expect((await sweden.get('/v1/identify?phone=031-7120000')).status).toBe(200);

    // Act
    const deleted = await sweden.delete(`/v1/accounts/${account.body.id}`, { 'if-match': '"1"' });

    // Assess
    expect(deleted.status).toBe(204);
    expect((await sweden.get(`/v1/accounts/${account.body.id}`)).status).toBe(404);
    expect((await sweden.get('/v1/accounts?q=Borttagen')).body.items).toEqual([]);
    expect((await sweden.get('/v1/identify?phone=031-7120000')).status).toBe(404);
  });

  it('serves a valid OpenAPI 3.1 document covering every route', async () => {
    const { Validator } = await import('@seriousme/openapi-schema-validator');
    const { topology } = await import('../../lib/topology');

    const document = (await callApi(runtime, 'GET', '/openapi.json')).body as { paths: object };

    expect(await new Validator().validate(document as never)).toEqual({ valid: true });
    const documented = Object.entries(document.paths).flatMap(([p, item]) =>
      Object.keys(item as object).map((m) => `${m.toUpperCase()} ${p}`),
    );
    const routes = topology.functions.flatMap((f) =>
      f.trigger.kind === 'http' ? f.trigger.routes.map((r) => `${r.method} ${r.path}`) : [],
    );
    expect(documented.sort()).toEqual(routes.sort());
  });

  it('serves the API reference page and every file it loads, from the API itself', async () => {
    // Prepare
    const typeOf = (file: string) =>
      ({ css: 'text/css', js: 'text/javascript', json: 'application/json' })[file.split('.').pop() as string];

    // Act
    const page = await callApi(runtime, 'GET', '/docs');
    const loaded = [...(page.body as string).matchAll(/(?:href|src)="([^"]+)"/g)]
      .map((match) => match[1] as string)
      .filter((ref) => !ref.startsWith('data:'));
    const files = await Promise.all(loaded.map((ref) => callApi(runtime, 'GET', ref)));

    // Assess
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect([...loaded].sort()).toEqual([
      '/docs/docs.js',
      '/docs/swagger-ui-bundle.js',
      '/docs/swagger-ui.css',
      '/openapi.json',
    ]);
    for (const [i, file] of files.entries()) {
      expect(file.status, loaded[i]).toBe(200);
      expect(file.headers.get('content-type')?.split(';')[0], loaded[i]).toBe(typeOf(loaded[i] as string));
    }
    const setup = files[loaded.indexOf('/docs/docs.js')]?.body as string;
    expect(setup).toContain("url: '/openapi.json'");
    expect(setup).toContain('persistAuthorization: true');
  });

  it('answers an over-long cursor, however it is written, with a 400 problem naming cursor', async () => {
    // Act
    const answers = await Promise.all(
      ['a', 'é', '€'].map((c) => sweden.get(`/v1/accounts?cursor=${encodeURIComponent(c.repeat(5000))}`)),
    );

    // Assess
    for (const answer of answers) {
      expect(answer.status).toBe(400);
      expect(answer.headers.get('content-type')).toBe('application/problem+json');
      expect(answer.body['invalid-params']).toEqual([{ name: 'cursor', reason: expect.any(String) }]);
    }
  });

  it('answers a path parameter with broken percent-encoding with a 400 problem naming it', async () => {
    // Act
    const answer = await sweden.post('/v1/webhooks/leads/%C0', { name: 'x' });

    // Assess
    expect(answer.status).toBe(400);
    expect(answer.headers.get('content-type')).toBe('application/problem+json');
    expect(answer.body['invalid-params']).toEqual([
      { name: 'sourceId', reason: 'is not valid percent-encoded UTF-8' },
    ]);
  });

  it('refuses a lone surrogate and a bidi override in a name with a 400 naming the field, and writes nothing', async () => {
    // Act
    const surrogate = await sweden.post('/v1/accounts', { name: 'Surrogat\ud800 AB', customerType: 'B2B' });
    const override = await sweden.post('/v1/contacts', { firstName: 'Anna', lastName: 'Riktning\u202Egnp' });

    // Assess
    expect(surrogate.status).toBe(400);
    expect(surrogate.headers.get('content-type')).toBe('application/problem+json');
    expect(surrogate.body['invalid-params']).toEqual([
      { name: 'name', reason: 'contains a lone surrogate (U+D800): not valid Unicode text' },
    ]);
    expect(override.status).toBe(400);
    expect(override.body['invalid-params']).toEqual([
      { name: 'lastName', reason: 'contains U+202E, a bidirectional control character' },
    ]);
    expect((await sweden.get('/v1/accounts?q=Surrogat')).body.items).toEqual([]);
    expect((await sweden.get('/v1/contacts?q=Riktning')).body.items).toEqual([]);
  });

  it('refuses a body that is not UTF-8 with a 400 problem, instead of storing U+FFFD', async () => {
    // Prepare
    const latin1 = Buffer.concat([
      Buffer.from('{"name":"Kodsida '),
      Buffer.from([0xe5, 0xe4, 0xf6]),
      Buffer.from(' AB","customerType":"B2B"}'),
    ]);

    // Act
    const answer = await fetch(`${runtime.apiUrl}/v1/accounts`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${runtime.tenants[0]?.adminToken}`,
        'content-type': 'application/json',
      },
      body: latin1,
    });

    // Assess
    expect(answer.status).toBe(400);
    expect(answer.headers.get('content-type')).toBe('application/problem+json');
    expect(await answer.json()).toMatchObject({
      type: 'urn:gridline:problem:malformed-body',
      'invalid-params': [{ name: 'body', reason: 'not valid UTF-8' }],
    });
    expect((await sweden.get('/v1/accounts?q=Kodsida')).body.items).toEqual([]);
  });

  it('stores a name sent decomposed (NFD) composed (NFC), and finds it either way', async () => {
    // Prepare
    const decomposed = 'Lo\u0301pez Dvor\u030ca\u0301k AB';

    // Act
    const created = await sweden.post('/v1/accounts', { name: `  ${decomposed} `, customerType: 'B2B' });

    // Assess
    expect(created.status).toBe(201);
    expect(created.body.name).toBe('L\u00f3pez Dvo\u0159\u00e1k AB');
    expect((await sweden.get(`/v1/accounts/${created.body.id}`)).body.name).toBe(
      'L\u00f3pez Dvo\u0159\u00e1k AB',
    );
    const found = await sweden.get(`/v1/accounts?q=${encodeURIComponent('Lo\u0301pez')}`);
    expect(found.body.items.map((a: { id: string }) => a.id)).toEqual([created.body.id]);
  });
});
