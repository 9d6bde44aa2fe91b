import { Logger } from '@aws-lambda-powertools/logger';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { accountsApi } from '#api/accounts/accounts-bindings';
import { createHttpHandler } from '#http/http-handler';
import { accountsServices } from '#runtime/accounts-services';
import { accountEntity } from '#table/accounts/entities';
import { outboxEventEntity } from '#table/core/entities';
import { answerOf, httpEvent, type TestRequest } from '../support/http-event';
import { servicesWithTenants } from '../support/local-table';
import { recordingIds } from '../support/recording-ids';
import { itemAt } from '../support/stored-items';

describe('the communication preference of an account (R-CO-3)', () => {
  let setup: Awaited<ReturnType<typeof servicesWithTenants>>;
  let send: (routeKey: string, request?: TestRequest) => Promise<ReturnType<typeof answerOf>>;

  beforeAll(async () => {
    setup = await servicesWithTenants();
    const handler = createHttpHandler(accountsApi(setup.services), new Logger({ logLevel: 'SILENT' }));
    send = async (routeKey, request) =>
      answerOf(
        await handler(
          httpEvent(routeKey, { tenantId: setup.se.tenantId, userId: 'se-admin', roles: ['admin'] }, request),
        ),
      );
  });

  it('is electronic for a new account unless the create says paper', async () => {
    // Act
    const unsaid = await send('POST /v1/accounts', { body: { name: 'Digital AB', customerType: 'B2B' } });
    const paper = await send('POST /v1/accounts', {
      body: { name: 'Pappersbruket AB', customerType: 'B2B', communicationPreference: 'paper' },
    });

    // Assess
    expect(unsaid.status).toBe(201);
    expect(unsaid.body.communicationPreference).toBe('electronic');
    expect(paper.status).toBe(201);
    expect(paper.body.communicationPreference).toBe('paper');
  });

  it('changes with a PATCH, and a PATCH may not clear it or set another word', async () => {
    // Prepare
    const created = await send('POST /v1/accounts', { body: { name: 'Ändras AB', customerType: 'B2B' } });
    const params = { accountId: created.body.id as string };

    // Act
    const patched = await send('PATCH /v1/accounts/{accountId}', {
      params,
      headers: { 'if-match': '"1"' },
      body: { communicationPreference: 'paper' },
    });
    const cleared = await send('PATCH /v1/accounts/{accountId}', {
      params,
      headers: { 'if-match': '"2"' },
      body: { communicationPreference: null },
    });
    const fax = await send('PATCH /v1/accounts/{accountId}', {
      params,
      headers: { 'if-match': '"2"' },
      body: { communicationPreference: 'fax' },
    });
    const read = await send('GET /v1/accounts/{accountId}', { params });

    // Assess
    expect(patched.status).toBe(200);
    expect(patched.headers.etag).toBe('"2"');
    expect(patched.body.communicationPreference).toBe('paper');
    expect(cleared.status).toBe(400);
    expect(cleared.body['invalid-params'].map((f: { name: string }) => f.name)).toEqual([
      'communicationPreference',
    ]);
    expect(fax.status).toBe(400);
    expect(fax.body['invalid-params'].map((f: { name: string }) => f.name)).toEqual([
      'communicationPreference',
    ]);
    expect(read.body).toMatchObject({ communicationPreference: 'paper', version: 2 });
  });

  it('reads as electronic on an account stored before the field existed, and is no change of a later PATCH', async () => {
    // Prepare
    const created = await setup.services.accounts.create(setup.se, {
      name: 'Gammal AB',
      customerType: 'B2B',
    });
    const accountId = created.value.id;
    await setup.table.client.send(
      new UpdateCommand({
        TableName: setup.table.name,
        Key: accountEntity.key({ tenantId: setup.se.tenantId, accountId }),
        UpdateExpression: 'REMOVE communicationPreference',
      }),
    );
    const ids = recordingIds();
    const { accounts } = accountsServices({ table: setup.table }, { ids });

    // Act
    const read = await send('GET /v1/accounts/{accountId}', { params: { accountId } });
    const listed = await send('GET /v1/accounts', { query: { q: 'Gammal' } });
    const viewed = await send('GET /v1/accounts/{accountId}/view', { params: { accountId } });
    const patched = await accounts.update(setup.se, accountId, 1, { website: 'https://gammal.example' });

    // Assess
    expect(read.status).toBe(200);
    expect(read.body.communicationPreference).toBe('electronic');
    expect(
      listed.body.items.map((a: { communicationPreference: string }) => a.communicationPreference),
    ).toEqual(['electronic']);
    expect(viewed.body.account.communicationPreference).toBe('electronic');
    expect(patched.communicationPreference).toBe('electronic');
    const outbox = await itemAt(
      setup.table,
      outboxEventEntity.key({ tenantId: setup.se.tenantId, eventId: ids.issued[0] as string }),
    );
    expect(outbox?.event.changes).toEqual([{ field: 'website', from: null, to: 'https://gammal.example' }]);
  });
});
