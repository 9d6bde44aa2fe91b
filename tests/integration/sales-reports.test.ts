import { Logger } from '@aws-lambda-powertools/logger';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { monotonicFactory } from 'ulid';
import { beforeAll, describe, expect, it } from 'vitest';
import { reportsApi } from '#api/sales/reports-bindings';
import type { Caller } from '#domain/caller';
import { ForbiddenError, ValidationError } from '#domain/errors';
import { eventNamesOf } from '#domain/event-catalogue';
import type { DomainEvent } from '#domain/events';
import type { Deal, DealStageSnapshot } from '#domain/sales/deals/deal';
import type { Lead, LeadStage } from '#domain/sales/leads/lead';
import { dealDelta } from '#domain/sales/reports/forecast';
import type { SalesReportService } from '#domain/sales/reports/sales-report-service';
import { eventSources } from '#domain/service-context';
import type { Role } from '#domain/users/roles';
import { createHttpHandler } from '#http/http-handler';
import { salesReportServices } from '#runtime/sales-report-services';
import { settingsServices } from '#runtime/settings-services';
import type { Table } from '#table/core/table';
import { DynamoTenantDirectory } from '#table/core/tenant-directory';
import { appliedEventEntity } from '#table/sales/entities';
import { DynamoSalesAggregates } from '#table/sales/sales-aggregates-store';
import { answerOf, httpEvent } from '../support/http-event';
import { freshTable, swedishTenant } from '../support/local-table';
import { receivedEvent } from '../support/queue-messages';

const ulid = monotonicFactory();

const proposal: DealStageSnapshot = {
  id: 'proposal',
  title: 'Proposal',
  status: 'open',
  probabilityBasisPoints: 2_500,
};
const negotiation: DealStageSnapshot = {
  id: 'negotiation',
  title: 'Negotiation',
  status: 'open',
  probabilityBasisPoints: 6_000,
};
const won: DealStageSnapshot = { id: 'won', title: 'Won', status: 'won', probabilityBasisPoints: 10_000 };
const lost: DealStageSnapshot = { id: 'lost', title: 'Lost', status: 'lost', probabilityBasisPoints: 0 };

function deal(tenantId: string, overrides: Partial<Deal> = {}): Deal {
  return {
    id: ulid(),
    tenantId,
    createdAt: '2026-09-01T08:00:00.000Z',
    createdBy: 'anna',
    updatedAt: '2026-09-01T08:00:00.000Z',
    updatedBy: 'anna',
    version: 1,
    title: 'Fjärrvärme, Umeå',
    accountId: ulid(),
    ownerId: 'anna',
    participants: [{ userId: 'anna', shareBasisPoints: 10_000 }],
    supplyPointIds: [],
    valueMinor: 1_000_000,
    currency: 'SEK',
    expectedCloseDate: '2026-11-15',
    stage: proposal,
    stageHistory: [],
    forecastGroupIds: [],
    ...overrides,
  };
}

function lead(tenantId: string, overrides: Partial<Lead> = {}): Lead {
  return {
    id: ulid(),
    tenantId,
    createdAt: '2026-09-01T08:00:00.000Z',
    createdBy: 'webhook',
    updatedAt: '2026-09-01T08:00:00.000Z',
    updatedBy: 'webhook',
    version: 1,
    lastName: 'Lindqvist',
    email: 'lindqvist@example.se',
    segment: 'B2C',
    attribution: { source: 'manual' },
    stage: 'lead',
    stageHistory: [{ stage: 'lead', at: '2026-09-01T08:00:00.000Z', by: 'webhook' }],
    score: 0,
    scoreLines: [],
    engagement: { emailsOpened: 0, meetings: 0 },
    possibleDuplicates: [],
    ...overrides,
  };
}

const movedTo = (l: Lead, stage: LeadStage): Lead => ({
  ...l,
  version: l.version + 1,
  stage,
  stageHistory: [...l.stageHistory, { stage, at: '2026-09-02T08:00:00.000Z', by: 'anna' }],
});

/** A sales event as the lead engineer's services write it. */
function event(
  type: string,
  subject: 'deal' | 'lead',
  data: { deal?: Deal; lead?: Lead; previous?: Deal | Lead },
): DomainEvent {
  const record = (data.deal ?? data.lead) as Deal | Lead;
  return {
    id: ulid(),
    type,
    source: 'gridline.sales',
    tenantId: record.tenantId,
    occurredAt: '2026-09-02T08:00:00.000Z',
    actor: { userId: 'anna' },
    subject: { type: subject, id: record.id },
    data,
  };
}

const changed = (type: string, previous: Deal, next: Deal) => event(type, 'deal', { deal: next, previous });

/** One deal's life: created, moved on, handed from anna to erik, then won. */
function dealLife(tenantId: string, groups: { north: string; sales: string }) {
  const v1 = deal(tenantId, { forecastGroupIds: [groups.north, groups.sales] });
  const v2 = { ...v1, version: 2, stage: negotiation };
  const v3 = { ...v2, version: 3, ownerId: 'erik', forecastGroupIds: [groups.sales] };
  const v4 = { ...v3, version: 4, stage: won, closedAt: '2026-10-20T10:00:00.000Z' };
  return [
    event('DealCreated', 'deal', { deal: v1 }),
    changed('DealStageChanged', v1, v2),
    changed('DealUpdated', v2, v3),
    changed('DealStageChanged', v3, v4),
  ];
}

const as = (tenantId: string, userId: string, ...roles: Role[]): Caller => ({ tenantId, userId, roles });

interface Setup {
  table: Table;
  tenantId: string;
  reports: SalesReportService;
  apply: (e: DomainEvent) => Promise<void>;
  commands: string[];
  groups: { north: string; sales: string };
  priceReason: string;
}

async function setUp(): Promise<Setup> {
  const commands: string[] = [];
  const table = await freshTable((command) => commands.push(command));
  const tenant = swedishTenant();
  await new DynamoTenantDirectory(table).save(tenant);
  const admin = { tenantId: tenant.id, userId: 'admin' };
  const { settings } = settingsServices({ table });
  const sales = await settings.create(admin, 'user-group', { title: 'Försäljning', type: 'Sales' });
  const north = await settings.create(admin, 'user-group', {
    title: 'Norr',
    type: 'Sales',
    parentId: sales.value.id,
  });
  const price = await settings.create(admin, 'loss-reason', { title: 'Priset' });
  const { reports, projection } = salesReportServices({ table });
  return {
    table,
    tenantId: tenant.id,
    reports,
    // Read as the sales-reports queue delivers it.
    apply: async (e) => projection.apply(receivedEvent(e, eventNamesOf(eventSources.sales))),
    commands,
    groups: { north: north.value.id, sales: sales.value.id },
    priceReason: price.value.id,
  };
}

const range = { from: '2026-09', to: '2026-12' };

describe('sales reports from the aggregates', () => {
  let s: Setup;

  beforeAll(async () => {
    s = await setUp();
    const { tenantId, groups } = s;
    for (const e of dealLife(tenantId, groups)) await s.apply(e);
    // Still open: erik's proposal in November, anna's in December in the north group.
    await s.apply(
      event('DealCreated', 'deal', { deal: deal(tenantId, { ownerId: 'erik', valueMinor: 400_002 }) }),
    );
    await s.apply(
      event('DealCreated', 'deal', {
        deal: deal(tenantId, {
          expectedCloseDate: '2026-12-01',
          forecastGroupIds: [groups.north, groups.sales],
        }),
      }),
    );
    // Lost on price in October.
    const doomed = deal(tenantId, { valueMinor: 250_000 });
    await s.apply(event('DealCreated', 'deal', { deal: doomed }));
    await s.apply(
      changed('DealStageChanged', doomed, {
        ...doomed,
        version: 2,
        stage: lost,
        lossReasonId: s.priceReason,
        closedAt: '2026-10-05T09:00:00.000Z',
      }),
    );
  });

  it('reports the weighted pipeline per owner and month', async () => {
    // Act
    const report = await s.reports.forecast(as(s.tenantId, 'admin', 'admin'), { by: 'owner', ...range });

    // Assess: 25 % of 400 002 is 100 000.5, rounded half up.
    expect(report.currency).toBe('SEK');
    expect(report.rows).toEqual([
      { key: 'erik', month: '2026-11', openCount: 1, valueMinor: 400_002, weightedMinor: 100_001 },
      { key: 'anna', month: '2026-12', openCount: 1, valueMinor: 1_000_000, weightedMinor: 250_000 },
    ]);
    expect(report.totals).toEqual({ openCount: 2, valueMinor: 1_400_002, weightedMinor: 350_001 });
  });

  it('reports per group with sub-groups counted in their parents, titled, and each deal once in the totals', async () => {
    // Act
    const report = await s.reports.forecast(as(s.tenantId, 'viewer', 'viewer'), { by: 'group', ...range });

    // Assess: only anna's December deal is in a group (north, under sales).
    const december = { month: '2026-12', openCount: 1, valueMinor: 1_000_000, weightedMinor: 250_000 };
    expect(report.rows).toHaveLength(2);
    expect(report.rows).toEqual(
      expect.arrayContaining([
        { key: s.groups.north, title: 'Norr', ...december },
        { key: s.groups.sales, title: 'Försäljning', ...december },
      ]),
    );
    expect(report.totals).toEqual({ openCount: 1, valueMinor: 1_000_000, weightedMinor: 250_000 });
  });

  it('reports won and lost deals by reason in the month they closed', async () => {
    // Act
    const report = await s.reports.winLoss(as(s.tenantId, 'admin', 'admin'), range);

    // Assess
    expect(report.rows).toEqual([
      { outcome: 'won', month: '2026-10', count: 1, valueMinor: 1_000_000 },
      {
        outcome: 'lost',
        month: '2026-10',
        lossReasonId: s.priceReason,
        title: 'Priset',
        count: 1,
        valueMinor: 250_000,
      },
    ]);
    expect(report.totals).toEqual({
      won: { count: 1, valueMinor: 1_000_000 },
      lost: { count: 1, valueMinor: 250_000 },
      winRateBasisPoints: 5_000,
    });
  });

  it('reads a report with one Query, whatever the number of deals', async () => {
    // Prepare: the tenant profile is cached, as in a warm container.
    await s.reports.forecast(as(s.tenantId, 'admin', 'admin'), { by: 'month', ...range });
    s.commands.length = 0;

    // Act
    const report = await s.reports.forecast(as(s.tenantId, 'admin', 'admin'), { by: 'month', ...range });
    const afterMonth = [...s.commands];
    await s.reports.forecast(as(s.tenantId, 'admin', 'admin'), { by: 'owner', ...range });

    // Assess
    expect(afterMonth).toEqual(['QueryCommand']);
    expect(s.commands).toEqual(['QueryCommand', 'QueryCommand']);
    expect(report.rows.map((r) => [r.key, r.openCount])).toEqual([
      ['2026-11', 1],
      ['2026-12', 1],
    ]);
  });

  it('shows a sales user their own row only, and refuses them the other cuts and win/loss', async () => {
    // Act
    const own = await s.reports.forecast(as(s.tenantId, 'erik', 'sales'), { by: 'owner', ...range });

    // Assess
    expect(own.rows.map((r) => r.key)).toEqual(['erik']);
    expect(own.totals.valueMinor).toBe(400_002);
    const erik = as(s.tenantId, 'erik', 'sales');
    await expect(s.reports.forecast(erik, { by: 'group', ...range })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(s.reports.forecast(erik, { by: 'month', ...range })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(s.reports.winLoss(erik, range)).rejects.toBeInstanceOf(ForbiddenError);
    const marketing = as(s.tenantId, 'maja', 'marketing');
    await expect(s.reports.forecast(marketing, { by: 'owner', ...range })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await expect(s.reports.funnel(as(s.tenantId, 'sven', 'service'), {})).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    // A sales user who is also an admin sees everyone.
    const both = await s.reports.forecast(as(s.tenantId, 'erik', 'sales', 'admin'), {
      by: 'owner',
      ...range,
    });
    expect(both.rows.map((r) => r.key).sort()).toEqual(['anna', 'erik']);
  });

  it('refuses a range of more than 36 months or ending before it starts, naming the field', async () => {
    const admin = as(s.tenantId, 'admin', 'admin');
    await expect(s.reports.winLoss(admin, { from: '2026-01', to: '2029-01' })).rejects.toMatchObject({
      fields: [{ name: 'to' }],
    });
    await expect(
      s.reports.forecast(admin, { by: 'month', from: '2026-05', to: '2026-04' }),
    ).rejects.toBeInstanceOf(ValidationError);
    await expect(
      s.reports.forecast(admin, { by: 'month', from: '2026-13', to: '2027-01' }),
    ).rejects.toMatchObject({
      fields: [{ name: 'from' }],
    });
  });
});

describe('the sales projection under redelivery and reordering', () => {
  it('adds a redelivered event once', async () => {
    // Prepare
    const s = await setUp();
    const created = event('DealCreated', 'deal', { deal: deal(s.tenantId) });
    await s.apply(created);
    s.commands.length = 0;

    // Act
    await s.apply(created);

    // Assess
    const report = await s.reports.forecast(as(s.tenantId, 'admin', 'admin'), { by: 'month', ...range });
    expect(report.totals).toEqual({ openCount: 1, valueMinor: 1_000_000, weightedMinor: 250_000 });
    expect(s.commands[0]).toBe('TransactWriteItemsCommand');
    const marker = await s.table.client.send(
      new GetCommand({
        TableName: s.table.name,
        Key: appliedEventEntity.key({ tenantId: s.tenantId, projection: 'forecast', eventId: created.id }),
      }),
    );
    const inFourteenDays = Date.now() / 1000 + 14 * 24 * 3600;
    expect(marker.Item?.expiresAt).toBeGreaterThan(inFourteenDays - 60);
    expect(marker.Item?.expiresAt).toBeLessThanOrEqual(inFourteenDays + 1);
  });

  it('reaches the same totals when events arrive in any order', async () => {
    // Prepare
    const inOrder = await setUp();
    const shuffled = await setUp();
    const lifeInOrder = dealLife(inOrder.tenantId, inOrder.groups);
    const lifeShuffled = dealLife(shuffled.tenantId, shuffled.groups);
    const reportsOf = async (setup: Setup) => {
      const admin = as(setup.tenantId, 'admin', 'admin');
      return {
        byOwner: (await setup.reports.forecast(admin, { by: 'owner', ...range })).rows,
        byMonth: (await setup.reports.forecast(admin, { by: 'month', ...range })).rows,
        outcomes: (await setup.reports.winLoss(admin, range)).totals,
      };
    };

    // Act: the handover to erik arrives first, the creation last.
    for (const e of lifeInOrder.slice(0, 3)) await inOrder.apply(e);
    for (const i of [2, 1, 0]) await shuffled.apply(lifeShuffled[i] as DomainEvent);
    const open = [await reportsOf(inOrder), await reportsOf(shuffled)];
    await inOrder.apply(lifeInOrder[3] as DomainEvent);
    await shuffled.apply(lifeShuffled[3] as DomainEvent);
    const closed = [await reportsOf(inOrder), await reportsOf(shuffled)];

    // Assess
    expect(open[1]).toEqual(open[0]);
    expect(open[0]?.byOwner).toEqual([
      { key: 'erik', month: '2026-11', openCount: 1, valueMinor: 1_000_000, weightedMinor: 600_000 },
    ]);
    expect(closed[1]).toEqual(closed[0]);
    expect(closed[0]?.byOwner).toEqual([]);
    expect(closed[0]?.outcomes.won).toEqual({ count: 1, valueMinor: 1_000_000 });
  });

  it('applies an event with more than 99 buckets in parts, each once', async () => {
    // Prepare: an owner in 60 groups, the deal moved to another month: 2 × 63 buckets.
    const s = await setUp();
    const groups = Array.from({ length: 60 }, (_, i) => `G${String(i).padStart(3, '0')}`);
    const before = deal(s.tenantId, { forecastGroupIds: groups });
    const after = { ...before, version: 2, expectedCloseDate: '2026-12-10' };
    const moved = changed('DealUpdated', before, after);
    await s.apply(event('DealCreated', 'deal', { deal: before }));

    // Act
    await s.apply(moved);
    await s.apply(moved);

    // Assess
    const admin = as(s.tenantId, 'admin', 'admin');
    const report = await s.reports.forecast(admin, { by: 'group', ...range });
    expect(report.rows).toHaveLength(60);
    expect(report.rows.every((r) => r.month === '2026-12' && r.openCount === 1)).toBe(true);
    expect(report.totals.openCount).toBe(1);
    const again = await new DynamoSalesAggregates(s.table).apply(
      s.tenantId,
      'forecast',
      moved.id,
      dealDelta(before, after),
    );
    expect(again).toBe(false);
  });

  it('keeps the funnel per stage, source and campaign, and writes nothing for events that do not move it', async () => {
    // Prepare
    const s = await setUp();
    const webLead = lead(s.tenantId, { attribution: { source: 'webform', campaign: 'host-2026' } });
    const phoned = lead(s.tenantId);
    const qualified = movedTo(webLead, 'sales-qualified');
    await s.apply(event('LeadCreated', 'lead', { lead: webLead }));
    await s.apply(event('LeadCreated', 'lead', { lead: phoned }));
    await s.apply(event('LeadStageChanged', 'lead', { lead: qualified, previous: webLead }));
    s.commands.length = 0;

    // Act
    await s.apply(event('LeadScored', 'lead', { lead: { ...qualified, score: 55 }, previous: qualified }));
    const written = [...s.commands];
    const marketing = as(s.tenantId, 'maja', 'marketing');
    const tenant = await s.reports.funnel(marketing, {});
    const bySource = await s.reports.funnel(marketing, { by: 'source' });
    const byCampaign = await s.reports.funnel(as(s.tenantId, 'anna', 'sales'), { by: 'campaign' });

    // Assess
    expect(written).toEqual([]);
    const counts = (stages: readonly { stage: string; current: number; reached: number }[]) =>
      Object.fromEntries(stages.map((x) => [x.stage, [x.current, x.reached]]));
    expect(counts(tenant.rows[0]?.stages ?? [])).toEqual({
      lead: [1, 2],
      'marketing-qualified': [0, 1],
      'sales-accepted': [0, 1],
      'sales-qualified': [1, 1],
      converted: [0, 0],
      disqualified: [0, 0],
    });
    expect(bySource.rows.map((r) => r.key)).toEqual(['manual', 'webform']);
    expect(byCampaign.rows.map((r) => [r.key, counts(r.stages)['sales-qualified']])).toEqual([
      ['host-2026', [1, 1]],
    ]);
  });

  it('refuses events of other sources and events that do not carry the record before, and writes nothing', async () => {
    // Prepare
    const s = await setUp();
    const d = deal(s.tenantId);
    s.commands.length = 0;

    // Act
    const otherSource = s.apply({
      ...event('DealCreated', 'deal', { deal: d }),
      source: 'gridline.accounts',
    });
    const withoutPrevious = s.apply(event('DealUpdated', 'deal', { deal: d }));

    // Assess
    await Promise.all([
      expect(otherSource).rejects.toThrow(/source/),
      expect(withoutPrevious).rejects.toThrow(/previous/),
    ]);
    expect(s.commands).toEqual([]);
  });
});

describe('the reports over HTTP', () => {
  it('answers 400 naming the field and 403 for a cut the role may not read', async () => {
    // Prepare
    const s = await setUp();
    const handler = createHttpHandler(reportsApi(s.reports), new Logger({ logLevel: 'SILENT' }));
    const get = async (path: string, query: Record<string, string>, role: Role) => {
      const caller = { tenantId: s.tenantId, userId: `${role}-1`, roles: [role] };
      return answerOf(await handler(httpEvent(`GET ${path}`, caller, { query })));
    };

    // Act
    const badMonth = await get(
      '/v1/reports/forecast',
      { by: 'owner', from: '2026-13', to: '2026-12' },
      'admin',
    );
    const tooLong = await get('/v1/reports/win-loss', { from: '2026-01', to: '2029-12' }, 'admin');
    const forbidden = await get('/v1/reports/forecast', { by: 'group', ...range }, 'sales');
    const funnel = await get('/v1/reports/funnel', {}, 'marketing');

    // Assess
    expect(badMonth.status).toBe(400);
    expect(badMonth.body['invalid-params'].map((p: { name: string }) => p.name)).toEqual(['from']);
    expect(tooLong.status).toBe(400);
    expect(tooLong.body['invalid-params'].map((p: { name: string }) => p.name)).toEqual(['to']);
    expect(forbidden.status).toBe(403);
    expect(funnel.status).toBe(200);
    expect(funnel.body.rows[0].stages).toHaveLength(6);
  });
});
