import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from '#api/docs/openapi';
import { salesSettingsRoutes } from '#api/sales/sales-settings-routes';
import { replaceSalesSettingsBody } from '#api/sales/sales-settings-schemas';

const body = {
  scoring: {
    rules: [
      { id: 'b2b', kind: 'attribute', attribute: 'segment', equals: 'B2B', points: 20 },
      { id: 'big', kind: 'consumption', atLeastKwh: 100_000, points: 30 },
      { id: 'opens', kind: 'activity', activity: 'email-opened', pointsEach: 5, maxPoints: 25 },
    ],
    qualifyAt: 50,
  },
  routing: {
    rules: [
      {
        id: 'gas',
        when: { commodity: 'gas', minScore: 10 },
        to: { type: 'group', groupId: '01JNGRP0000000000000000000' },
      },
    ],
    fallback: { type: 'user', userId: 'anna-1' },
  },
  nurturing: { rules: [{ id: 'call', stage: 'lead', afterDays: 2, title: 'Call the lead' }] },
  offers: { validityDays: 14 },
};

const issuesOf = (value: unknown) =>
  replaceSalesSettingsBody.safeParse(value).error?.issues.map((i) => i.path.join('.')) ?? [];

describe('the sales settings contract', () => {
  it('is described by a valid OpenAPI document', async () => {
    // Prepare
    const doc = JSON.parse(JSON.stringify(openApiDocument(Object.values(salesSettingsRoutes))));

    // Act
    const result = await new Validator().validate(doc);

    // Assess
    expect(result).toEqual({ valid: true });
    expect(Object.keys(doc.paths)).toEqual(['/v1/sales/settings']);
  });

  it('accepts a body with every kind of rule', () => {
    // Act
    const issues = issuesOf(body);

    // Assess
    expect(issues).toEqual([]);
  });

  it('refuses an unknown rule kind, a field a rule does not have, and a target without its id', () => {
    // Prepare
    const wrong = {
      ...body,
      scoring: { rules: [{ id: 'x', kind: 'weather', points: 1 }] },
      routing: { rules: [], fallback: { type: 'group', userId: 'anna-1' } },
      nurturing: { rules: [{ id: 'call', stage: 'lead', afterDays: 2, title: 'Call', owner: 'bo' }] },
    };

    // Act
    const issues = issuesOf(wrong);

    // Assess
    expect(issues).toEqual([
      'scoring.rules.0.kind',
      'routing.fallback.groupId',
      'routing.fallback',
      'nurturing.rules.0',
    ]);
  });
});
