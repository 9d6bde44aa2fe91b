import { describe, expect, it } from 'vitest';
import { isCatchAll, type RoutingFacts, routeCase } from '#domain/service/case-routing';
import type { RoutingConditions, RoutingRule } from '#domain/service/service-settings';

const facts: RoutingFacts = {
  caseType: 'billing',
  channel: 'email',
  categoryIds: ['cat-business', 'cat-vip'],
  supportLevelId: 'standard',
  territory: 'ZSD',
  subject: 'Fråga om min faktura',
  body: 'Hej! Elmätaren visar fel, kan ni kolla?',
};

const rule = (id: string, when: RoutingConditions, teamId = `team-${id}`): RoutingRule => ({
  id,
  name: id,
  when,
  teamId,
});

const routed = (when: RoutingConditions, on: Partial<RoutingFacts> = {}) =>
  routeCase({ routingRules: [rule('r', when)] }, { ...facts, ...on }).ruleId === 'r';

describe('routeCase', () => {
  it('routes by the first matching rule in order', () => {
    const settings = {
      routingRules: [
        rule('phone', { channels: ['phone'] }),
        rule('email', { channels: ['email'] }),
        rule('billing', { caseTypes: ['billing'] }),
      ],
      defaultTeamId: 'team-default',
    };

    expect(routeCase(settings, facts)).toEqual({ teamId: 'team-email', ruleId: 'email' });
  });

  it('sends a case no rule matches to the default team, naming no rule', () => {
    const settings = {
      routingRules: [rule('phone', { channels: ['phone'] })],
      defaultTeamId: 'team-default',
    };

    expect(routeCase(settings, facts)).toEqual({ teamId: 'team-default' });
  });

  it('leaves the team open when no rule matches and there is no default team', () => {
    expect(routeCase({ routingRules: [] }, facts)).toEqual({});
  });

  it('needs every condition given to hold', () => {
    expect(routed({ channels: ['email'], caseTypes: ['billing'] })).toBe(true);
    expect(routed({ channels: ['email'], caseTypes: ['move'] })).toBe(false);
  });

  it('holds a list condition when any of its values matches', () => {
    expect(routed({ caseTypes: ['move', 'billing'] })).toBe(true);
    expect(routed({ channels: ['phone', 'web'] })).toBe(false);
    expect(routed({ categoryIds: ['cat-other', 'cat-vip'] })).toBe(true);
    expect(routed({ categoryIds: ['cat-other'] })).toBe(false);
    expect(routed({ supportLevelIds: ['priority', 'standard'] })).toBe(true);
    expect(routed({ supportLevelIds: ['priority'] })).toBe(false);
    expect(routed({ territories: ['SSD', 'ZSD'] })).toBe(true);
    expect(routed({ territories: ['SSD'] })).toBe(false);
  });

  it('does not match a case type or territory condition when the case has none', () => {
    expect(routed({ caseTypes: ['billing'] }, { caseType: undefined })).toBe(false);
    expect(routed({ territories: ['ZSD'] }, { territory: undefined })).toBe(false);
  });

  it('takes an empty list as no condition', () => {
    expect(routed({ caseTypes: [], channels: [], keywords: [] })).toBe(true);
    expect(routed({ channels: [], caseTypes: ['move'] })).toBe(false);
  });

  it('finds keywords in the subject or the body, ignoring case and accents', () => {
    expect(routed({ keywords: ['FAKTURA'] })).toBe(true);
    expect(routed({ keywords: ['faktúra'] })).toBe(true);
    expect(routed({ keywords: ['ELMATAREN'] })).toBe(true);
    expect(routed({ keywords: ['elmätaren'] }, { body: 'ELMATAREN är trasig' })).toBe(true);
    expect(routed({ keywords: ['avbrott', 'kolla'] })).toBe(true);
    expect(routed({ keywords: ['avbrott'] })).toBe(false);
  });

  it('matches whole words only', () => {
    expect(routed({ keywords: ['fakt'] })).toBe(false);
    expect(routed({ keywords: ['mätare'] })).toBe(false);
    expect(routed({ keywords: ['faktura'] }, { subject: 'Fakturanummer 123', body: '' })).toBe(false);
  });

  it('matches a phrase as consecutive words, across punctuation and spacing', () => {
    expect(routed({ keywords: ['min faktura'] })).toBe(true);
    expect(routed({ keywords: ['visar  fel'] })).toBe(true);
    expect(routed({ keywords: ['hej elmätaren'] })).toBe(true);
    expect(routed({ keywords: ['faktura min'] })).toBe(false);
  });

  it('does not run a phrase from the subject into the body', () => {
    expect(routed({ keywords: ['faktura hej'] })).toBe(false);
  });

  it('never matches a keyword without letters or digits', () => {
    expect(routed({ keywords: [' ', '!?'] })).toBe(false);
  });
});

describe('isCatchAll', () => {
  it('tells a rule without conditions, or with only empty lists, from one with a condition', () => {
    expect(isCatchAll(rule('all', {}))).toBe(true);
    expect(isCatchAll(rule('empty', { channels: [], keywords: [] }))).toBe(true);
    expect(isCatchAll(rule('email', { channels: ['email'] }))).toBe(false);
  });
});
