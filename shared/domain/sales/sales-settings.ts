import { type CustomerType, customerTypes } from '#domain/accounts/account';
import { type Commodity, commodities } from '#domain/energy/supply-point-identifier';
import type { InvalidField } from '#domain/errors';
import { type EngagementKind, engagementKinds, type LeadStage } from '#domain/sales/leads/lead';
import { memberIdMaxLength } from '#domain/settings/setting';

/**
 * The tenant's sales rules (R-SA-2, R-SA-6): how leads are scored, to whom
 * they are routed, which follow-ups they get, and how long an offer holds.
 */

export const scoringAttributes = ['segment', 'commodity', 'territoryCode', 'source', 'campaign'] as const;
export type ScoringAttribute = (typeof scoringAttributes)[number];

/** Points when the lead's attribute equals the text (case-insensitive). */
export interface AttributeRule {
  readonly id: string;
  readonly kind: 'attribute';
  readonly attribute: ScoringAttribute;
  readonly equals: string;
  readonly points: number;
}

/** Points when the lead's annual consumption is at least `atLeastKwh` and, when given, below `belowKwh`. */
export interface ConsumptionRule {
  readonly id: string;
  readonly kind: 'consumption';
  readonly atLeastKwh: number;
  readonly belowKwh?: number;
  readonly points: number;
}

/**
 * Points for each e-mail opened or meeting held. `maxPoints` caps the size
 * of what the rule adds (or, with negative `pointsEach`, takes away).
 */
export interface ActivityRule {
  readonly id: string;
  readonly kind: 'activity';
  readonly activity: EngagementKind;
  readonly pointsEach: number;
  readonly maxPoints: number;
}

export type ScoringRule = AttributeRule | ConsumptionRule | ActivityRule;
export const scoringRuleKinds = ['attribute', 'consumption', 'activity'] as const;

export type RouteTarget =
  | { readonly type: 'user'; readonly userId: string }
  | { readonly type: 'group'; readonly groupId: string };

/** Every condition given must hold; a rule without conditions takes every lead. */
export interface RouteConditions {
  readonly segment?: CustomerType;
  readonly commodity?: Commodity;
  readonly territoryCode?: string;
  readonly source?: string;
  readonly minScore?: number;
}

export interface RoutingRule {
  readonly id: string;
  readonly when: RouteConditions;
  readonly to: RouteTarget;
}

/** The stages in which a lead is still being worked towards a deal, and so nurtured. */
export const nurtureStages = [
  'lead',
  'marketing-qualified',
  'sales-accepted',
] as const satisfies readonly LeadStage[];
export type NurtureStage = (typeof nurtureStages)[number];

/**
 * When a lead is routed to its owner in `stage`, the owner gets a one-off
 * follow-up activity `afterDays` later.
 */
export interface NurtureRule {
  readonly id: string;
  readonly stage: NurtureStage;
  readonly afterDays: number;
  readonly title: string;
  readonly description?: string;
}

/** What an admin sets; the rest of `SalesSettings` is bookkeeping. */
export interface SalesRules {
  readonly scoring: {
    readonly rules: readonly ScoringRule[];
    /** Score at which a new lead moves to marketing-qualified by itself; absent: never. */
    readonly qualifyAt?: number;
  };
  readonly routing: {
    /** The first rule that matches wins. */
    readonly rules: readonly RoutingRule[];
    /** Where a lead goes that no rule matches; absent: it stays unassigned. */
    readonly fallback?: RouteTarget;
  };
  readonly nurturing: { readonly rules: readonly NurtureRule[] };
  readonly offers: {
    /** Days an offer holds from when it is made. */
    readonly validityDays: number;
  };
}

export const salesSections = ['scoring', 'routing', 'nurturing', 'offers'] as const;
export type SalesSection = (typeof salesSections)[number];

/** One item per tenant. Version 0 is the defaults, never stored; they have no author. */
export interface SalesSettings extends SalesRules {
  readonly tenantId: string;
  readonly version: number;
  readonly updatedAt?: string;
  readonly updatedBy?: string;
}

export const maxRulesPerList = 100;
export const maxPoints = 1000;
/** No score can go beyond what every rule together gives. */
export const maxScore = maxRulesPerList * maxPoints;
export const maxDays = 365;
export const defaultValidityDays = 30;
export const nurtureTitleMaxLength = 200;
/**
 * With 100 rules of each list at their longest (in 3-byte characters), the
 * settings stay within DynamoDB's 400 KB item.
 */
export const nurtureDescriptionMaxLength = 500;
export const ruleTextMaxLength = 100;
/** Rule ids are chosen by the tenant and name the rule in a lead's score lines. */
export const ruleIdPattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;

export function defaultSalesSettings(tenantId: string): SalesSettings {
  return {
    tenantId,
    version: 0,
    scoring: { rules: [] },
    routing: { rules: [] },
    nurturing: { rules: [] },
    offers: { validityDays: defaultValidityDays },
  };
}

/** Rule text matches lead text case-insensitively, whatever spaces surround either. */
export const sameText = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

const trimmed = <T extends string | undefined>(value: T): T =>
  (typeof value === 'string' ? value.trim() : value) as T;

/** Drops the keys whose value is undefined: an absent field is gone, not stored as undefined. */
const defined = <T extends object>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;

function normalisedTarget(target: RouteTarget): RouteTarget {
  if (target.type === 'user') return { type: 'user', userId: trimmed(target.userId) };
  if (target.type === 'group') return { type: 'group', groupId: trimmed(target.groupId) };
  // An unknown type is left as it came, for the validation to name.
  return target;
}

function normalisedScoringRule(rule: ScoringRule): ScoringRule {
  const id = trimmed(rule.id);
  if (rule.kind === 'attribute') {
    const { attribute, points } = rule;
    return { id, kind: 'attribute', attribute, equals: trimmed(rule.equals), points };
  }
  if (rule.kind === 'consumption') {
    const { atLeastKwh, belowKwh, points } = rule;
    return defined({ id, kind: 'consumption', atLeastKwh, belowKwh, points });
  }
  if (rule.kind === 'activity') {
    const { activity, pointsEach, maxPoints } = rule;
    return { id, kind: 'activity', activity, pointsEach, maxPoints };
  }
  // An unknown kind is left as it came, for the validation to name.
  return rule;
}

/**
 * The rules with their text trimmed, a blank description dropped, and no
 * field that a rule of its kind does not have.
 */
export function normalisedSalesRules(input: SalesRules): SalesRules {
  const { scoring, routing, nurturing, offers } = input;
  return {
    scoring: defined({ rules: scoring.rules.map(normalisedScoringRule), qualifyAt: scoring.qualifyAt }),
    routing: defined({
      rules: routing.rules.map((rule) => ({
        id: trimmed(rule.id),
        when: defined({
          segment: rule.when.segment,
          commodity: rule.when.commodity,
          territoryCode: trimmed(rule.when.territoryCode),
          source: trimmed(rule.when.source),
          minScore: rule.when.minScore,
        }),
        to: normalisedTarget(rule.to),
      })),
      fallback: routing.fallback && normalisedTarget(routing.fallback),
    }),
    nurturing: {
      rules: nurturing.rules.map((rule) =>
        defined({
          id: trimmed(rule.id),
          stage: rule.stage,
          afterDays: rule.afterDays,
          title: trimmed(rule.title),
          description: trimmed(rule.description) || undefined,
        }),
      ),
    },
    offers: { validityDays: offers.validityDays },
  };
}

const isInteger = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value);

const oneOf = (values: readonly string[]) => `must be one of ${values.join(', ')}`;

const pointsProblem = (value: unknown, name: string): InvalidField[] =>
  isInteger(value) && Math.abs(value) <= maxPoints
    ? []
    : [{ name, reason: `must be a whole number from -${maxPoints} to ${maxPoints}` }];

const daysProblem = (value: unknown, name: string): InvalidField[] =>
  isInteger(value) && value >= 1 && value <= maxDays
    ? []
    : [{ name, reason: `must be a whole number of days from 1 to ${maxDays}` }];

const scoreProblem = (value: unknown, name: string): InvalidField[] =>
  isInteger(value) && Math.abs(value) <= maxScore
    ? []
    : [{ name, reason: `must be a whole number from -${maxScore} to ${maxScore}` }];

function textProblem(value: unknown, name: string, maxLength = ruleTextMaxLength): InvalidField[] {
  if (typeof value !== 'string' || value.trim() === '') return [{ name, reason: 'must not be blank' }];
  return value.length > maxLength ? [{ name, reason: `must be at most ${maxLength} characters` }] : [];
}

/** Each id well-formed and used once within its list; a repeat is named at its second use. */
function idProblems(rules: readonly { readonly id: string }[], list: string): InvalidField[] {
  const seen = new Set<string>();
  const invalid: InvalidField[] = [];
  rules.forEach((rule, index) => {
    const name = `${list}.${index}.id`;
    if (typeof rule.id !== 'string' || !ruleIdPattern.test(rule.id)) {
      invalid.push({ name, reason: '1–40 letters, digits, . _ or -, starting with a letter or digit' });
    } else if (seen.has(rule.id)) {
      invalid.push({ name, reason: 'is used by another rule of the list' });
    }
    seen.add(rule.id);
  });
  return invalid;
}

function listProblems(rules: readonly { readonly id: string }[], list: string): InvalidField[] {
  return rules.length > maxRulesPerList
    ? [{ name: list, reason: `at most ${maxRulesPerList} rules` }]
    : idProblems(rules, list);
}

function attributeEqualsProblems(rule: AttributeRule, name: string): InvalidField[] {
  const text = textProblem(rule.equals, name);
  if (text.length > 0) return text;
  const known =
    rule.attribute === 'segment' ? customerTypes : rule.attribute === 'commodity' ? commodities : undefined;
  return known && !known.some((value) => sameText(value, rule.equals))
    ? [{ name, reason: oneOf(known) }]
    : [];
}

function scoringRuleProblems(rule: ScoringRule, at: string): InvalidField[] {
  switch (rule.kind) {
    case 'attribute':
      return [
        ...(scoringAttributes.includes(rule.attribute)
          ? attributeEqualsProblems(rule, `${at}.equals`)
          : [{ name: `${at}.attribute`, reason: oneOf(scoringAttributes) }]),
        ...pointsProblem(rule.points, `${at}.points`),
      ];
    case 'consumption': {
      const kwh = (value: unknown) => isInteger(value) && value >= 0;
      const invalid: InvalidField[] = [];
      if (!kwh(rule.atLeastKwh)) {
        invalid.push({ name: `${at}.atLeastKwh`, reason: 'must be a whole number of kWh, 0 or more' });
      }
      if (rule.belowKwh !== undefined && !(kwh(rule.belowKwh) && rule.belowKwh > rule.atLeastKwh)) {
        invalid.push({ name: `${at}.belowKwh`, reason: 'must be a whole number of kWh above atLeastKwh' });
      }
      return [...invalid, ...pointsProblem(rule.points, `${at}.points`)];
    }
    case 'activity':
      return [
        ...(engagementKinds.includes(rule.activity)
          ? []
          : [{ name: `${at}.activity`, reason: oneOf(engagementKinds) }]),
        ...pointsProblem(rule.pointsEach, `${at}.pointsEach`),
        ...(isInteger(rule.maxPoints) && rule.maxPoints >= 1 && rule.maxPoints <= maxPoints
          ? []
          : [{ name: `${at}.maxPoints`, reason: `must be a whole number from 1 to ${maxPoints}` }]),
      ];
    default:
      return [{ name: `${at}.kind`, reason: oneOf(scoringRuleKinds) }];
  }
}

function targetProblems(target: RouteTarget, at: string): InvalidField[] {
  if (target.type === 'user') return textProblem(target.userId, `${at}.userId`, memberIdMaxLength);
  if (target.type === 'group') return textProblem(target.groupId, `${at}.groupId`, memberIdMaxLength);
  return [{ name: `${at}.type`, reason: oneOf(['user', 'group']) }];
}

function routingRuleProblems(rule: RoutingRule, at: string): InvalidField[] {
  const { segment, commodity, territoryCode, source, minScore } = rule.when;
  const w = `${at}.when`;
  return [
    ...(segment === undefined || customerTypes.includes(segment)
      ? []
      : [{ name: `${w}.segment`, reason: oneOf(customerTypes) }]),
    ...(commodity === undefined || commodities.includes(commodity)
      ? []
      : [{ name: `${w}.commodity`, reason: oneOf(commodities) }]),
    ...(territoryCode === undefined ? [] : textProblem(territoryCode, `${w}.territoryCode`)),
    ...(source === undefined ? [] : textProblem(source, `${w}.source`)),
    ...(minScore === undefined ? [] : scoreProblem(minScore, `${w}.minScore`)),
    ...targetProblems(rule.to, `${at}.to`),
  ];
}

function nurtureRuleProblems(rule: NurtureRule, at: string): InvalidField[] {
  return [
    ...(nurtureStages.includes(rule.stage) ? [] : [{ name: `${at}.stage`, reason: oneOf(nurtureStages) }]),
    ...daysProblem(rule.afterDays, `${at}.afterDays`),
    ...textProblem(rule.title, `${at}.title`, nurtureTitleMaxLength),
    ...((rule.description?.length ?? 0) > nurtureDescriptionMaxLength
      ? [{ name: `${at}.description`, reason: `must be at most ${nurtureDescriptionMaxLength} characters` }]
      : []),
  ];
}

/**
 * Everything wrong with a tenant's sales rules, each named by its path
 * (`scoring.rules.2.points`); empty when they may be stored.
 */
export function validateSalesSettings(input: SalesRules): InvalidField[] {
  const { scoring, routing, nurturing, offers } = input;
  const each = <R>(rules: readonly R[], list: string, problems: (rule: R, at: string) => InvalidField[]) =>
    rules.flatMap((rule, index) => problems(rule, `${list}.${index}`));
  return [
    ...listProblems(scoring.rules, 'scoring.rules'),
    ...each(scoring.rules, 'scoring.rules', scoringRuleProblems),
    ...(scoring.qualifyAt === undefined ? [] : scoreProblem(scoring.qualifyAt, 'scoring.qualifyAt')),
    ...listProblems(routing.rules, 'routing.rules'),
    ...each(routing.rules, 'routing.rules', routingRuleProblems),
    ...(routing.fallback === undefined ? [] : targetProblems(routing.fallback, 'routing.fallback')),
    ...listProblems(nurturing.rules, 'nurturing.rules'),
    ...each(nurturing.rules, 'nurturing.rules', nurtureRuleProblems),
    ...daysProblem(offers.validityDays, 'offers.validityDays'),
  ];
}
