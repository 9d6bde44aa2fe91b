import type { InvalidField } from '#domain/errors';
import { workOrderTypeProblems } from '#domain/field-service/work-order-types';
import { isCatchAll } from './case-routing';
import {
  type BusinessCalendar,
  casePriorities,
  type RoutingRule,
  type ServiceSettings,
  type SlaPolicy,
  type Team,
} from './service-settings';

/** The tenant's settings the service settings refer to. */
export interface KnownSettings {
  readonly groupIds: ReadonlySet<string>;
  readonly categoryIds: ReadonlySet<string>;
  /** Members of each user group. */
  readonly groupMembers: ReadonlyMap<string, readonly string[]>;
}

/** A target longer than a year is a typing error, not a promise. */
export const maxTargetMinutes = 525_600;
export const maxCapacityPerMember = 1000;

type Problems = InvalidField[];

/** The ids the settings define, to check references against. */
interface Defined {
  readonly caseTypes: ReadonlySet<string>;
  readonly calendars: ReadonlySet<string>;
  readonly levels: ReadonlySet<string>;
  readonly teams: ReadonlySet<string>;
}

/** A field for each item of `list` whose `key` an earlier item already has. */
function repeats<K extends string, T extends Readonly<Record<K, string>>>(
  items: readonly T[],
  list: string,
  key: K,
): Problems {
  const seen = new Set<string>();
  return items.flatMap((item, i) => {
    const value = item[key];
    if (seen.has(value)) return [{ name: `${list}.${i}.${key}`, reason: `${value} is used twice` }];
    seen.add(value);
    return [];
  });
}

/** A field for each listed id that is not among the known ones. */
function unknownIn(
  ids: readonly string[] | undefined,
  known: ReadonlySet<string>,
  field: string,
  what: string,
): Problems {
  return (ids ?? []).flatMap((id, j) =>
    known.has(id) ? [] : [{ name: `${field}.${j}`, reason: `no ${what} ${id}` }],
  );
}

const wholeIn = (value: number, min: number, max: number) =>
  Number.isInteger(value) && value >= min && value <= max;

function uniqueness(settings: ServiceSettings): Problems {
  return [
    ...repeats(settings.caseTypes, 'caseTypes', 'code'),
    ...repeats(settings.calendars, 'calendars', 'id'),
    ...repeats(settings.supportLevels, 'supportLevels', 'id'),
    ...repeats(settings.teams, 'teams', 'groupId'),
    ...repeats(settings.routingRules, 'routingRules', 'id'),
  ];
}

/** Each category gives at most one level, so an account's level does not hang on the levels' order. */
function levelProblems(settings: ServiceSettings, known: KnownSettings, defined: Defined): Problems {
  const levelOfCategory = new Map<string, string>();
  const problems = settings.supportLevels.flatMap((level, i) => [
    ...unknownIn(level.categoryIds, known.categoryIds, `supportLevels.${i}.categoryIds`, 'category'),
    ...level.categoryIds.flatMap((categoryId, j) => {
      const taken = levelOfCategory.get(categoryId);
      levelOfCategory.set(categoryId, taken ?? level.id);
      return taken === undefined
        ? []
        : [
            {
              name: `supportLevels.${i}.categoryIds.${j}`,
              reason: `${categoryId} already gives level ${taken}`,
            },
          ];
    }),
  ]);
  if (!defined.levels.has(settings.defaultSupportLevelId))
    problems.push({
      name: 'defaultSupportLevelId',
      reason: `no support level ${settings.defaultSupportLevelId}`,
    });
  return problems;
}

function targetProblems(policy: SlaPolicy, at: string): Problems {
  const problems: Problems = [];
  const minutes = ['firstResponseMinutes', 'resolutionMinutes'] as const;
  for (const field of minutes)
    if (!wholeIn(policy[field], 1, maxTargetMinutes))
      problems.push({
        name: `${at}.${field}`,
        reason: `must be whole minutes from 1 to ${maxTargetMinutes}`,
      });
  if (problems.length === 0 && policy.resolutionMinutes < policy.firstResponseMinutes)
    problems.push({ name: `${at}.resolutionMinutes`, reason: 'must not be shorter than the first response' });
  if (!wholeIn(policy.warnAtBasisPoints, 1, 9999))
    problems.push({ name: `${at}.warnAtBasisPoints`, reason: 'must be a whole number from 1 to 9999' });
  return problems;
}

function policyProblems(settings: ServiceSettings, defined: Defined): Problems {
  const policyAt = new Map<string, number>();
  const problems = settings.policies.flatMap((policy, i) => {
    const at = `policies.${i}`;
    const found: Problems = [];
    if (!defined.levels.has(policy.supportLevelId))
      found.push({ name: `${at}.supportLevelId`, reason: `no support level ${policy.supportLevelId}` });
    if (!defined.calendars.has(policy.calendarId))
      found.push({ name: `${at}.calendarId`, reason: `no calendar ${policy.calendarId}` });
    const key = `${policy.supportLevelId} ${policy.priority}`;
    const earlier = policyAt.get(key);
    if (earlier === undefined) policyAt.set(key, i);
    else
      found.push({
        name: `${at}.priority`,
        reason: `policies.${earlier} already sets level ${policy.supportLevelId} at ${policy.priority}`,
      });
    found.push(...targetProblems(policy, at));
    const escalationTeamId = policy.escalation.escalationTeamId;
    if (escalationTeamId !== undefined && !defined.teams.has(escalationTeamId))
      found.push({ name: `${at}.escalation.escalationTeamId`, reason: `no team ${escalationTeamId}` });
    return found;
  });
  for (const level of settings.supportLevels) {
    const missing = casePriorities.filter((p) => !policyAt.has(`${level.id} ${p}`));
    if (missing.length > 0)
      problems.push({
        name: 'policies',
        reason: `level ${level.id} has no policy for ${missing.join(', ')}`,
      });
  }
  return problems;
}

function teamProblems(team: Team, i: number, known: KnownSettings): Problems {
  const at = `teams.${i}`;
  const problems: Problems = [];
  const members = known.groupMembers.get(team.groupId);
  if (!known.groupIds.has(team.groupId))
    problems.push({ name: `${at}.groupId`, reason: `no user group ${team.groupId}` });
  if (!wholeIn(team.capacityPerMember, 1, maxCapacityPerMember))
    problems.push({
      name: `${at}.capacityPerMember`,
      reason: `must be a whole number from 1 to ${maxCapacityPerMember}`,
    });
  if (team.leadUserId !== undefined && !members?.includes(team.leadUserId))
    problems.push({ name: `${at}.leadUserId`, reason: `${team.leadUserId} is not a member of the group` });
  return problems;
}

function ruleProblems(
  rule: RoutingRule,
  i: number,
  isLast: boolean,
  known: KnownSettings,
  defined: Defined,
): Problems {
  const at = `routingRules.${i}`;
  const problems: Problems = [
    ...unknownIn(rule.when.caseTypes, defined.caseTypes, `${at}.when.caseTypes`, 'case type'),
    ...unknownIn(rule.when.categoryIds, known.categoryIds, `${at}.when.categoryIds`, 'category'),
    ...unknownIn(rule.when.supportLevelIds, defined.levels, `${at}.when.supportLevelIds`, 'support level'),
  ];
  if (!defined.teams.has(rule.teamId))
    problems.push({ name: `${at}.teamId`, reason: `no team ${rule.teamId}` });
  // A rule that matches every case leaves the rules after it unreachable.
  if (!isLast && isCatchAll(rule))
    problems.push({ name: `${at}.when`, reason: 'a rule without conditions must be the last rule' });
  return problems;
}

/**
 * What is wrong with a tenant's service settings, each problem naming its
 * field (`policies.3.calendarId`); none when they can be saved. The
 * calendars' own check is passed in.
 */
export function validateServiceSettings(
  settings: ServiceSettings,
  known: KnownSettings,
  validateCalendar: (calendar: BusinessCalendar, field: string) => InvalidField[],
): InvalidField[] {
  const defined: Defined = {
    caseTypes: new Set(settings.caseTypes.map((t) => t.code)),
    calendars: new Set(settings.calendars.map((c) => c.id)),
    levels: new Set(settings.supportLevels.map((l) => l.id)),
    teams: new Set(settings.teams.map((t) => t.groupId)),
  };
  const { routingRules, defaultTeamId } = settings;
  const problems = [
    ...uniqueness(settings),
    ...settings.calendars.flatMap((calendar, i) => validateCalendar(calendar, `calendars.${i}`)),
    ...levelProblems(settings, known, defined),
    ...policyProblems(settings, defined),
    ...settings.teams.flatMap((team, i) => teamProblems(team, i, known)),
    ...routingRules.flatMap((rule, i) =>
      ruleProblems(rule, i, i === routingRules.length - 1, known, defined),
    ),
    ...workOrderTypeProblems(settings.workOrderTypes),
  ];
  if (defaultTeamId !== undefined && !defined.teams.has(defaultTeamId))
    problems.push({ name: 'defaultTeamId', reason: `no team ${defaultTeamId}` });
  return problems;
}
