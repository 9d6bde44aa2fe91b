import { Logger } from '@aws-lambda-powertools/logger';
import { beforeAll, describe, expect, it } from 'vitest';
import { energyApi } from '#api/energy/energy-bindings';
import { createHttpHandler } from '#http/http-handler';
import { energyServices } from '#runtime/energy-services';
import { DynamoTenantDirectory } from '#table/core/tenant-directory';
import { answerOf, httpEvent, type TestRequest } from '../support/http-event';
import { freshTable, swedishTenant } from '../support/local-table';

/** Commands that change the table. */
const writes = /^(Put|Update|Delete|TransactWrite|BatchWrite)/;

describe('a PATCH that changes nothing', () => {
  const tenant = swedishTenant();
  const admin = { tenantId: tenant.id, userId: 'admin-1', roles: ['admin'] };
  const sent: string[] = [];
  let handler: ReturnType<typeof createHttpHandler>;

  beforeAll(async () => {
    const table = await freshTable((command) => sent.push(command));
    await new DynamoTenantDirectory(table).save(tenant);
    handler = createHttpHandler(energyApi(energyServices({ table })), new Logger({ logLevel: 'SILENT' }));
  });

  const call = async (routeKey: string, request: TestRequest) =>
    answerOf(await handler(httpEvent(routeKey, admin, request)));

  it('answers a territory as it is, with its ETag, and writes nothing', async () => {
    // Prepare
    const created = await call('POST /v1/territories', {
      body: { code: 'ELLEVIO', name: 'Ellevio', country: 'SE', commodity: 'electricity' },
    });
    const patch = (body: unknown) =>
      call('PATCH /v1/territories/{code}', {
        params: { code: 'ELLEVIO' },
        body,
        headers: { 'if-match': created.headers.etag as string },
      });
    sent.length = 0;

    // Act
    const empty = await patch({});
    const same = await patch({ name: 'Ellevio' });
    const writesSent = sent.filter((command) => writes.test(command));
    const renamed = await patch({ name: 'Ellevio AB' });
    const writesOfRename = sent.filter((command) => writes.test(command));

    // Assess
    expect(created.status).toBe(201);
    expect(empty).toMatchObject({ status: 200, headers: { etag: '"1"' }, body: created.body });
    expect(same).toMatchObject({ status: 200, headers: { etag: '"1"' }, body: created.body });
    expect(writesSent).toEqual([]);
    expect(renamed).toMatchObject({ status: 200, headers: { etag: '"2"' }, body: { name: 'Ellevio AB' } });
    expect(writesOfRename).not.toEqual([]);
  });
});
