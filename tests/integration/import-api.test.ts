import { Logger } from '@aws-lambda-powertools/logger';
import { Validator } from '@seriousme/openapi-schema-validator';
import { beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument } from '#api/docs/openapi';
import { importApi } from '#api/import/import-bindings';
import { importRoutes } from '#api/import/import-routes';
import { createHttpHandler } from '#http/http-handler';
import { answerOf, httpEvent, type TestCaller, type TestRequest } from '../support/http-event';
import { type ImportSetup, importSetup } from './import-support';

interface Request extends Pick<TestRequest, 'body' | 'headers'> {
  readonly caller?: TestCaller;
  readonly importId?: string;
}

describe('the import routes', () => {
  let setup: ImportSetup;
  let handler: ReturnType<typeof createHttpHandler>;
  const callerIn = (roles: string[], tenantId = setup.tenant.id): TestCaller => ({
    userId: 'importer',
    tenantId,
    roles,
  });

  beforeAll(async () => {
    setup = await importSetup();
    handler = createHttpHandler(importApi(setup.services), new Logger({ logLevel: 'SILENT' }));
  });

  async function call(
    routeKey: string,
    { caller = callerIn(['sales']), importId, ...request }: Request = {},
  ) {
    const params = importId ? { importId } : undefined;
    return answerOf(await handler(httpEvent(routeKey, caller, { ...request, params })));
  }

  const announce = (extra: Partial<Request> = {}) =>
    call('POST /v1/imports', {
      body: { kind: 'accounts-and-contacts', fileName: 'kunder.csv', size: 2048 },
      ...extra,
    });

  it('announces a file and answers where to upload it', async () => {
    // Act
    const response = await announce();

    // Assess
    expect(response.status).toBe(201);
    expect(response.headers.etag).toBe('"1"');
    expect(response.body.import).toMatchObject({
      state: 'awaiting-upload',
      fileName: 'kunder.csv',
      size: 2048,
    });
    expect(response.body.upload).toMatchObject({ method: 'PUT', headers: { 'content-type': 'text/csv' } });
    expect(response.body.upload.url).toContain(
      `${setup.tenant.id}/imports/${response.body.import.id}/source.csv`,
    );
    expect(Date.parse(response.body.upload.expiresAt)).toBeGreaterThan(Date.now());
  });

  it('answers a retried announcement with the first import', async () => {
    // Prepare
    const headers = { 'idempotency-key': `import-${setup.tenant.id}` };
    const first = await announce({ headers });

    // Act
    const retry = await announce({ headers });

    // Assess
    expect(retry.status).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body.import.id).toBe(first.body.import.id);
  });

  it('refuses files over 200 MB, naming the size', async () => {
    // Act
    const response = await call('POST /v1/imports', {
      body: { kind: 'accounts-and-contacts', fileName: 'all.csv', size: 200 * 1024 * 1024 + 1 },
    });

    // Assess
    expect(response.status).toBe(400);
    expect(response.body['invalid-params'].map((p: { name: string }) => p.name)).toEqual(['size']);
  });

  it('lets viewers read but not import', async () => {
    // Prepare
    const { body } = await announce();

    // Act
    const write = await announce({ caller: callerIn(['viewer']) });
    const read = await call('GET /v1/imports/{importId}', {
      importId: body.import.id,
      caller: callerIn(['viewer']),
    });

    // Assess
    expect(write.status).toBe(403);
    expect(read.status).toBe(200);
  });

  it('needs If-Match to change the mapping, and checks it field by field', async () => {
    // Prepare
    const { body, headers } = await announce();
    const importId = body.import.id;
    const mapping = {
      columns: { Namn: 'account.name', Hemsida: 'account.homepage' },
      options: { encoding: 'utf-8' },
    };

    // Act
    const withoutVersion = await call('PUT /v1/imports/{importId}/mapping', {
      importId,
      body: { ...mapping, columns: { Namn: 'account.name' } },
    });
    const badField = await call('PUT /v1/imports/{importId}/mapping', {
      importId,
      body: mapping,
      headers: { 'if-match': headers.etag as string },
    });
    const noName = await call('PUT /v1/imports/{importId}/mapping', {
      importId,
      body: { columns: { Ort: 'account.city' }, options: { encoding: 'windows-1250' } },
      headers: { 'if-match': headers.etag as string },
    });

    // Assess
    expect(withoutVersion.status).toBe(428);
    expect(badField.status).toBe(400);
    expect(badField.body['invalid-params'].map((p: { name: string }) => p.name)).toEqual(['columns.Hemsida']);
    expect(noName.status).toBe(400);
    expect(noName.body['invalid-params']).toEqual([
      { name: 'columns', reason: 'map a column to account.name' },
    ]);
  });

  it('answers the same mapping again with the import as it is, at the same version', async () => {
    // Prepare
    const { body, headers } = await announce();
    const importId = body.import.id;
    const mapping = { columns: { Namn: 'account.name' }, options: { encoding: 'utf-8' } };
    const first = await call('PUT /v1/imports/{importId}/mapping', {
      importId,
      body: mapping,
      headers: { 'if-match': headers.etag as string },
    });

    // Act
    const again = await call('PUT /v1/imports/{importId}/mapping', {
      importId,
      body: mapping,
      headers: { 'if-match': first.headers.etag as string },
    });

    // Assess
    expect(first.status).toBe(200);
    expect(again).toMatchObject({ status: 200, headers: { etag: first.headers.etag }, body: first.body });
  });

  it('queues a run once the file is there, and refuses a second while it is queued', async () => {
    // Prepare
    const importId = await setup.upload('Namn\nBageri AB\n', {
      columns: { Namn: 'account.name' },
      options: { delimiter: 'auto', encoding: 'utf-8', defaultCustomerType: 'B2B' },
    });

    // Act
    const run = await call('POST /v1/imports/{importId}/run', { importId });
    const again = await call('POST /v1/imports/{importId}/dry-run', { importId });

    // Assess
    expect(run.status).toBe(202);
    expect(run.body).toMatchObject({ state: 'queued', mode: 'run', rowsDone: 0 });
    expect(again.status).toBe(409);
  });

  it('hands out no new upload URL for a replayed announcement once the import is under way', async () => {
    // Prepare: an import announced with a key, uploaded, mapped and queued.
    const csv = 'Namn\nBageri AB\n';
    const token = { operationId: 'createImport', key: `replay-${setup.tenant.id}`, requestHash: 'h' };
    const importId = await setup.upload(
      csv,
      {
        columns: { Namn: 'account.name' },
        options: { delimiter: 'auto', encoding: 'utf-8', defaultCustomerType: 'B2B' },
      },
      'kunder.csv',
      token,
    );
    await call('POST /v1/imports/{importId}/run', { importId });

    // Act: the same announcement again, which would let another file of the same size in.
    const replay = setup.services.imports.create(
      setup.actor,
      { kind: 'accounts-and-contacts', fileName: 'kunder.csv', size: Buffer.byteLength(csv) },
      token,
    );

    // Assess
    await expect(replay).rejects.toMatchObject({ fields: [{ name: 'Idempotency-Key' }] });
  });

  it('refuses to run before the file is uploaded', async () => {
    // Prepare
    const { body, headers } = await announce();
    const importId = body.import.id;
    await call('PUT /v1/imports/{importId}/mapping', {
      importId,
      body: { columns: { Namn: 'account.name' }, options: { encoding: 'utf-8' } },
      headers: { 'if-match': headers.etag as string },
    });

    // Act
    const response = await call('POST /v1/imports/{importId}/dry-run', { importId });

    // Assess
    expect(response.status).toBe(409);
    expect(response.body['invalid-params']).toEqual([{ name: 'file', reason: 'is not uploaded' }]);
  });

  it('answers another tenant’s import as not found', async () => {
    // Prepare
    const { body } = await announce();

    // Act
    const response = await call('GET /v1/imports/{importId}', {
      importId: body.import.id,
      caller: callerIn(['admin'], 'another-tenant'),
    });

    // Assess
    expect(response.status).toBe(404);
  });
});

describe('the import routes in the OpenAPI document', () => {
  it('make a valid OpenAPI 3.1 document', async () => {
    // Prepare
    const doc = JSON.parse(JSON.stringify(openApiDocument(Object.values(importRoutes))));

    // Act
    const result = await new Validator().validate(doc);

    // Assess
    expect(result).toEqual({ valid: true });
    expect(Object.keys(doc.paths)).toEqual([
      '/v1/imports',
      '/v1/imports/{importId}',
      '/v1/imports/{importId}/mapping',
      '/v1/imports/{importId}/dry-run',
      '/v1/imports/{importId}/run',
    ]);
  });
});
