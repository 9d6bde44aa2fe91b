import { describe, expect, it } from 'vitest';
import { matchRoute, nurtureFor, pickRoundRobin, type RoutedLead } from '#domain/sales/leads/lead-routing';
import type { NurtureRule, SalesRules } from '#domain/sales/sales-settings';

const lead = (extra: Partial<RoutedLead> = {}): RoutedLead => ({
  segment: 'B2C',
  commodity: 'electricity',
  territoryCode: 'SE3',
  attribution: { source: 'hemnet' },
  score: 40,
  ...extra,
});

const routing: SalesRules['routing'] = {
  rules: [
    { id: 'hot-b2b', when: { segment: 'B2B', minScore: 50 }, to: { type: 'user', userId: 'key-accounts' } },
    { id: 'gas', when: { commodity: 'gas' }, to: { type: 'group', groupId: 'gas-team' } },
    {
      id: 'portal-north',
      when: { source: 'HEMNET', territoryCode: 'se1' },
      to: { type: 'user', userId: 'anna' },
    },
    { id: 'portal', when: { source: 'hemnet' }, to: { type: 'group', groupId: 'portal-team' } },
  ],
  fallback: { type: 'group', groupId: 'inside-sales' },
};

describe('matchRoute', () => {
  it('sends a lead where the first rule it matches says', () => {
    // Act
    const target = matchRoute(lead({ commodity: 'gas' }), routing);

    // Assess
    expect(target).toEqual({ type: 'group', groupId: 'gas-team' });
  });

  it('needs every condition of a rule, compares text ignoring case, and the score as a minimum', () => {
    // Act
    const targets = [
      matchRoute(lead({ segment: 'B2B', score: 49 }), routing),
      matchRoute(lead({ segment: 'B2B', score: 50 }), routing),
      matchRoute(lead({ territoryCode: 'SE1' }), routing),
    ];

    // Assess
    expect(targets).toEqual([
      { type: 'group', groupId: 'portal-team' },
      { type: 'user', userId: 'key-accounts' },
      { type: 'user', userId: 'anna' },
    ]);
  });

  it('does not match a condition on an attribute the lead lacks', () => {
    // Act
    const target = matchRoute(lead({ territoryCode: undefined, attribution: { source: 'web' } }), {
      rules: [{ id: 'se1', when: { territoryCode: 'SE1' }, to: { type: 'user', userId: 'anna' } }],
    });

    // Assess
    expect(target).toBeUndefined();
  });

  it('sends a lead that no rule matches to the fallback', () => {
    // Act
    const target = matchRoute(lead({ attribution: { source: 'web' } }), routing);

    // Assess
    expect(target).toEqual({ type: 'group', groupId: 'inside-sales' });
  });

  it('lets a rule without conditions take every lead', () => {
    // Act
    const target = matchRoute(lead(), {
      rules: [{ id: 'all', when: {}, to: { type: 'user', userId: 'bo' } }],
      fallback: { type: 'user', userId: 'anna' },
    });

    // Assess
    expect(target).toEqual({ type: 'user', userId: 'bo' });
  });
});

describe('pickRoundRobin', () => {
  const members = ['anna', 'bo', 'cecilia'];

  it('gives the members turns in the group’s order, wrapping around', () => {
    // Act
    const picks = [0, 1, 2, 3, 4].map((turn) => pickRoundRobin(members, new Set(members), turn));

    // Assess
    expect(picks).toEqual(['anna', 'bo', 'cecilia', 'anna', 'bo']);
  });

  it('goes round the active members only, so each gets an even share', () => {
    // Act
    const picks = [0, 1, 2, 3].map((turn) => pickRoundRobin(members, new Set(['anna', 'cecilia']), turn));

    // Assess
    expect(picks).toEqual(['anna', 'cecilia', 'anna', 'cecilia']);
  });

  it('gives every turn to the only active member', () => {
    // Act
    const pick = pickRoundRobin(members, new Set(['anna']), 2);

    // Assess
    expect(pick).toBe('anna');
  });

  it('picks no one when no member is active, or the group is empty', () => {
    // Act
    const picks = [pickRoundRobin(members, new Set(), 5), pickRoundRobin([], new Set(['anna']), 0)];

    // Assess
    expect(picks).toEqual([undefined, undefined]);
  });
});

describe('nurtureFor', () => {
  const rules: NurtureRule[] = [
    { id: 'call', stage: 'lead', afterDays: 1, title: 'Call the lead', description: 'Ask about the move' },
    { id: 'qualified', stage: 'marketing-qualified', afterDays: 2, title: 'Send the offer' },
    { id: 'reminder', stage: 'lead', afterDays: 7, title: 'Follow up again' },
  ];

  it('schedules the rules of the lead’s stage at 09:00 tenant time, afterDays after the day of routing', () => {
    // Prepare: 22:30 in Stockholm (CET) on 1 March.
    const routedAt = new Date('2025-03-01T21:30:00Z');

    // Act
    const followUps = nurtureFor({ stage: 'lead' }, rules, routedAt, 'Europe/Stockholm');

    // Assess
    expect(followUps).toEqual([
      {
        title: 'Call the lead',
        description: 'Ask about the move',
        schedule: { kind: 'once', at: '2025-03-02T08:00:00.000Z' },
      },
      { title: 'Follow up again', schedule: { kind: 'once', at: '2025-03-08T08:00:00.000Z' } },
    ]);
  });

  it('counts days in the tenant’s zone, not in UTC', () => {
    // Prepare: 00:30 on 2 March in Stockholm is still 1 March in UTC.
    const routedAt = new Date('2025-03-01T23:30:00Z');

    // Act
    const [first] = nurtureFor({ stage: 'lead' }, rules, routedAt, 'Europe/Stockholm');

    // Assess
    expect(first?.schedule).toEqual({ kind: 'once', at: '2025-03-03T08:00:00.000Z' });
  });

  it('keeps 09:00 local across a daylight-saving change', () => {
    // Prepare: the clocks go forward on 30 March 2025.
    const routedAt = new Date('2025-03-28T12:00:00Z');

    // Act
    const followUps = nurtureFor({ stage: 'marketing-qualified' }, rules, routedAt, 'Europe/Stockholm');

    // Assess
    expect(followUps).toEqual([
      { title: 'Send the offer', schedule: { kind: 'once', at: '2025-03-30T07:00:00.000Z' } },
    ]);
  });

  it('falls due just after the gap on a day the zone skipped', () => {
    // Prepare: Samoa jumped from 29 to 31 December 2011; 30 December never happened there.
    const routedAt = new Date('2011-12-29T20:00:00Z');

    // Act
    const [first] = nurtureFor({ stage: 'lead' }, rules, routedAt, 'Pacific/Apia');

    // Assess: 09:00 on 31 December, at UTC+14.
    expect(first?.schedule).toEqual({ kind: 'once', at: '2011-12-30T19:00:00.000Z' });
  });

  it('schedules nothing for a stage without rules', () => {
    // Act
    const followUps = nurtureFor({ stage: 'sales-accepted' }, rules, new Date(), 'Europe/Stockholm');

    // Assess
    expect(followUps).toEqual([]);
  });
});
