import { describe, expect, it } from 'vitest';
import type { Lead, LeadStage } from '#domain/sales/leads/lead';
import { type BucketDelta, mergeDeltas } from '#domain/sales/reports/bucket-delta';
import {
  campaignKey,
  campaignKeyMaxLength,
  type FunnelBucket,
  leadContribution,
  leadDelta,
  stagesReached,
} from '#domain/sales/reports/funnel';

const lead = (overrides: Partial<Lead> = {}): Lead => ({
  id: 'lead-1',
  tenantId: 'tenant-se',
  createdAt: '2026-09-01T08:00:00.000Z',
  createdBy: 'webhook',
  updatedAt: '2026-09-01T08:00:00.000Z',
  updatedBy: 'webhook',
  version: 1,
  firstName: 'Karin',
  lastName: 'Öberg',
  email: 'karin.oberg@example.se',
  segment: 'B2C',
  attribution: { source: 'source-elpriskollen', campaign: 'host-2026' },
  stage: 'lead',
  stageHistory: [{ stage: 'lead', at: '2026-09-01T08:00:00.000Z', by: 'webhook' }],
  score: 0,
  scoreLines: [],
  engagement: { emailsOpened: 0, meetings: 0 },
  possibleDuplicates: [],
  ...overrides,
});

/** A lead moved along the given stages, with its history. */
function movedTo(base: Lead, ...stages: LeadStage[]): Lead {
  return {
    ...base,
    stage: stages.at(-1) ?? base.stage,
    stageHistory: [
      ...base.stageHistory,
      ...stages.map((stage) => ({ stage, at: '2026-09-02T08:00:00.000Z', by: 'anna' })),
    ],
  };
}

function table(deltas: readonly BucketDelta<FunnelBucket>[]): Record<string, Record<string, number>> {
  return Object.fromEntries(deltas.map(({ bucket, amounts }) => [Object.values(bucket).join(' '), amounts]));
}

/** The same amounts in the tenant's, the source's and the campaign's funnel. */
const inEachCut = (stage: LeadStage, amounts: Record<string, number>) => ({
  [`stage ${stage}`]: amounts,
  [`source source-elpriskollen ${stage}`]: amounts,
  [`campaign host-2026 ${stage}`]: amounts,
});

describe('stagesReached', () => {
  it('counts the stages a lead skipped on its way as passed', () => {
    expect(stagesReached(movedTo(lead(), 'sales-qualified'))).toEqual([
      'lead',
      'marketing-qualified',
      'sales-accepted',
      'sales-qualified',
    ]);
  });

  it('counts a disqualified lead in the stages it passed and in disqualified', () => {
    expect(stagesReached(movedTo(lead(), 'marketing-qualified', 'disqualified'))).toEqual([
      'lead',
      'marketing-qualified',
      'disqualified',
    ]);
  });
});

describe('campaignKey', () => {
  it('keeps a long campaign name to its first characters and drops a blank one', () => {
    expect(campaignKey('x'.repeat(campaignKeyMaxLength + 50))).toHaveLength(campaignKeyMaxLength);
    expect(campaignKey('  ')).toBeUndefined();
    expect(campaignKey(undefined)).toBeUndefined();
  });
});

describe('leadDelta', () => {
  it('adds a new lead to its stage, in the tenant, its source and its campaign', () => {
    expect(table(leadDelta(undefined, lead()))).toEqual(inEachCut('lead', { current: 1, reached: 1 }));
  });

  it('counts a lead without a campaign in the tenant and its source only', () => {
    expect(table(leadDelta(undefined, lead({ attribution: { source: 'manual' } })))).toEqual({
      'stage lead': { current: 1, reached: 1 },
      'source manual lead': { current: 1, reached: 1 },
    });
  });

  it('moves the current count and adds every stage reached, skipped ones included', () => {
    // Act
    const before = lead();
    const deltas = leadDelta(before, movedTo(before, 'sales-accepted'));

    // Assess
    expect(table(deltas)).toEqual({
      ...inEachCut('lead', { current: -1 }),
      ...inEachCut('marketing-qualified', { reached: 1 }),
      ...inEachCut('sales-accepted', { current: 1, reached: 1 }),
    });
  });

  it('moves a converted lead out of sales-qualified and into converted', () => {
    const qualified = movedTo(lead(), 'sales-qualified');
    expect(table(leadDelta(qualified, movedTo(qualified, 'converted')))).toEqual({
      ...inEachCut('sales-qualified', { current: -1 }),
      ...inEachCut('converted', { current: 1, reached: 1 }),
    });
  });

  it('moves nothing for an event that leaves the stage and attribution as they were', () => {
    expect(leadDelta(lead(), lead({ score: 40, version: 2 }))).toEqual([]);
  });

  it('moves the lead between campaigns when its attribution changes', () => {
    // Act
    const deltas = leadDelta(
      lead(),
      lead({ attribution: { source: 'source-elpriskollen', campaign: 'vinter-2026' } }),
    );

    // Assess
    expect(table(deltas)).toEqual({
      'campaign host-2026 lead': { current: -1, reached: -1 },
      'campaign vinter-2026 lead': { current: 1, reached: 1 },
    });
  });

  it('pairs up: the deltas of a lead’s changes sum to its contribution now', () => {
    // Prepare
    const created = lead();
    const states = [
      created,
      movedTo(created, 'marketing-qualified'),
      lead({ ...movedTo(created, 'marketing-qualified'), attribution: { source: 'manual' } }),
    ];
    const disqualified = movedTo(states[2] as Lead, 'disqualified');
    states.push(disqualified);

    // Act
    const summed = mergeDeltas([
      ...leadDelta(undefined, created),
      ...states.slice(1).flatMap((state, i) => leadDelta(states[i], state)),
    ]);

    // Assess
    expect(table(summed)).toEqual(table(leadContribution(disqualified)));
    expect(table(mergeDeltas(states.slice(1).flatMap((s, i) => leadDelta(states[i], s))))).toEqual(
      table(leadDelta(created, disqualified)),
    );
  });
});
