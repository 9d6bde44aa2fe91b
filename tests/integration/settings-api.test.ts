import { Logger } from '@aws-lambda-powertools/logger';
import { monotonicFactory } from 'ulid';
import { beforeAll, describe, expect, it } from 'vitest';
import { settingsApi } from '#api/settings/settings-bindings';
import { ConflictError } from '#domain/errors';
import { SettingsService } from '#domain/settings/settings-service';
import type { SettingsStore } from '#domain/settings/stores';
import { HttpError } from '#http/http-error';
import { createHttpHandler } from '#http/http-handler';
import { settingsServices } from '#runtime/settings-services';
import { outboxEventEntity } from '#table/core/entities';
import { DynamoTenantDirectory } from '#table/core/tenant-directory';
import { transactWrite } from '#table/core/transact';
import { settingEntity } from '#table/settings/entities';
import { DynamoSettingsStore } from '#table/settings/settings-store';
import { everyUserActive } from '../support/accounts-fakes';
import { answerOf, httpEvent, type TestRequest } from '../support/http-event';
import { freshTable, slovakTenant, swedishTenant } from '../support/local-table';
import { recordingIds } from '../support/recording-ids';
import { itemAt } from '../support/stored-items';

type Role = 'admin' | 'sales' | 'viewer';

/** The settings API over a fresh table, called as API Gateway calls the function. */
async function setUp() {
  const table = await freshTable();
  const tenants = new DynamoTenantDirectory(table);
  const se = swedishTenant();
  const sk = slovakTenant();
  await tenants.save(se);
  await tenants.save(sk);
  const ids = recordingIds();
  // Group members are not under test here: every user named is an active user of the tenant.
  const services = settingsServices({ table }, { ids, users: everyUserActive });
  const handler = createHttpHandler(settingsApi(services), new Logger({ logLevel: 'SILENT' }));

  const as =
    (tenantId: string, role: Role) =>
    async (routeKey: string, request: TestRequest = {}) =>
      answerOf(await handler(httpEvent(routeKey, { tenantId, userId: `${role}-1`, roles: [role] }, request)));
  return {
    table,
    services,
    store: new DynamoSettingsStore(table),
    ids,
    se: {
      tenantId: se.id,
      admin: as(se.id, 'admin'),
      sales: as(se.id, 'sales'),
      viewer: as(se.id, 'viewer'),
    },
    sk: { tenantId: sk.id, admin: as(sk.id, 'admin') },
  };
}

type Setup = Awaited<ReturnType<typeof setUp>>;

/** Simulates the accounts module: `n` records start (or stop) using the setting, in their own transaction. */
async function use(
  setup: Setup,
  tenantId: string,
  ref: { kind: 'industry' | 'category'; id: string },
  n: number,
  by: 'account' | 'contact' = 'account',
) {
  for (let i = 0; i < Math.abs(n); i++) {
    await transactWrite(
      setup.table,
      [setup.store.adjustUsage(tenantId, ref, n > 0 ? 1 : -1, by)],
      () => undefined,
    );
  }
}

describe('settings over HTTP', () => {
  let setup: Setup;
  beforeAll(async () => {
    setup = await setUp();
  });

  it('creates, reads with its ETag, lists, changes with If-Match and deletes an industry', async () => {
    // Prepare
    const { admin } = setup.se;

    // Act
    const created = await admin('POST /v1/settings/industries', { body: { title: 'Bakeries' } });
    const params = { industryId: created.body.id };
    const read = await admin('GET /v1/settings/industries/{industryId}', { params });
    const changed = await admin('PATCH /v1/settings/industries/{industryId}', {
      params,
      body: { title: 'Bakeries and cafés' },
      headers: { 'if-match': read.headers.etag as string },
    });
    const listed = await admin('GET /v1/settings/industries');
    const deleted = await admin('DELETE /v1/settings/industries/{industryId}', { params });
    const afterwards = await admin('GET /v1/settings/industries/{industryId}', { params });

    // Assess
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      kind: 'industry',
      title: 'Bakeries',
      version: 1,
      usage: { accounts: 0 },
    });
    expect(read).toMatchObject({ status: 200, headers: { etag: '"1"' } });
    expect(changed).toMatchObject({
      status: 200,
      headers: { etag: '"2"' },
      body: { title: 'Bakeries and cafés' },
    });
    expect(listed.body.items.map((i: { title: string }) => i.title)).toContain('Bakeries and cafés');
    expect(deleted.status).toBe(204);
    expect(afterwards.status).toBe(404);
  });

  it('writes each change with its event in the outbox, the setting as its subject', async () => {
    // Prepare
    const before = setup.ids.issued.length;

    // Act
    const created = await setup.se.admin('POST /v1/settings/contact-types', {
      body: { title: 'Decision maker' },
    });

    // Assess
    const [settingId, eventId] = setup.ids.issued.slice(before);
    expect(settingId).toBe(created.body.id);
    const outbox = await itemAt(
      setup.table,
      outboxEventEntity.key({ tenantId: setup.se.tenantId, eventId: eventId as string }),
    );
    expect(outbox?.event).toMatchObject({
      type: 'SettingCreated',
      source: 'gridline.accounts',
      subject: { type: 'setting', id: settingId },
      data: { setting: { kind: 'contact-type', title: 'Decision maker' } },
    });
  });

  it('lets every role read settings but only admins write them', async () => {
    // Prepare
    const { admin, sales, viewer } = setup.se;
    const keyword = await admin('POST /v1/settings/keywords', { body: { title: 'Heat pump' } });
    const params = { keywordId: keyword.body.id };

    // Act
    const reads = [
      await viewer('GET /v1/settings/keywords'),
      await sales('GET /v1/settings/keywords/{keywordId}', { params }),
    ];
    const writes = [
      await sales('POST /v1/settings/keywords', { body: { title: 'Solar' } }),
      await viewer('PATCH /v1/settings/keywords/{keywordId}', {
        params,
        body: { title: 'X' },
        headers: { 'if-match': '"1"' },
      }),
      await sales('DELETE /v1/settings/keywords/{keywordId}', { params }),
    ];

    // Assess
    expect(reads.map((r) => r.status)).toEqual([200, 200]);
    expect(writes.map((r) => r.status)).toEqual([403, 403, 403]);
    expect((await viewer('GET /v1/settings/keywords/{keywordId}', { params })).body.title).toBe('Heat pump');
  });

  it('refuses an update without If-Match (428) or based on an older version (412)', async () => {
    // Prepare
    const { admin } = setup.se;
    const type = await admin('POST /v1/settings/deal-types', { body: { title: 'Upsell' } });
    const params = { dealTypeId: type.body.id };
    await admin('PATCH /v1/settings/deal-types/{dealTypeId}', {
      params,
      body: { title: 'Upsale' },
      headers: { 'if-match': '"1"' },
    });

    // Act
    const missing = await admin('PATCH /v1/settings/deal-types/{dealTypeId}', {
      params,
      body: { title: 'A' },
    });
    const stale = await admin('PATCH /v1/settings/deal-types/{dealTypeId}', {
      params,
      body: { title: 'B' },
      headers: { 'if-match': '"1"' },
    });

    // Assess
    expect(missing.status).toBe(428);
    expect(stale.status).toBe(412);
    expect((await admin('GET /v1/settings/deal-types/{dealTypeId}', { params })).body.title).toBe('Upsale');
  });

  it('answers a retried create with the same Idempotency-Key with the first setting, and creates one', async () => {
    // Prepare
    const { admin } = setup.se;
    const request = { body: { title: 'New sale' }, headers: { 'idempotency-key': 'deal-type-new-sale' } };

    // Act
    const first = await admin('POST /v1/settings/deal-types', request);
    const retry = await admin('POST /v1/settings/deal-types', request);
    const list = await admin('GET /v1/settings/deal-types');

    // Assess
    expect(retry.status).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body.id).toBe(first.body.id);
    expect(list.body.items.filter((t: { title: string }) => t.title === 'New sale')).toHaveLength(1);
  });

  it('refuses a second setting of a kind with the same title, whatever its case and accents (409)', async () => {
    // Prepare
    const { admin } = setup.se;
    await admin('POST /v1/settings/industries', { body: { title: 'Café' } });

    // Act
    const twin = await admin('POST /v1/settings/industries', { body: { title: '  CAFE ' } });
    const otherKind = await admin('POST /v1/settings/keywords', { body: { title: 'Café' } });

    // Assess
    expect(twin.status).toBe(409);
    expect(twin.body['invalid-params']).toEqual([
      { name: 'title', reason: 'already used by another industry' },
    ]);
    expect(otherKind.status).toBe(201);
  });

  it('answers 400 naming each invalid field, and writes nothing', async () => {
    // Prepare
    const { admin } = setup.se;

    // Act
    const answer = await admin('POST /v1/settings/deal-stages', {
      body: { title: '', probabilityBasisPoints: 'high', status: 'maybe', colour: 'red' },
    });
    const list = await admin('GET /v1/settings/deal-stages');

    // Assess
    expect(answer.status).toBe(400);
    expect(answer.headers['content-type']).toBe('application/problem+json');
    expect(answer.body['invalid-params'].map((p: { name: string }) => p.name).sort()).toEqual(
      ['colour', 'probabilityBasisPoints', 'status', 'title'].sort(),
    );
    expect(list.body.items).toEqual([]);
  });

  describe('deleting a setting that is in use', () => {
    it('is refused with 409 naming how many accounts and contacts use it', async () => {
      // Prepare
      const { admin, tenantId } = setup.se;
      const category = await admin('POST /v1/settings/categories', { body: { title: 'VIP', scope: 'both' } });
      const ref = { kind: 'category' as const, id: category.body.id };
      await use(setup, tenantId, ref, 3, 'account');
      await use(setup, tenantId, ref, 1, 'contact');

      // Act
      const refused = await admin('DELETE /v1/settings/categories/{categoryId}', {
        params: { categoryId: ref.id },
      });
      const read = await admin('GET /v1/settings/categories/{categoryId}', {
        params: { categoryId: ref.id },
      });

      // Assess
      expect(refused.status).toBe(409);
      expect(refused.body.type).toBe('urn:gridline:problem:setting-in-use');
      expect(refused.body.detail).toBe(
        "category 'VIP' is used by 3 accounts and 1 contact; remove it from them first",
      );
      expect(read.body).toMatchObject({ usage: { accounts: 3, contacts: 1, deals: 0 }, version: 1 });
    });

    it('says how to re-point an industry in use', async () => {
      // Prepare
      const { admin, tenantId } = setup.se;
      const industry = await admin('POST /v1/settings/industries', { body: { title: 'Mining' } });
      await use(setup, tenantId, { kind: 'industry', id: industry.body.id }, 1);

      // Act
      const refused = await admin('DELETE /v1/settings/industries/{industryId}', {
        params: { industryId: industry.body.id },
      });

      // Assess
      expect(refused.status).toBe(409);
      expect(refused.body.detail).toMatch(/used by 1 account; .*replaceWith/);
    });

    it('succeeds once nothing uses it any more, and its title is free again', async () => {
      // Prepare
      const { admin, tenantId } = setup.se;
      const industry = await admin('POST /v1/settings/industries', { body: { title: 'Forestry' } });
      const ref = { kind: 'industry' as const, id: industry.body.id };
      await use(setup, tenantId, ref, 2);
      await use(setup, tenantId, ref, -2);

      // Act
      const deleted = await admin('DELETE /v1/settings/industries/{industryId}', {
        params: { industryId: ref.id },
      });
      const again = await admin('POST /v1/settings/industries', { body: { title: 'Forestry' } });

      // Assess
      expect(deleted.status).toBe(204);
      expect(again.status).toBe(201);
    });

    it('never lets a record start using a deleted setting: the usage write fails its transaction', async () => {
      // Prepare
      const { admin, tenantId } = setup.se;
      const industry = await admin('POST /v1/settings/industries', { body: { title: 'Shipping' } });
      await admin('DELETE /v1/settings/industries/{industryId}', {
        params: { industryId: industry.body.id },
      });

      // Act
      const act = use(setup, tenantId, { kind: 'industry', id: industry.body.id }, 1);

      // Assess
      await expect(act).rejects.toThrow();
      const stored = await itemAt(setup.table, settingEntity.key({ tenantId, settingId: industry.body.id }));
      expect(stored?.usageCount).toBeUndefined();
    });
  });

  it('keeps tenants apart: another tenant’s setting answers 404 and is in none of its lists', async () => {
    // Prepare
    const industry = await setup.se.admin('POST /v1/settings/industries', {
      body: { title: 'Hemlig bransch' },
    });
    const params = { industryId: industry.body.id };

    // Act
    const answers = [
      await setup.sk.admin('GET /v1/settings/industries/{industryId}', { params }),
      await setup.sk.admin('PATCH /v1/settings/industries/{industryId}', {
        params,
        body: { title: 'Taken' },
        headers: { 'if-match': '"1"' },
      }),
      await setup.sk.admin('DELETE /v1/settings/industries/{industryId}', { params }),
      await setup.sk.admin('POST /v1/settings/industries/{industryId}/move-customers', {
        params,
        body: { toIndustryId: industry.body.id },
      }),
    ];
    const list = await setup.sk.admin('GET /v1/settings/industries');
    const missing = await setup.store.missing(setup.sk.tenantId, [
      { kind: 'industry', id: industry.body.id },
    ]);

    // Assess
    expect(answers.map((a) => a.status)).toEqual([404, 404, 404, 404]);
    expect(list.body.items).toEqual([]);
    expect(missing).toEqual([{ kind: 'industry', id: industry.body.id }]);
    expect((await setup.se.admin('GET /v1/settings/industries/{industryId}', { params })).body.title).toBe(
      'Hemlig bransch',
    );
  });

  it('tells other modules which references are missing and what a category may be put on', async () => {
    // Prepare
    const { admin, tenantId } = setup.se;
    const category = await admin('POST /v1/settings/categories', {
      body: { title: 'Contacts only', scope: 'contact' },
    });
    const industry = await admin('POST /v1/settings/industries', { body: { title: 'Dairy' } });
    const gone = await admin('POST /v1/settings/industries', { body: { title: 'Gone' } });
    await admin('DELETE /v1/settings/industries/{industryId}', { params: { industryId: gone.body.id } });

    // Act
    const missing = await setup.store.missing(tenantId, [
      { kind: 'industry', id: industry.body.id },
      { kind: 'industry', id: gone.body.id },
      { kind: 'industry', id: category.body.id },
      { kind: 'category', id: category.body.id },
    ]);
    const scope = await setup.store.categoryScope(tenantId, category.body.id);

    // Assess
    expect(missing).toEqual([
      { kind: 'industry', id: gone.body.id },
      { kind: 'industry', id: category.body.id },
    ]);
    expect(scope).toBe('contact');
  });

  it('lists the categories that may be put on accounts: those for accounts and those for both', async () => {
    // Prepare
    const { admin } = setup.sk;
    await admin('POST /v1/settings/categories', { body: { title: 'A', scope: 'account' } });
    await admin('POST /v1/settings/categories', { body: { title: 'B', scope: 'both', active: false } });
    await admin('POST /v1/settings/categories', { body: { title: 'C', scope: 'contact' } });

    // Act
    const forAccounts = await admin('GET /v1/settings/categories', { query: { appliesTo: 'account' } });
    const activeForAccounts = await admin('GET /v1/settings/categories', {
      query: { appliesTo: 'account', active: 'true' },
    });

    // Assess
    expect(forAccounts.body.items.map((c: { title: string }) => c.title)).toEqual(['A', 'B']);
    expect(activeForAccounts.body.items.map((c: { title: string }) => c.title)).toEqual(['A']);
  });

  it('pages through a list with the cursor it hands out', async () => {
    // Prepare
    const { admin } = setup.sk;
    for (const title of ['Alfa', 'Beta', 'Gama', 'Delta', 'Epsilon'])
      await admin('POST /v1/settings/keywords', { body: { title } });

    // Act
    const first = await admin('GET /v1/settings/keywords', { query: { limit: '2' } });
    const second = await admin('GET /v1/settings/keywords', {
      query: { limit: '2', cursor: first.body.nextCursor },
    });
    const forged = await admin('GET /v1/settings/keywords', { query: { cursor: 'bm90LWEtY3Vyc29y' } });

    // Assess
    expect(first.body.items.map((k: { title: string }) => k.title)).toEqual(['Alfa', 'Beta']);
    expect(second.body.items.map((k: { title: string }) => k.title)).toEqual(['Delta', 'Epsilon']);
    expect(forged.status).toBe(400);
  });

  describe('move customers', () => {
    it('starts a job with 202 and where to follow it; any role of the tenant can read it, others not', async () => {
      // Prepare
      const { admin, sales, viewer } = setup.se;
      const from = await admin('POST /v1/settings/industries', { body: { title: 'Bookshops' } });
      const to = await admin('POST /v1/settings/industries', { body: { title: 'Retail trade' } });
      const params = { industryId: from.body.id };

      // Act
      const bySales = await sales('POST /v1/settings/industries/{industryId}/move-customers', {
        params,
        body: { toIndustryId: to.body.id },
      });
      const started = await admin('POST /v1/settings/industries/{industryId}/move-customers', {
        params,
        body: { toIndustryId: to.body.id },
      });
      const jobParams = { jobId: started.body.id };
      const read = await viewer('GET /v1/jobs/{jobId}', { params: jobParams });
      const elsewhere = await setup.sk.admin('GET /v1/jobs/{jobId}', { params: jobParams });
      const again = await admin('POST /v1/settings/industries/{industryId}/move-customers', {
        params,
        body: { toIndustryId: to.body.id },
      });

      // Assess
      expect(bySales.status).toBe(403);
      expect(started.status).toBe(202);
      expect(started.headers.location).toBe(`/v1/jobs/${started.body.id}`);
      expect(started.body).toMatchObject({
        kind: 'move-customers',
        state: 'queued',
        total: 0,
        done: 0,
        fromIndustryId: from.body.id,
        toIndustryId: to.body.id,
        deleteSourceWhenDone: false,
      });
      expect(started.body).not.toHaveProperty('cursor');
      expect(read).toMatchObject({ status: 200, headers: { etag: '"1"' }, body: { id: started.body.id } });
      expect(elsewhere.status).toBe(404);
      expect(again.status).toBe(409);
      expect(again.body.type).toBe('urn:gridline:problem:job-running');
    });

    it('answers a delete with replaceWith with 202 and a job that deletes the industry when done', async () => {
      // Prepare
      const { admin } = setup.se;
      const from = await admin('POST /v1/settings/industries', { body: { title: 'Video rental' } });
      const to = await admin('POST /v1/settings/industries', { body: { title: 'Streaming' } });

      // Act
      const started = await admin('DELETE /v1/settings/industries/{industryId}', {
        params: { industryId: from.body.id },
        query: { replaceWith: to.body.id },
        headers: { 'if-match': '"1"' },
      });
      const badTarget = await admin('DELETE /v1/settings/industries/{industryId}', {
        params: { industryId: to.body.id },
        query: { replaceWith: 'not-an-id' },
      });

      // Assess
      expect(started.status).toBe(202);
      expect(started.body).toMatchObject({ kind: 'move-customers', deleteSourceWhenDone: true });
      expect(badTarget.status).toBe(400);
      expect(badTarget.body['invalid-params']).toEqual([
        { name: 'replaceWith', reason: 'not an id of this API' },
      ]);
    });
  });

  describe('deal stages', () => {
    let admin: Setup['se']['admin'];
    beforeAll(async () => {
      const fresh = await setUp();
      admin = fresh.se.admin;
    });

    it('refuses a lost stage until loss reasons exist, then keeps the last loss reason', async () => {
      // Prepare
      const lost = { title: 'Lost', probabilityBasisPoints: 0, status: 'lost' };

      // Act
      const refused = await admin('POST /v1/settings/deal-stages', { body: lost });
      const reason = await admin('POST /v1/settings/loss-reasons', { body: { title: 'Price too high' } });
      const accepted = await admin('POST /v1/settings/deal-stages', { body: lost });
      const lastReason = await admin('DELETE /v1/settings/loss-reasons/{lossReasonId}', {
        params: { lossReasonId: reason.body.id },
      });

      // Assess
      expect(refused.status).toBe(409);
      expect(refused.body['invalid-params']).toEqual([
        { name: 'status', reason: 'no loss reasons exist yet' },
      ]);
      expect(accepted.status).toBe(201);
      expect(lastReason.status).toBe(409);
      expect(lastReason.body.detail).toMatch(/last loss reason.*Lost/);
    });

    it('orders new stages last, refuses a taken order, and reorders the whole list at once', async () => {
      // Prepare
      const stages = await admin('GET /v1/settings/deal-stages');
      const lost = stages.body.items[0];
      const lead = await admin('POST /v1/settings/deal-stages', {
        body: { title: 'Lead', probabilityBasisPoints: 1000, status: 'open' },
      });
      const won = await admin('POST /v1/settings/deal-stages', {
        body: { title: 'Won', probabilityBasisPoints: 10000, status: 'won' },
      });

      // Act
      const taken = await admin('POST /v1/settings/deal-stages', {
        body: { title: 'Offer', probabilityBasisPoints: 5000, status: 'open', order: 2 },
      });
      const reordered = await admin('PUT /v1/settings/deal-stages/order', {
        body: { ids: [lead.body.id, won.body.id, lost.id] },
      });
      const incomplete = await admin('PUT /v1/settings/deal-stages/order', {
        body: { ids: [lead.body.id, won.body.id] },
      });
      const offer = await admin('POST /v1/settings/deal-stages', {
        body: { title: 'Offer', probabilityBasisPoints: 5000, status: 'open', order: 2 },
      });
      const list = await admin('GET /v1/settings/deal-stages');

      // Assess
      expect([lost.order, lead.body.order, won.body.order]).toEqual([1, 2, 3]);
      expect(taken.status).toBe(409);
      expect(taken.body['invalid-params']).toEqual([
        { name: 'order', reason: 'already used; reorder the list instead' },
      ]);
      expect(reordered.status).toBe(200);
      expect(
        reordered.body.items.map((s: { title: string; order: number }) => `${s.order} ${s.title}`),
      ).toEqual(['1 Lead', '2 Won', '3 Lost']);
      expect(incomplete.status).toBe(400);
      expect(offer.status).toBe(409);
      expect(list.body.items.map((s: { title: string }) => s.title)).toEqual(['Lead', 'Won', 'Lost']);
    });

    it('frees an order when its stage moves to another one', async () => {
      // Prepare
      const list = await admin('GET /v1/settings/deal-stages');
      const lead = list.body.items[0];

      // Act
      const moved = await admin('PATCH /v1/settings/deal-stages/{dealStageId}', {
        params: { dealStageId: lead.id },
        body: { order: 9 },
        headers: { 'if-match': `"${lead.version}"` },
      });
      const offer = await admin('POST /v1/settings/deal-stages', {
        body: { title: 'Offer', probabilityBasisPoints: 5000, status: 'open', order: 1 },
      });

      // Assess
      expect(moved.body.order).toBe(9);
      expect(offer.status).toBe(201);
    });
  });

  describe('user groups', () => {
    let fresh: Setup;
    let admin: Setup['se']['admin'];
    const ids: Record<string, string> = {};
    const create = async (title: string, parent?: string) => {
      const answer = await admin('POST /v1/settings/user-groups', {
        body: {
          title,
          type: 'Sales',
          members: [`${title}-lead`],
          ...(parent ? { parentId: ids[parent] } : {}),
        },
      });
      ids[title] = answer.body.id;
      return answer;
    };
    const move = async (title: string, parent: string | null) => {
      const current = await admin('GET /v1/settings/user-groups/{userGroupId}', {
        params: { userGroupId: ids[title] as string },
      });
      return admin('PATCH /v1/settings/user-groups/{userGroupId}', {
        params: { userGroupId: ids[title] as string },
        body: { parentId: parent === null ? null : ids[parent] },
        headers: { 'if-match': current.headers.etag as string },
      });
    };
    const childrenOf = async (title: string | 'root') => {
      const answer = await admin('GET /v1/settings/user-groups', {
        query: { parentId: title === 'root' ? 'root' : (ids[title] as string) },
      });
      return answer.body.items.map((g: { title: string }) => g.title);
    };

    beforeAll(async () => {
      fresh = await setUp();
      admin = fresh.se.admin;
      await create('Sales');
      await create('North', 'Sales');
      await create('Kiruna', 'North');
      await create('Service');
    });

    it('shows a group with its path from the top', async () => {
      // Act
      const kiruna = await admin('GET /v1/settings/user-groups/{userGroupId}', {
        params: { userGroupId: ids.Kiruna as string },
      });

      // Assess
      expect(kiruna.body).toMatchObject({
        title: 'Kiruna',
        type: 'Sales',
        members: ['Kiruna-lead'],
        parentId: ids.North,
      });
      expect(kiruna.body.path.map((g: { title: string }) => g.title)).toEqual(['Sales', 'North']);
    });

    it('refuses to move a group under itself or its own descendant (409), changing nothing', async () => {
      // Act
      const underItself = await move('North', 'North');
      const underDescendant = await move('Sales', 'Kiruna');

      // Assess
      expect(underItself.status).toBe(409);
      expect(underDescendant.status).toBe(409);
      expect(underDescendant.body['invalid-params']).toEqual([
        { name: 'parentId', reason: 'is the group itself or one of its sub-groups' },
      ]);
      expect(await childrenOf('root')).toEqual(['Sales', 'Service']);
    });

    it('moves a whole subtree with one change of its parent', async () => {
      // Act
      const moved = await move('North', 'Service');
      const kiruna = await admin('GET /v1/settings/user-groups/{userGroupId}', {
        params: { userGroupId: ids.Kiruna as string },
      });

      // Assess
      expect(moved.status).toBe(200);
      expect(await childrenOf('Sales')).toEqual([]);
      expect(await childrenOf('Service')).toEqual(['North']);
      expect(await childrenOf('North')).toEqual(['Kiruna']);
      expect(kiruna.body.path.map((g: { title: string }) => g.title)).toEqual(['Service', 'North']);
      const cut = await fresh.services.settings.groupAndDescendants(
        { tenantId: fresh.se.tenantId, userId: 'admin-1' },
        ids.Service as string,
      );
      expect(cut).toEqual([ids.Service, ids.North, ids.Kiruna]);
    });

    it('lets only one of two opposite moves racing each other through, so no cycle can form', async () => {
      // Prepare
      await create('Alpha');
      await create('Beta');

      // Act
      const answers = await Promise.all([move('Alpha', 'Beta'), move('Beta', 'Alpha')]);

      // Assess
      expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
      const roots = await childrenOf('root');
      expect(roots.filter((t: string) => t === 'Alpha' || t === 'Beta')).toHaveLength(1);
    });

    it('refuses the second of two opposite moves that both passed the cycle check before either wrote', async () => {
      // Prepare: both moves read the tree first; only then do both write.
      await create('Gamma');
      await create('Delta');
      const store = fresh.store;
      const waiting: (() => void)[] = [];
      const barrier: SettingsStore = Object.assign(Object.create(store) as SettingsStore, {
        update: async (...args: Parameters<SettingsStore['update']>) => {
          await new Promise<void>((resolve) => {
            waiting.push(resolve);
            if (waiting.length === 2) for (const release of waiting) release();
          });
          return store.update(...args);
        },
      });
      const settings = new SettingsService({
        tenants: new DynamoTenantDirectory(fresh.table),
        clock: { now: () => new Date() },
        ids: { next: monotonicFactory() },
        settings: barrier,
      });
      const actor = { tenantId: fresh.se.tenantId, userId: 'admin-1' };
      const moveTo = async (title: string, parent: string) =>
        settings
          .update(actor, 'user-group', ids[title] as string, 1, { parentId: ids[parent] })
          .then(() => 'moved')
          .catch((error: Error) =>
            error instanceof ConflictError ||
            (error instanceof HttpError && error.code === 'concurrent-change')
              ? 'conflict'
              : error.name,
          );

      // Act
      const answers = await Promise.all([moveTo('Gamma', 'Delta'), moveTo('Delta', 'Gamma')]);

      // Assess
      expect(answers.sort()).toEqual(['conflict', 'moved']);
      const roots = await childrenOf('root');
      expect(roots.filter((t: string) => t === 'Gamma' || t === 'Delta')).toHaveLength(1);
    });

    it('refuses to delete a group that has sub-groups, and deletes an empty one', async () => {
      // Act
      const withChildren = await admin('DELETE /v1/settings/user-groups/{userGroupId}', {
        params: { userGroupId: ids.Service as string },
      });
      const empty = await admin('DELETE /v1/settings/user-groups/{userGroupId}', {
        params: { userGroupId: ids.Sales as string },
      });

      // Assess
      expect(withChildren.status).toBe(409);
      expect(withChildren.body.detail).toBe(
        "user group 'Service' has 1 sub-group; move or delete them first",
      );
      expect(empty.status).toBe(204);
      const roots = await childrenOf('root');
      expect(roots).toContain('Service');
      expect(roots).not.toContain('Sales');
    });

    it('refuses a parent that is not a user group of the tenant (400 naming parentId)', async () => {
      // Act
      const answer = await admin('POST /v1/settings/user-groups', {
        body: { title: 'Orphan', type: 'Standard', parentId: '01JNZZZZZZZZZZZZZZZZZZZZZZ' },
      });

      // Assess
      expect(answer.status).toBe(400);
      expect(answer.body['invalid-params']).toEqual([
        { name: 'parentId', reason: 'is not a user group of this tenant' },
      ]);
    });
  });
});
