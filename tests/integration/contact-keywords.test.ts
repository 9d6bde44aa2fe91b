import { Logger } from '@aws-lambda-powertools/logger';
import { beforeAll, describe, expect, it } from 'vitest';
import { accountsApi } from '#api/accounts/accounts-bindings';
import { ValidationError } from '#domain/errors';
import { createHttpHandler } from '#http/http-handler';
import type { accountsServices } from '#runtime/accounts-services';
import { settingsServices } from '#runtime/settings-services';
import { answerOf, httpEvent, type TestRequest } from '../support/http-event';
import { servicesWithTenants } from '../support/local-table';

const failure = (attempt: Promise<unknown>) =>
  attempt.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: unknown) => error,
  );

describe('the keywords of a contact come from the tenant’s keyword list (R-ST-5)', () => {
  let setup: Awaited<ReturnType<typeof servicesWithTenants>>;
  let settings: ReturnType<typeof settingsServices>['settings'];
  let contacts: ReturnType<typeof accountsServices>['contacts'];
  let solar: string;
  let heatPump: string;
  let send: (routeKey: string, request?: TestRequest) => Promise<ReturnType<typeof answerOf>>;

  beforeAll(async () => {
    setup = await servicesWithTenants();
    ({ settings } = settingsServices({ table: setup.table }));
    ({ contacts } = setup.services);
    solar = (await settings.create(setup.se, 'keyword', { title: 'Solceller' })).value.id;
    heatPump = (await settings.create(setup.se, 'keyword', { title: 'Värmepump' })).value.id;
    const handler = createHttpHandler(accountsApi(setup.services), new Logger({ logLevel: 'SILENT' }));
    send = async (routeKey, request) =>
      answerOf(
        await handler(
          httpEvent(routeKey, { tenantId: setup.se.tenantId, userId: 'se-admin', roles: ['admin'] }, request),
        ),
      );
  });

  it('refuses free text and another tenant’s keyword, naming keywords.i, and writes nothing', async () => {
    // Prepare
    const foreign = (await settings.create(setup.sk, 'keyword', { title: 'Fotovoltika' })).value.id;

    // Act
    const refused = await failure(
      contacts.create(setup.se, { firstName: 'Fri', lastName: 'Text', keywords: [solar, 'VIP', foreign] }),
    );
    const listed = await contacts.list(setup.se, {}, { limit: 100 });

    // Assess
    expect(refused).toBeInstanceOf(ValidationError);
    expect((refused as ValidationError).fields).toEqual([
      { name: 'keywords.1', reason: 'no such keyword' },
      { name: 'keywords.2', reason: 'no such keyword' },
    ]);
    expect(listed.items.map((c) => c.lastName)).not.toContain('Text');
  });

  it('answers an unknown keyword over HTTP with a problem naming the keyword', async () => {
    // Act
    const refused = await send('POST /v1/contacts', {
      body: { firstName: 'Okänd', lastName: 'Nyckel', keywords: [heatPump, 'Nyhetsbrev'] },
    });

    // Assess
    expect(refused.status).toBe(400);
    expect(refused.headers['content-type']).toBe('application/problem+json');
    expect(refused.body['invalid-params']).toEqual([{ name: 'keywords.1', reason: 'no such keyword' }]);
  });

  it('refuses a keyword added by an update, and keeps the contact as it was', async () => {
    // Prepare
    const created = await contacts.create(setup.se, {
      firstName: 'Lena',
      lastName: 'Lind',
      keywords: [solar],
    });

    // Act
    const refused = await failure(
      contacts.update(setup.se, created.value.id, 1, { keywords: [solar, 'Laddbox'] }),
    );
    const read = await contacts.get(setup.se, created.value.id);

    // Assess
    expect((refused as ValidationError).fields).toEqual([{ name: 'keywords.1', reason: 'no such keyword' }]);
    expect(read).toMatchObject({ keywords: [solar], version: 1 });
  });

  it('counts a keyword’s contacts, so a keyword in use cannot be deleted until no contact has it', async () => {
    // Prepare
    const keyword = (await settings.create(setup.se, 'keyword', { title: 'Laddbox' })).value;
    const created = await contacts.create(setup.se, {
      firstName: 'Per',
      lastName: 'Laddare',
      keywords: [keyword.id],
    });

    // Act
    const inUse = await failure(settings.remove(setup.se, 'keyword', keyword.id));
    const counted = await settings.get(setup.se, 'keyword', keyword.id);
    await contacts.update(setup.se, created.value.id, 1, { keywords: [] });
    await settings.remove(setup.se, 'keyword', keyword.id);
    const afterwards = await failure(settings.get(setup.se, 'keyword', keyword.id));

    // Assess
    expect(inUse).toMatchObject({ code: 'setting-in-use' });
    expect(counted.usage).toEqual({ accounts: 0, contacts: 1, deals: 0 });
    expect(afterwards).toMatchObject({ code: 'not-found' });
  });
});
