import { describe, expect, it } from 'vitest';
import { defaultServiceSettings } from '#domain/service/default-service-settings';
import { policyFor, raisedPriority, supportLevelFor } from '#domain/service/service-level';
import { casePriorities, type ServiceSettings } from '#domain/service/service-settings';

const settings: ServiceSettings = {
  ...defaultServiceSettings('SE'),
  supportLevels: [
    { id: 'standard', name: 'Standard', categoryIds: ['cat-private'] },
    { id: 'priority', name: 'Priority', categoryIds: ['cat-business'] },
    { id: 'gold', name: 'Gold', categoryIds: ['cat-vip'] },
  ],
  defaultSupportLevelId: 'standard',
};

describe('supportLevelFor', () => {
  it('takes the level of the entitlement first', () => {
    expect(supportLevelFor(settings, { entitlementLevelId: 'gold', categoryIds: ['cat-business'] })).toBe(
      'gold',
    );
  });

  it('passes over an entitlement to a level that no longer exists', () => {
    expect(supportLevelFor(settings, { entitlementLevelId: 'silver', categoryIds: ['cat-business'] })).toBe(
      'priority',
    );
  });

  it('takes the first level listing one of the categories', () => {
    expect(supportLevelFor(settings, { categoryIds: ['cat-other', 'cat-vip', 'cat-business'] })).toBe(
      'priority',
    );
  });

  it('falls back to the default level', () => {
    expect(supportLevelFor(settings, { categoryIds: ['cat-other'] })).toBe('standard');
    expect(supportLevelFor(settings, { categoryIds: [] })).toBe('standard');
  });
});

describe('policyFor', () => {
  it('finds the policy of a level at a priority', () => {
    expect(policyFor(settings, 'priority', 'high')).toMatchObject({
      supportLevelId: 'priority',
      priority: 'high',
      firstResponseMinutes: 120,
    });
  });

  it('throws when the settings have none', () => {
    expect(() => policyFor(settings, 'gold', 'low')).toThrow(
      'No SLA policy for support level gold at priority low',
    );
  });
});

describe('raisedPriority', () => {
  it('raises a priority one step, leaving urgent as it is', () => {
    expect(casePriorities.map(raisedPriority)).toEqual(['normal', 'high', 'urgent', 'urgent']);
  });
});
