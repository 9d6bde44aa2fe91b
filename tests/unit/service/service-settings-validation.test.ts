import { describe, expect, it } from 'vitest';
import type { InvalidField } from '#domain/errors';
import { defaultServiceSettings } from '#domain/service/default-service-settings';
import {
  type BusinessCalendar,
  type CasePriority,
  casePriorities,
  type ServiceSettings,
  type SlaPolicy,
} from '#domain/service/service-settings';
import { type KnownSettings, validateServiceSettings } from '#domain/service/service-settings-validation';

const calendar: BusinessCalendar = {
  id: 'office',
  name: 'Office',
  timeZone: 'Europe/Stockholm',
  weekly: { mon: [{ from: '08:00', to: '17:00' }], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
  closedDates: [],
};

const policy = (supportLevelId: string, priority: CasePriority): SlaPolicy => ({
  supportLevelId,
  priority,
  calendarId: 'office',
  firstResponseMinutes: 60,
  resolutionMinutes: 480,
  warnAtBasisPoints: 8000,
  escalation: { notify: true, raisePriority: true, escalationTeamId: 'group-escalation' },
});

const valid: ServiceSettings = {
  workOrderTypes: [],
  webFormKeys: [],
  socialPages: [],
  caseTypes: [
    { code: 'billing', title: 'Billing' },
    { code: 'outage', title: 'Outage' },
  ],
  calendars: [calendar],
  supportLevels: [
    { id: 'standard', name: 'Standard', categoryIds: ['cat-private'] },
    { id: 'priority', name: 'Priority', categoryIds: ['cat-business', 'cat-vip'] },
  ],
  defaultSupportLevelId: 'standard',
  policies: [
    ...casePriorities.map((p) => policy('standard', p)),
    ...casePriorities.map((p) => policy('priority', p)),
  ],
  teams: [
    { groupId: 'group-billing', method: 'round-robin', capacityPerMember: 20, leadUserId: 'user-lead' },
    { groupId: 'group-escalation', method: 'queue', capacityPerMember: 1 },
  ],
  routingRules: [
    {
      id: 'rule-billing',
      name: 'Billing from business customers',
      when: { caseTypes: ['billing'], categoryIds: ['cat-business'], supportLevelIds: ['priority'] },
      teamId: 'group-billing',
    },
    { id: 'rule-rest', name: 'Everything else', when: {}, teamId: 'group-escalation' },
  ],
  defaultTeamId: 'group-billing',
};

const known: KnownSettings = {
  groupIds: new Set(['group-billing', 'group-escalation']),
  categoryIds: new Set(['cat-private', 'cat-business', 'cat-vip', 'cat-unused']),
  groupMembers: new Map([
    ['group-billing', ['user-agent', 'user-lead']],
    ['group-escalation', []],
  ]),
};

const noCalendarProblems = () => [];

const problemsOf = (change: Partial<ServiceSettings>) =>
  validateServiceSettings({ ...valid, ...change }, known, noCalendarProblems);

const fieldsOf = (change: Partial<ServiceSettings>) => problemsOf(change).map((p) => p.name);

/** The valid policies with the one at `index` changed. */
const withPolicy = (index: number, change: Partial<SlaPolicy>) => ({
  policies: valid.policies.map((p, i) => (i === index ? { ...p, ...change } : p)),
});

describe('validateServiceSettings', () => {
  it('finds nothing wrong with consistent settings', () => {
    expect(problemsOf({})).toEqual([]);
  });

  it('passes the default settings of each country with nothing known', () => {
    const nothing: KnownSettings = { groupIds: new Set(), categoryIds: new Set(), groupMembers: new Map() };
    for (const country of ['SE', 'SK'] as const)
      expect(validateServiceSettings(defaultServiceSettings(country), nothing, noCalendarProblems)).toEqual(
        [],
      );
  });

  describe('uniqueness', () => {
    it('refuses a case type code used twice', () => {
      expect(problemsOf({ caseTypes: [...valid.caseTypes, { code: 'billing', title: 'Again' }] })).toEqual([
        { name: 'caseTypes.2.code', reason: 'billing is used twice' },
      ]);
    });

    it('refuses a calendar id used twice', () => {
      expect(fieldsOf({ calendars: [calendar, { ...calendar, name: 'Again' }] })).toEqual(['calendars.1.id']);
    });

    it('refuses a support level id used twice', () => {
      const again = { id: 'standard', name: 'Again', categoryIds: [] };

      expect(fieldsOf({ supportLevels: [...valid.supportLevels, again] })).toEqual(['supportLevels.2.id']);
    });

    it('refuses a team for a group that has one already', () => {
      const again = { groupId: 'group-billing', method: 'least-open', capacityPerMember: 5 } as const;

      expect(fieldsOf({ teams: [again, ...valid.teams] })).toEqual(['teams.1.groupId']);
    });

    it('refuses a routing rule id used twice', () => {
      const [first, last] = valid.routingRules;

      expect(fieldsOf({ routingRules: [first!, first!, last!] })).toEqual(['routingRules.1.id']);
    });
  });

  describe('calendars', () => {
    it('checks each calendar with the check passed in, naming its place', () => {
      const checked: string[] = [];
      const validateCalendar = (c: BusinessCalendar, field: string): InvalidField[] => {
        checked.push(`${c.id} at ${field}`);
        return [{ name: `${field}.timeZone`, reason: 'unknown time zone' }];
      };
      const settings = { ...valid, calendars: [calendar, { ...calendar, id: 'night' }] };

      expect(validateServiceSettings(settings, known, validateCalendar)).toEqual([
        { name: 'calendars.0.timeZone', reason: 'unknown time zone' },
        { name: 'calendars.1.timeZone', reason: 'unknown time zone' },
      ]);
      expect(checked).toEqual(['office at calendars.0', 'night at calendars.1']);
    });
  });

  describe('support levels', () => {
    it('refuses a default level that does not exist', () => {
      expect(problemsOf({ defaultSupportLevelId: 'gold' })).toEqual([
        { name: 'defaultSupportLevelId', reason: 'no support level gold' },
      ]);
    });

    it('refuses an unknown category', () => {
      const levels = valid.supportLevels.map((l, i) =>
        i === 0 ? { ...l, categoryIds: ['cat-private', 'cat-gone'] } : l,
      );

      expect(problemsOf({ supportLevels: levels })).toEqual([
        { name: 'supportLevels.0.categoryIds.1', reason: 'no category cat-gone' },
      ]);
    });

    it('refuses a category in two levels', () => {
      const levels = valid.supportLevels.map((l, i) =>
        i === 1 ? { ...l, categoryIds: ['cat-business', 'cat-private'] } : l,
      );

      expect(problemsOf({ supportLevels: levels })).toEqual([
        { name: 'supportLevels.1.categoryIds.1', reason: 'cat-private already gives level standard' },
      ]);
    });
  });

  describe('policies', () => {
    it('refuses a policy for a level or calendar that does not exist', () => {
      expect(fieldsOf(withPolicy(3, { calendarId: 'night' }))).toEqual(['policies.3.calendarId']);
      expect(problemsOf({ policies: [...valid.policies, policy('gold', 'low')] })).toEqual([
        { name: 'policies.8.supportLevelId', reason: 'no support level gold' },
      ]);
    });

    it('refuses a second policy for the same level and priority', () => {
      expect(problemsOf({ policies: [...valid.policies, policy('priority', 'high')] })).toEqual([
        { name: 'policies.8.priority', reason: 'policies.6 already sets level priority at high' },
      ]);
    });

    it('names the priorities a level has no policy for', () => {
      const policies = valid.policies.filter(
        (p) => p.supportLevelId !== 'priority' || p.priority === 'normal',
      );

      expect(problemsOf({ policies })).toEqual([
        { name: 'policies', reason: 'level priority has no policy for low, high, urgent' },
      ]);
    });

    it('needs the targets in whole minutes from 1 to a year', () => {
      expect(fieldsOf(withPolicy(0, { firstResponseMinutes: 0 }))).toEqual([
        'policies.0.firstResponseMinutes',
      ]);
      expect(fieldsOf(withPolicy(0, { firstResponseMinutes: 1.5 }))).toEqual([
        'policies.0.firstResponseMinutes',
      ]);
      expect(fieldsOf(withPolicy(1, { resolutionMinutes: 525_601 }))).toEqual([
        'policies.1.resolutionMinutes',
      ]);
      expect(fieldsOf(withPolicy(1, { firstResponseMinutes: 525_600, resolutionMinutes: 525_600 }))).toEqual(
        [],
      );
    });

    it('refuses a resolution target shorter than the first response', () => {
      expect(problemsOf(withPolicy(2, { firstResponseMinutes: 120, resolutionMinutes: 119 }))).toEqual([
        { name: 'policies.2.resolutionMinutes', reason: 'must not be shorter than the first response' },
      ]);
      expect(fieldsOf(withPolicy(2, { firstResponseMinutes: 120, resolutionMinutes: 120 }))).toEqual([]);
    });

    it('needs the warning between 1 and 9 999 basis points', () => {
      expect(fieldsOf(withPolicy(4, { warnAtBasisPoints: 0 }))).toEqual(['policies.4.warnAtBasisPoints']);
      expect(fieldsOf(withPolicy(4, { warnAtBasisPoints: 10_000 }))).toEqual([
        'policies.4.warnAtBasisPoints',
      ]);
      expect(fieldsOf(withPolicy(4, { warnAtBasisPoints: 9999 }))).toEqual([]);
      expect(fieldsOf(withPolicy(4, { warnAtBasisPoints: 1 }))).toEqual([]);
    });

    it('refuses an escalation to a group that is not a team', () => {
      const escalation = { notify: false, raisePriority: false, escalationTeamId: 'group-sales' };

      expect(problemsOf(withPolicy(5, { escalation }))).toEqual([
        { name: 'policies.5.escalation.escalationTeamId', reason: 'no team group-sales' },
      ]);
    });
  });

  describe('teams', () => {
    const withTeam = (change: object) => ({ teams: [{ ...valid.teams[0]!, ...change }, valid.teams[1]!] });

    it('refuses a team whose group is not known', () => {
      const teams = [
        ...valid.teams,
        { groupId: 'group-gone', method: 'queue', capacityPerMember: 1 } as const,
      ];

      expect(problemsOf({ teams })).toEqual([
        { name: 'teams.2.groupId', reason: 'no user group group-gone' },
      ]);
    });

    it('needs a capacity per member from 1 to 1 000', () => {
      expect(fieldsOf(withTeam({ capacityPerMember: 0 }))).toEqual(['teams.0.capacityPerMember']);
      expect(fieldsOf(withTeam({ capacityPerMember: 1001 }))).toEqual(['teams.0.capacityPerMember']);
      expect(fieldsOf(withTeam({ capacityPerMember: 2.5 }))).toEqual(['teams.0.capacityPerMember']);
      expect(fieldsOf(withTeam({ capacityPerMember: 1000 }))).toEqual([]);
    });

    it('needs the lead to be a member of the group', () => {
      expect(problemsOf(withTeam({ leadUserId: 'user-outsider' }))).toEqual([
        { name: 'teams.0.leadUserId', reason: 'user-outsider is not a member of the group' },
      ]);
    });

    it('refuses a default team that does not exist', () => {
      expect(problemsOf({ defaultTeamId: 'group-sales' })).toEqual([
        { name: 'defaultTeamId', reason: 'no team group-sales' },
      ]);
    });
  });

  describe('routing rules', () => {
    const [billingRule, catchAll] = valid.routingRules as [
      ServiceSettings['routingRules'][number],
      ServiceSettings['routingRules'][number],
    ];
    const withFirstRule = (change: object) => ({
      routingRules: [{ ...billingRule, ...change }, catchAll],
    });

    it('refuses a rule routing to a group that is not a team', () => {
      expect(problemsOf(withFirstRule({ teamId: 'group-sales' }))).toEqual([
        { name: 'routingRules.0.teamId', reason: 'no team group-sales' },
      ]);
    });

    it('refuses conditions naming unknown case types, categories or support levels', () => {
      const when = { caseTypes: ['billing', 'gas'], categoryIds: ['cat-gone'], supportLevelIds: ['gold'] };

      expect(problemsOf(withFirstRule({ when }))).toEqual([
        { name: 'routingRules.0.when.caseTypes.1', reason: 'no case type gas' },
        { name: 'routingRules.0.when.categoryIds.0', reason: 'no category cat-gone' },
        { name: 'routingRules.0.when.supportLevelIds.0', reason: 'no support level gold' },
      ]);
    });

    it('refuses a rule without conditions before other rules, as it would shadow them', () => {
      expect(problemsOf({ routingRules: [catchAll, billingRule] })).toEqual([
        { name: 'routingRules.0.when', reason: 'a rule without conditions must be the last rule' },
      ]);
      expect(fieldsOf(withFirstRule({ when: { channels: [], keywords: [] } }))).toEqual([
        'routingRules.0.when',
      ]);
    });

    it('allows a rule without conditions as the last rule', () => {
      expect(fieldsOf({ routingRules: [catchAll] })).toEqual([]);
    });
  });
});
