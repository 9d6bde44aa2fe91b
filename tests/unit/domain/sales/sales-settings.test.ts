import { describe, expect, it } from 'vitest';
import {
  defaultSalesSettings,
  normalisedSalesRules,
  type SalesRules,
  validateSalesSettings,
} from '#domain/sales/sales-settings';

const valid: SalesRules = {
  scoring: {
    rules: [
      { id: 'b2b', kind: 'attribute', attribute: 'segment', equals: 'B2B', points: 20 },
      { id: 'big', kind: 'consumption', atLeastKwh: 100_000, belowKwh: 1_000_000, points: 30 },
      { id: 'opens', kind: 'activity', activity: 'email-opened', pointsEach: 5, maxPoints: 25 },
    ],
    qualifyAt: 50,
  },
  routing: {
    rules: [{ id: 'gas', when: { commodity: 'gas', minScore: 10 }, to: { type: 'group', groupId: 'g1' } }],
    fallback: { type: 'user', userId: 'anna' },
  },
  nurturing: { rules: [{ id: 'call', stage: 'lead', afterDays: 2, title: 'Call the lead' }] },
  offers: { validityDays: 14 },
};

const fieldsOf = (rules: SalesRules) => validateSalesSettings(rules).map((f) => f.name);

describe('defaultSalesSettings', () => {
  it('has no rules, never qualifies by itself and keeps offers 30 days, at version 0', () => {
    // Act
    const defaults = defaultSalesSettings('tenant-se');

    // Assess
    expect(defaults).toEqual({
      tenantId: 'tenant-se',
      version: 0,
      scoring: { rules: [] },
      routing: { rules: [] },
      nurturing: { rules: [] },
      offers: { validityDays: 30 },
    });
    expect(validateSalesSettings(defaults)).toEqual([]);
  });
});

describe('validateSalesSettings', () => {
  it('accepts rules within the limits', () => {
    // Act
    const problems = validateSalesSettings(valid);

    // Assess
    expect(problems).toEqual([]);
  });

  it('names each scoring rule field at fault by its path', () => {
    // Prepare
    const rules: SalesRules = {
      ...valid,
      scoring: {
        rules: [
          { id: 'ok', kind: 'attribute', attribute: 'segment', equals: 'B2X', points: 1 },
          { id: 'band', kind: 'consumption', atLeastKwh: 500, belowKwh: 500, points: 1.5 },
          { id: 'opens', kind: 'activity', activity: 'email-opened', pointsEach: 1001, maxPoints: 0 },
        ],
        qualifyAt: 100_001,
      },
    };

    // Act
    const fields = fieldsOf(rules);

    // Assess
    expect(fields).toEqual([
      'scoring.rules.0.equals',
      'scoring.rules.1.belowKwh',
      'scoring.rules.1.points',
      'scoring.rules.2.pointsEach',
      'scoring.rules.2.maxPoints',
      'scoring.qualifyAt',
    ]);
  });

  it('accepts negative points down to -1000, and a known segment or commodity in any case', () => {
    // Prepare
    const rules: SalesRules = {
      ...valid,
      scoring: {
        rules: [
          { id: 'b2c', kind: 'attribute', attribute: 'segment', equals: 'b2c', points: -1000 },
          { id: 'heat', kind: 'attribute', attribute: 'commodity', equals: 'District-Heating', points: 5 },
          { id: 'web', kind: 'attribute', attribute: 'source', equals: 'anything at all', points: 1 },
        ],
      },
    };

    // Act
    const problems = validateSalesSettings(rules);

    // Assess
    expect(problems).toEqual([]);
  });

  it('refuses a rule id used twice in a list, naming its second use, but allows it in another list', () => {
    // Prepare
    const rules: SalesRules = {
      ...valid,
      scoring: {
        rules: [
          { id: 'call', kind: 'consumption', atLeastKwh: 0, points: 1 },
          { id: 'call', kind: 'consumption', atLeastKwh: 10, points: 1 },
          { id: ' bad id', kind: 'consumption', atLeastKwh: 10, points: 1 },
        ],
      },
    };

    // Act
    const fields = fieldsOf(rules);

    // Assess
    expect(fields).toEqual(['scoring.rules.1.id', 'scoring.rules.2.id']);
  });

  it('refuses more than 100 rules in a list', () => {
    // Prepare
    const many = Array.from({ length: 101 }, (_, i) => ({
      id: `call-${i}`,
      stage: 'lead' as const,
      afterDays: 1,
      title: 'Call',
    }));

    // Act
    const fields = fieldsOf({ ...valid, nurturing: { rules: many } });

    // Assess
    expect(fields).toEqual(['nurturing.rules']);
  });

  it('names routing conditions and targets at fault', () => {
    // Prepare
    const rules: SalesRules = {
      ...valid,
      routing: {
        rules: [
          {
            id: 'r',
            when: { segment: 'B2G' as never, territoryCode: ' ', minScore: 0.5 },
            to: { type: 'user', userId: '' },
          },
        ],
        fallback: { type: 'team' } as never,
      },
    };

    // Act
    const fields = fieldsOf(rules);

    // Assess
    expect(fields).toEqual([
      'routing.rules.0.when.segment',
      'routing.rules.0.when.territoryCode',
      'routing.rules.0.when.minScore',
      'routing.rules.0.to.userId',
      'routing.fallback.type',
    ]);
  });

  it('holds nurture rules and offer validity to 1–365 days and titles to 200 characters', () => {
    // Prepare
    const rules: SalesRules = {
      ...valid,
      nurturing: {
        rules: [
          { id: 'a', stage: 'lead', afterDays: 0, title: 'x'.repeat(201) },
          { id: 'b', stage: 'converted' as never, afterDays: 366, title: '  ' },
          { id: 'c', stage: 'sales-accepted', afterDays: 365, title: 'x'.repeat(200) },
        ],
      },
      offers: { validityDays: 366 },
    };

    // Act
    const fields = fieldsOf(rules);

    // Assess
    expect(fields).toEqual([
      'nurturing.rules.0.afterDays',
      'nurturing.rules.0.title',
      'nurturing.rules.1.stage',
      'nurturing.rules.1.afterDays',
      'nurturing.rules.1.title',
      'offers.validityDays',
    ]);
  });
});

describe('normalisedSalesRules', () => {
  it('trims text, drops a blank description and fields a rule of its kind does not have', () => {
    // Prepare
    const rules = {
      ...valid,
      scoring: {
        rules: [
          {
            id: ' b2b ',
            kind: 'attribute',
            attribute: 'segment',
            equals: ' B2B ',
            points: 20,
            pointsEach: 3,
          },
        ],
      },
      nurturing: {
        rules: [{ id: 'call', stage: 'lead', afterDays: 2, title: '  Call the lead ', description: '   ' }],
      },
    } as unknown as SalesRules;

    // Act
    const normalised = normalisedSalesRules(rules);

    // Assess
    expect(normalised.scoring.rules).toEqual([
      { id: 'b2b', kind: 'attribute', attribute: 'segment', equals: 'B2B', points: 20 },
    ]);
    expect(normalised.nurturing.rules).toEqual([
      { id: 'call', stage: 'lead', afterDays: 2, title: 'Call the lead' },
    ]);
  });
});

describe('normalisedSalesRules and validateSalesSettings together', () => {
  it('leave a rule kind or target type they do not know for the validation to name', () => {
    // Prepare
    const rules = {
      ...valid,
      scoring: { rules: [{ id: 'weather', kind: 'weather', points: 1 }] },
      routing: { rules: [], fallback: { type: 'team', teamId: 't1' } },
    } as unknown as SalesRules;

    // Act
    const fields = fieldsOf(normalisedSalesRules(rules));

    // Assess
    expect(fields).toEqual(['scoring.rules.0.kind', 'routing.fallback.type']);
  });
});
