import { Logger } from '@aws-lambda-powertools/logger';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { salesSettingsApi } from '#api/sales/sales-settings-bindings';
import { VersionMismatchError } from '#domain/errors';
import type { DomainEvent } from '#domain/events';
import {
  maxRulesPerList,
  nurtureDescriptionMaxLength,
  nurtureTitleMaxLength,
  ruleTextMaxLength,
  type SalesRules,
  type SalesSettings,
} from '#domain/sales/sales-settings';
import { SalesSettingsService } from '#domain/sales/sales-settings-service';
import type { Role } from '#domain/users/roles';
import { createHttpHandler } from '#http/http-handler';
import { serviceDeps } from '#runtime/service-deps';
import { settingsServices } from '#runtime/settings-services';
import { outboxEventEntity } from '#table/core/entities';
import type { Table } from '#table/core/table';
import { DynamoTenantDirectory } from '#table/core/tenant-directory';
import { DynamoSalesSettingsStore } from '#table/sales/dynamo-sales-settings-store';
import { DynamoRoundRobinStore } from '#table/sales/round-robin-store';
import { DynamoSettingsStore } from '#table/settings/settings-store';
import { InMemoryUsers } from '../support/accounts-fakes';
import { answerOf, httpEvent } from '../support/http-event';
import { freshTable, slovakTenant, swedishTenant } from '../support/local-table';
import { recordingIds } from '../support/recording-ids';

const event = (tenantId: string, id: string): DomainEvent => ({
  id,
  type: 'SalesSettingsChanged',
  source: 'gridline.sales',
  tenantId,
  occurredAt: '2025-03-01T10:00:00.000Z',
  actor: { userId: 'admin-1' },
  subject: { type: 'setting', id: 'sales-settings' },
  data: {},
});

const rules: SalesRules = {
  scoring: {
    rules: [
      { id: 'b2b', kind: 'attribute', attribute: 'segment', equals: 'B2B', points: 20 },
      { id: 'meetings', kind: 'activity', activity: 'meeting', pointsEach: 15, maxPoints: 45 },
    ],
    qualifyAt: 40,
  },
  routing: { rules: [] },
  nurturing: { rules: [{ id: 'call', stage: 'lead', afterDays: 1, title: 'Call the lead' }] },
  offers: { validityDays: 21 },
};

describe('sales settings and round-robin turns in the table', () => {
  let table: Table;
  let store: DynamoSalesSettingsStore;
  let turns: DynamoRoundRobinStore;

  beforeAll(async () => {
    table = await freshTable();
    store = new DynamoSalesSettingsStore(table);
    turns = new DynamoRoundRobinStore(table);
  });

  const stored = (tenantId: string, version: number, extra: Partial<SalesRules> = {}): SalesSettings => ({
    tenantId,
    version,
    updatedAt: '2025-03-01T10:00:00.000Z',
    updatedBy: 'admin-1',
    ...rules,
    ...extra,
  });

  it('has nothing for a tenant until its first write, then the settings as written', async () => {
    // Prepare
    const tenantId = 'tenant-first';

    // Act
    const before = await store.get(tenantId);
    await store.replace(stored(tenantId, 1), 0, event(tenantId, '01JNEVENT0000000000000000A'));
    const after = await store.get(tenantId);

    // Assess
    expect(before).toBeUndefined();
    expect(after).toEqual(stored(tenantId, 1));
  });

  it('lets only one of two first writes in; the other learns its defaults are stale', async () => {
    // Prepare
    const tenantId = 'tenant-race';

    // Act
    const results = await Promise.allSettled([
      store.replace(stored(tenantId, 1), 0, event(tenantId, '01JNEVENT0000000000000000B')),
      store.replace(
        stored(tenantId, 1, { offers: { validityDays: 5 } }),
        0,
        event(tenantId, '01JNEVENT0000000000000000C'),
      ),
    ]);

    // Assess
    const refused = results.filter((r) => r.status === 'rejected').map((r) => r.reason);
    expect(refused).toHaveLength(1);
    expect(refused[0]).toBeInstanceOf(VersionMismatchError);
  });

  it('replaces the settings only from the version they were read at', async () => {
    // Prepare
    const tenantId = 'tenant-versions';
    await store.replace(stored(tenantId, 1), 0, event(tenantId, '01JNEVENT0000000000000000D'));
    await store.replace(stored(tenantId, 2), 1, event(tenantId, '01JNEVENT0000000000000000E'));

    // Act
    const stale = store.replace(
      stored(tenantId, 2, { offers: { validityDays: 5 } }),
      1,
      event(tenantId, '01JNEVENT0000000000000000F'),
    );

    // Assess
    await expect(stale).rejects.toBeInstanceOf(VersionMismatchError);
    expect((await store.get(tenantId))?.offers).toEqual({ validityDays: 21 });
  });

  it('stores the largest settings the limits allow, in characters of three bytes', async () => {
    // Prepare
    const tenantId = 'tenant-largest';
    const text = (length: number) => '€'.repeat(length);
    const id = (i: number) => `rule-${String(i).padStart(35, '0')}`;
    const largest: SalesRules = {
      scoring: {
        rules: Array.from({ length: maxRulesPerList }, (_, i) => ({
          id: id(i),
          kind: 'attribute' as const,
          attribute: 'campaign' as const,
          equals: text(ruleTextMaxLength),
          points: -1000,
        })),
        qualifyAt: -100_000,
      },
      routing: {
        rules: Array.from({ length: maxRulesPerList }, (_, i) => ({
          id: id(i),
          when: {
            segment: 'B2B' as const,
            commodity: 'district-heating' as const,
            territoryCode: text(ruleTextMaxLength),
            source: text(ruleTextMaxLength),
            minScore: -100_000,
          },
          to: { type: 'group' as const, groupId: '01JNGRP0000000000000000000' },
        })),
        fallback: { type: 'group', groupId: '01JNGRP0000000000000000000' },
      },
      nurturing: {
        rules: Array.from({ length: maxRulesPerList }, (_, i) => ({
          id: id(i),
          stage: 'marketing-qualified' as const,
          afterDays: 365,
          title: text(nurtureTitleMaxLength),
          description: text(nurtureDescriptionMaxLength),
        })),
      },
      offers: { validityDays: 365 },
    };

    // Act
    await store.replace(stored(tenantId, 1, largest), 0, event(tenantId, '01JNEVENT0000000000000000G'));

    // Assess
    expect(await store.get(tenantId)).toEqual(stored(tenantId, 1, largest));
  });

  it('hands out turns 0, 1, 2 … per group', async () => {
    // Act
    const first = [
      await turns.nextTurn('tenant-turns', 'group-a'),
      await turns.nextTurn('tenant-turns', 'group-a'),
    ];
    const other = await turns.nextTurn('tenant-turns', 'group-b');
    const otherTenant = await turns.nextTurn('tenant-other', 'group-a');

    // Assess
    expect(first).toEqual([0, 1]);
    expect(other).toBe(0);
    expect(otherTenant).toBe(0);
  });

  it('gives leads routed at the same time distinct turns', async () => {
    // Act
    const given = await Promise.all(
      Array.from({ length: 25 }, () => turns.nextTurn('tenant-busy', 'group-a')),
    );

    // Assess
    expect([...given].sort((a, b) => a - b)).toEqual(Array.from({ length: 25 }, (_, i) => i));
  });
});

describe('the sales settings API', () => {
  let table: Table;
  let ids: ReturnType<typeof recordingIds>;
  let handler: ReturnType<typeof createHttpHandler>;
  let se: string;
  let sk: string;
  let groupId: string;

  beforeAll(async () => {
    table = await freshTable();
    const tenants = new DynamoTenantDirectory(table);
    const seProfile = swedishTenant();
    const skProfile = slovakTenant();
    await tenants.save(seProfile);
    await tenants.save(skProfile);
    se = seProfile.id;
    sk = skProfile.id;
    const settings = settingsServices({ table });
    const group = await settings.settings.create({ tenantId: se, userId: 'admin-1' }, 'user-group', {
      title: 'Inside sales',
      type: 'Sales',
    });
    groupId = group.value.id;
    ids = recordingIds();
    const service = new SalesSettingsService({
      ...serviceDeps(table, { ids }),
      salesSettings: new DynamoSalesSettingsStore(table),
      users: new InMemoryUsers().add(se, 'anna'),
      settings: new DynamoSettingsStore(table),
    });
    handler = createHttpHandler(salesSettingsApi(service), new Logger({ logLevel: 'SILENT' }));
  });

  async function call(
    tenantId: string,
    role: Role,
    routeKey: 'GET /v1/sales/settings' | 'PUT /v1/sales/settings',
    request: { body?: unknown; ifMatch?: string } = {},
  ) {
    const headers: Record<string, string> =
      request.ifMatch === undefined ? {} : { 'if-match': request.ifMatch };
    const caller = { tenantId, userId: `${role}-1`, roles: [role] };
    return answerOf(await handler(httpEvent(routeKey, caller, { body: request.body, headers })));
  }

  const invalidFields = (body: { 'invalid-params'?: { name: string }[] }) =>
    (body['invalid-params'] ?? []).map((f) => f.name);

  it('shows every user the defaults at version 0 until an admin sets the rules', async () => {
    // Act
    const read = await call(sk, 'viewer', 'GET /v1/sales/settings');

    // Assess
    expect(read.status).toBe(200);
    expect(read.headers.etag).toBe('"0"');
    expect(read.body).toEqual({
      version: 0,
      scoring: { rules: [] },
      routing: { rules: [] },
      nurturing: { rules: [] },
      offers: { validityDays: 30 },
    });
  });

  it('lets an admin set the rules with If-Match "0", stored with their event', async () => {
    // Prepare
    const body = {
      ...rules,
      routing: {
        rules: [{ id: 'b2b', when: { segment: 'B2B' }, to: { type: 'user', userId: 'anna' } }],
        fallback: { type: 'group', groupId },
      },
    };

    // Act
    const saved = await call(se, 'admin', 'PUT /v1/sales/settings', { body, ifMatch: '"0"' });
    const read = await call(se, 'sales', 'GET /v1/sales/settings');

    // Assess
    expect(saved.status).toBe(200);
    expect(saved.headers.etag).toBe('"1"');
    expect(saved.body).toMatchObject({ ...body, version: 1, updatedBy: 'admin-1' });
    expect(saved.body).not.toHaveProperty('tenantId');
    expect(read.body).toEqual(saved.body);
    const { Item } = await table.client.send(
      new GetCommand({
        TableName: table.name,
        Key: outboxEventEntity.key({ tenantId: se, eventId: ids.issued.at(-1) as string }),
      }),
    );
    expect(Item?.event).toMatchObject({
      type: 'SalesSettingsChanged',
      subject: { type: 'setting', id: 'sales-settings' },
      data: { version: 1, changed: ['scoring', 'routing', 'nurturing', 'offers'] },
    });
  });

  it('refuses a stale If-Match with 412 and a missing one with 428', async () => {
    // Act
    const stale = await call(se, 'admin', 'PUT /v1/sales/settings', { body: rules, ifMatch: '"0"' });
    const missing = await call(se, 'admin', 'PUT /v1/sales/settings', { body: rules });

    // Assess
    expect(stale.status).toBe(412);
    expect(missing.status).toBe(428);
  });

  it('lets no one but an admin change the rules', async () => {
    // Act
    const refused = await call(sk, 'sales', 'PUT /v1/sales/settings', { body: rules, ifMatch: '"0"' });

    // Assess
    expect(refused.status).toBe(403);
  });

  it('names a route to another tenant’s group and a rule out of bounds', async () => {
    // Prepare
    const body = {
      ...rules,
      scoring: {
        rules: [{ id: 'b2b', kind: 'attribute', attribute: 'segment', equals: 'B2B', points: 1001 }],
      },
      routing: { rules: [], fallback: { type: 'group', groupId } },
    };

    // Act
    const schemaRefused = await call(sk, 'admin', 'PUT /v1/sales/settings', { body, ifMatch: '"0"' });
    const groupRefused = await call(sk, 'admin', 'PUT /v1/sales/settings', {
      body: { ...rules, routing: body.routing },
      ifMatch: '"0"',
    });

    // Assess
    expect(schemaRefused.status).toBe(400);
    expect(invalidFields(schemaRefused.body)).toEqual(['scoring.rules.0.points']);
    expect(groupRefused.status).toBe(400);
    expect(invalidFields(groupRefused.body)).toEqual(['routing.fallback.groupId']);
  });
});
