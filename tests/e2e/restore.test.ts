import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../lib/local/runtime';
import { callApi, clientFor, startTestRuntime, tokenFor } from '../support/runtime';

describe('deleted accounts, restore, additional information and categories, end to end', () => {
  let runtime: LocalRuntime;
  let admin: ReturnType<typeof clientFor>;
  let sales: ReturnType<typeof clientFor>;
  let adminToken: string;

  /** A PUT as any user: the one route that replaces a whole section, tried by several callers. */
  const put = (url: string, body: unknown, headers: Record<string, string> = {}, token = adminToken) =>
    callApi(runtime, 'PUT', url, { token, body, headers });

  beforeAll(async () => {
    runtime = await startTestRuntime();
    adminToken = runtime.tenants[0]?.adminToken as string;
    admin = clientFor(runtime, adminToken);
    sales = clientFor(runtime, await tokenFor(runtime, 'norrsken', 'sales'));
  });
  afterAll(() => runtime.stop());

  it('refuses a restore while another account has the org number, and restores once it is free', async () => {
    // Prepare
    const account = await admin.post('/v1/accounts', {
      name: 'Återställd Energi AB',
      customerType: 'B2B',
      orgNumber: '556703-7485',
      phones: ['031-774 00 00'],
    });
    const a = `/v1/accounts/${account.body.id}`;
    const contact = await admin.post('/v1/contacts', {
      firstName: 'Rut',
      lastName: 'Återställd',
      phones: ['070-774 00 01'],
      accountId: account.body.id,
    });
    // What the consumers write of the new account (the register lookup) comes before the delete.
    await runtime.settled();
    const created: number = (await admin.get(a)).body.version;
    expect((await admin.delete(a, { 'if-match': `"${created}"` })).status).toBe(204);
    const taker = await admin.post('/v1/accounts', {
      name: 'Övertagare AB',
      customerType: 'B2B',
      orgNumber: '5567037485',
    });

    // Act
    const refused = await admin.post(`${a}/restore`, undefined);
    const whileRefused = await admin.get(a);
    expect((await admin.delete(`/v1/accounts/${taker.body.id}`)).status).toBe(204);
    const restored = await admin.post(`${a}/restore`, undefined, { 'if-match': `"${created + 1}"` });

    // Assess
    expect(taker.status).toBe(201);
    expect(refused.status).toBe(409);
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
    expect(refused.body.type).toBe('urn:gridline:problem:org-number-taken');
    expect(refused.body['invalid-params']).toEqual([
      { name: 'orgNumber', reason: 'another account of this tenant has this organisation number' },
    ]);
    expect(whileRefused.status).toBe(404);
    expect(restored.status).toBe(200);
    expect(restored.headers.get('etag')).toBe(`"${created + 2}"`);
    expect(restored.body).toMatchObject({ id: account.body.id, orgNumber: '556703-7485' });
    expect(restored.body).not.toHaveProperty('deletedAt');
    const byPhone = await admin.get(`/v1/identify?phone=${encodeURIComponent('070-774 00 01')}`);
    expect(byPhone.status).toBe(200);
    expect(byPhone.body.contacts[0].contact.id).toBe(contact.body.id);
    expect(byPhone.body.contacts[0].account.id).toBe(account.body.id);
    const view = await admin.get(`${a}/view`);
    expect(view.body.contacts.map((c: { id: string }) => c.id)).toEqual([contact.body.id]);
    await runtime.settled();
    const history = await admin.get(`${a}/history`);
    expect(history.body.items.map((e: { type: string }) => e.type).slice(0, 2)).toEqual([
      'AccountRestored',
      'AccountDeleted',
    ]);
  });

  it('lists deleted accounts for administrators only, and lets only them restore', async () => {
    // Prepare
    const account = await admin.post('/v1/accounts', { name: 'Raderad Lista AB', customerType: 'B2C' });
    await admin.delete(`/v1/accounts/${account.body.id}`);
    const slovakia = clientFor(runtime, runtime.tenants[1]?.adminToken as string);

    // Act
    const listed = await admin.get('/v1/accounts/deleted?limit=100');
    const forbiddenList = await sales.get('/v1/accounts/deleted');
    const forbiddenRestore = await sales.post(`/v1/accounts/${account.body.id}/restore`, undefined);
    const staleRestore = await admin.post(`/v1/accounts/${account.body.id}/restore`, undefined, {
      'if-match': '"1"',
    });
    const foreignRestore = await slovakia.post(`/v1/accounts/${account.body.id}/restore`, undefined);
    const foreignList = await slovakia.get('/v1/accounts/deleted?limit=100');

    // Assess
    expect(listed.status).toBe(200);
    const deleted = listed.body.items.find((i: { id: string }) => i.id === account.body.id);
    expect(deleted).toMatchObject({ name: 'Raderad Lista AB', deletedAt: expect.any(String) });
    expect(forbiddenList.status).toBe(403);
    expect(forbiddenRestore.status).toBe(403);
    expect(staleRestore.status).toBe(412);
    expect(foreignRestore.status).toBe(404);
    expect(foreignList.body.items.map((i: { id: string }) => i.id)).not.toContain(account.body.id);
    expect((await admin.get(`/v1/accounts/${account.body.id}`)).status).toBe(404);
  });

  it('keeps additional information as its own section of the account, in the history', async () => {
    // Prepare
    const account = await admin.post('/v1/accounts', { name: 'Intresse AB', customerType: 'B2B' });
    const a = `/v1/accounts/${account.body.id}`;
    const section = {
      contactOrigin: 'Elmässan 2025',
      productsOfInterest: ['Solceller', 'Värmepump'],
      sources: ['Webbformulär'],
    };

    // Act
    const withoutEtag = await put(`${a}/additional-info`, section);
    const foreign = await put(
      `${a}/additional-info`,
      section,
      { 'if-match': '"1"' },
      runtime.tenants[1]?.adminToken as string,
    );
    const viewer = await put(
      `${a}/additional-info`,
      section,
      { 'if-match': '"1"' },
      await tokenFor(runtime, 'norrsken', 'viewer'),
    );
    const badBody = await put(`${a}/additional-info`, { sources: 'web', extra: 1 }, { 'if-match': '"1"' });
    const saved = await put(`${a}/additional-info`, section, { 'if-match': '"1"' });
    await runtime.settled();

    // Assess
    expect(withoutEtag.status).toBe(428);
    expect(foreign.status).toBe(404);
    expect(viewer.status).toBe(403);
    expect(badBody.status).toBe(400);
    expect(badBody.body['invalid-params'].map((f: { name: string }) => f.name).sort()).toEqual([
      'extra',
      'sources',
    ]);
    expect(saved.status).toBe(200);
    expect(saved.headers.get('etag')).toBe('"2"');
    expect((await admin.get(a)).body.additionalInfo).toEqual(section);
    const history = await admin.get(`${a}/history`);
    expect(history.body.items[0]).toMatchObject({
      type: 'AccountUpdated',
      changes: [{ field: 'additionalInfo', from: null, to: section }],
    });
  });

  it('lists the accounts and contacts of a category, and answers another tenant’s category as not found', async () => {
    // Prepare
    const category = await admin.post('/v1/settings/categories', { title: 'Storkund', scope: 'both' });
    const categoryId = category.body.id as string;
    const account = await admin.post('/v1/accounts', {
      name: 'Kategoriserad AB',
      customerType: 'B2B',
      categoryIds: [categoryId],
    });
    const contact = await admin.post('/v1/contacts', {
      firstName: 'Karin',
      lastName: 'Kategori',
      categoryIds: [categoryId],
    });
    const slovakia = clientFor(runtime, runtime.tenants[1]?.adminToken as string);

    // Act
    const accounts = await sales.get(`/v1/settings/categories/${categoryId}/accounts`);
    const contacts = await sales.get(`/v1/settings/categories/${categoryId}/contacts`);
    const foreign = await slovakia.get(`/v1/settings/categories/${categoryId}/accounts`);

    // Assess
    expect(accounts.status).toBe(200);
    expect(accounts.body.items.map((i: { id: string }) => i.id)).toEqual([account.body.id]);
    expect(contacts.body.items.map((i: { id: string }) => i.id)).toEqual([contact.body.id]);
    expect(contact.body.categoryIds).toEqual([categoryId]);
    expect(foreign.status).toBe(404);
  });
});
