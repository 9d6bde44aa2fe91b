import type { CaseChannel, RoutingConditions, RoutingRule, ServiceSettings } from './service-settings';

/** What routing looks at on a new case. */
export interface RoutingFacts {
  readonly caseType?: string;
  readonly channel: CaseChannel;
  /** The account's categories. */
  readonly categoryIds: readonly string[];
  readonly supportLevelId: string;
  /** Territory code of the case's supply point. */
  readonly territory?: string;
  readonly subject: string;
  readonly body: string;
}

/**
 * Words of a text with case and diacritics folded and everything but letters
 * and digits taken as a break, so that `Elmätare:` reads as `elmatare`.
 */
function wordsOf(text: string): string[] {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '');
}

/** Space-framed, so that a keyword found in it starts and ends at a word break. */
const framed = (words: readonly string[]) => ` ${words.join(' ')} `;

/** A keyword without letters or digits mentions nothing. */
function mentions(texts: readonly string[], keyword: string): boolean {
  const words = wordsOf(keyword);
  return words.length > 0 && texts.some((text) => text.includes(framed(words)));
}

/** An empty list sets no condition. */
const given = <T>(list: readonly T[] | undefined): list is readonly T[] =>
  list !== undefined && list.length > 0;

function conditionsHold(when: RoutingConditions, facts: RoutingFacts): boolean {
  const holds = <T>(list: readonly T[] | undefined, test: (value: T) => boolean) =>
    !given(list) || list.some(test);
  // Subject and body apart, so that a phrase does not run from one into the other.
  const texts = given(when.keywords) ? [facts.subject, facts.body].map((t) => framed(wordsOf(t))) : [];
  return (
    holds(when.caseTypes, (code) => code === facts.caseType) &&
    holds(when.channels, (channel) => channel === facts.channel) &&
    holds(when.categoryIds, (id) => facts.categoryIds.includes(id)) &&
    holds(when.supportLevelIds, (id) => id === facts.supportLevelId) &&
    holds(when.territories, (code) => code === facts.territory) &&
    holds(when.keywords, (keyword) => mentions(texts, keyword))
  );
}

/** Whether a rule sets no condition and so matches every case. */
export function isCatchAll(rule: RoutingRule): boolean {
  return Object.values(rule.when).every((list) => !given(list));
}

/** The team of the first rule that matches, else the default team; `ruleId` says which rule routed. */
export function routeCase(
  settings: Pick<ServiceSettings, 'routingRules' | 'defaultTeamId'>,
  facts: RoutingFacts,
): { teamId?: string; ruleId?: string } {
  const rule = settings.routingRules.find((r) => conditionsHold(r.when, facts));
  if (rule) return { teamId: rule.teamId, ruleId: rule.id };
  return settings.defaultTeamId === undefined ? {} : { teamId: settings.defaultTeamId };
}
