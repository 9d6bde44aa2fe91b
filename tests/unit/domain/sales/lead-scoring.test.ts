import { describe, expect, it } from 'vitest';
import { type ScoredLead, scoreLead } from '#domain/sales/leads/lead-scoring';
import type { ScoringRule } from '#domain/sales/sales-settings';

const lead = (extra: Partial<ScoredLead> = {}): ScoredLead => ({
  segment: 'B2B',
  commodity: 'electricity',
  annualConsumptionKwh: 120_000,
  territoryCode: 'SE3',
  attribution: { source: 'manual', campaign: 'Spring-2025' },
  engagement: { emailsOpened: 0, meetings: 0 },
  ...extra,
});

describe('scoreLead', () => {
  it('adds the points of every matching rule, with a line per rule in the rules’ order', () => {
    // Prepare
    const rules: ScoringRule[] = [
      { id: 'b2b', kind: 'attribute', attribute: 'segment', equals: 'B2B', points: 20 },
      { id: 'gas', kind: 'attribute', attribute: 'commodity', equals: 'gas', points: 50 },
      { id: 'big', kind: 'consumption', atLeastKwh: 100_000, points: 30 },
      { id: 'north', kind: 'attribute', attribute: 'territoryCode', equals: 'SE1', points: -10 },
      { id: 'se3', kind: 'attribute', attribute: 'territoryCode', equals: 'SE3', points: -5 },
    ];

    // Act
    const result = scoreLead(lead(), rules);

    // Assess
    expect(result).toEqual({
      score: 45,
      lines: [
        { rule: 'b2b', points: 20 },
        { rule: 'big', points: 30 },
        { rule: 'se3', points: -5 },
      ],
    });
  });

  it('matches attributes ignoring case, the attribution’s source and campaign included', () => {
    // Prepare
    const rules: ScoringRule[] = [
      { id: 'segment', kind: 'attribute', attribute: 'segment', equals: 'b2b', points: 1 },
      { id: 'territory', kind: 'attribute', attribute: 'territoryCode', equals: 'se3', points: 2 },
      { id: 'source', kind: 'attribute', attribute: 'source', equals: 'MANUAL', points: 4 },
      { id: 'campaign', kind: 'attribute', attribute: 'campaign', equals: 'spring-2025', points: 8 },
    ];

    // Act
    const { score } = scoreLead(lead(), rules);

    // Assess
    expect(score).toBe(15);
  });

  it('gives nothing for an attribute the lead does not have', () => {
    // Prepare
    const rules: ScoringRule[] = [
      { id: 'campaign', kind: 'attribute', attribute: 'campaign', equals: 'spring-2025', points: 8 },
      { id: 'any', kind: 'consumption', atLeastKwh: 0, points: 3 },
    ];
    const bare = lead({ attribution: { source: 'manual' }, annualConsumptionKwh: undefined });

    // Act
    const result = scoreLead(bare, rules);

    // Assess
    expect(result).toEqual({ score: 0, lines: [] });
  });

  it('counts consumption from atLeastKwh up to, not including, belowKwh', () => {
    // Prepare
    const band: ScoringRule[] = [
      { id: 'mid', kind: 'consumption', atLeastKwh: 10_000, belowKwh: 50_000, points: 10 },
    ];

    // Act
    const scores = [9_999, 10_000, 49_999, 50_000].map(
      (kwh) => scoreLead(lead({ annualConsumptionKwh: kwh }), band).score,
    );

    // Assess
    expect(scores).toEqual([0, 10, 10, 0]);
  });

  it('gives activity points for each e-mail opened or meeting, up to the rule’s maximum', () => {
    // Prepare
    const rules: ScoringRule[] = [
      { id: 'opens', kind: 'activity', activity: 'email-opened', pointsEach: 5, maxPoints: 20 },
      { id: 'meetings', kind: 'activity', activity: 'meeting', pointsEach: 15, maxPoints: 100 },
    ];

    // Act
    const result = scoreLead(lead({ engagement: { emailsOpened: 7, meetings: 2 } }), rules);

    // Assess
    expect(result.lines).toEqual([
      { rule: 'opens', points: 20 },
      { rule: 'meetings', points: 30 },
    ]);
    expect(result.score).toBe(50);
  });

  it('caps a negative activity rule at the size of its maximum', () => {
    // Prepare
    const rules: ScoringRule[] = [
      { id: 'ignored-mails', kind: 'activity', activity: 'email-opened', pointsEach: -4, maxPoints: 10 },
    ];

    // Act
    const result = scoreLead(lead({ engagement: { emailsOpened: 6, meetings: 0 } }), rules);

    // Assess
    expect(result).toEqual({ score: -10, lines: [{ rule: 'ignored-mails', points: -10 }] });
  });

  it('gives no line for an activity the lead has not shown', () => {
    // Prepare
    const rules: ScoringRule[] = [
      { id: 'meetings', kind: 'activity', activity: 'meeting', pointsEach: -15, maxPoints: 30 },
    ];

    // Act
    const result = scoreLead(lead(), rules);

    // Assess
    expect(result).toEqual({ score: 0, lines: [] });
  });
});
