import type { Contract } from '#domain/contracts/contract';
import {
  type CommissionRule,
  matchCriteria,
  periodOf,
  type RuleMatch,
  type RuleVersion,
  specificityOf,
  versionOn,
} from './commission-rule';

/** What a rule is matched against: the contract as signed. */
export interface ContractFacts {
  readonly productId?: string;
  readonly customerType: string;
  readonly commodity?: string;
  readonly bandCodes: readonly (string | undefined)[];
  readonly territoryCodes: readonly string[];
  readonly consumptionKwh: number;
  /** False when a supply point has no annual consumption: then no range matches and nothing is paid per MWh. */
  readonly consumptionKnown: boolean;
  readonly dealTypeId?: string;
  readonly currency: string;
}

export function factsOf(contract: Contract): ContractFacts {
  const first = contract.lines[0];
  return {
    ...(first ? { productId: first.productId, commodity: first.commodity } : {}),
    customerType: contract.party.customerType,
    bandCodes: contract.lines.map((l) => l.bandCode),
    territoryCodes: contract.lines.map((l) => l.territoryCode),
    consumptionKwh: contract.lines.reduce((sum, l) => sum + (l.annualConsumptionKwh ?? 0), 0),
    consumptionKnown: contract.lines.every((l) => l.annualConsumptionKwh !== undefined),
    ...(contract.deal.typeId ? { dealTypeId: contract.deal.typeId } : {}),
    currency: contract.currency,
  };
}

const inRange = (value: number, range: NonNullable<RuleMatch['consumptionKwh']>) =>
  (range.from === undefined || value >= range.from) && (range.to === undefined || value < range.to);

export function matches(match: RuleMatch, facts: ContractFacts): boolean {
  const all = (values: readonly (string | undefined)[], wanted: string) =>
    values.length > 0 && values.every((v) => v === wanted);
  return (
    (match.productId === undefined || match.productId === facts.productId) &&
    (match.customerType === undefined || match.customerType === facts.customerType) &&
    (match.commodity === undefined || match.commodity === facts.commodity) &&
    (match.bandCode === undefined || all(facts.bandCodes, match.bandCode)) &&
    (match.territoryCode === undefined || all(facts.territoryCodes, match.territoryCode)) &&
    (match.dealTypeId === undefined || match.dealTypeId === facts.dealTypeId) &&
    (match.consumptionKwh === undefined ||
      (facts.consumptionKnown && inRange(facts.consumptionKwh, match.consumptionKwh)))
  );
}

/**
 * The rule version that applies to a contract signed on `day`: of the
 * versions in force that day in the contract's currency and matching it, the
 * most specific. Saving refuses equally specific overlapping rules, so there
 * is at most one.
 */
export function ruleFor(
  rules: readonly CommissionRule[],
  facts: ContractFacts,
  day: string,
): RuleVersion | undefined {
  const candidates = rules
    .map((rule) => versionOn(rule, day))
    .filter((v): v is RuleVersion => v !== undefined && v.currency === facts.currency)
    .filter((v) => matches(v.match, facts));
  return candidates.sort((a, b) => specificityOf(b.match) - specificityOf(a.match))[0];
}

const disjointRanges = (a: RuleMatch['consumptionKwh'], b: RuleMatch['consumptionKwh']) =>
  a !== undefined &&
  b !== undefined &&
  ((a.to !== undefined && b.from !== undefined && a.to <= b.from) ||
    (b.to !== undefined && a.from !== undefined && b.to <= a.from));

/**
 * Whether some contract could match both: no criterion both set tells them
 * apart. Conservative: a product and a commodity are not compared, so
 * "product X" and "gas" overlap even when X is electricity.
 */
export function couldBothMatch(a: RuleMatch, b: RuleMatch): boolean {
  for (const c of matchCriteria) {
    if (c === 'consumptionKwh') {
      if (disjointRanges(a.consumptionKwh, b.consumptionKwh)) return false;
    } else if (a[c] !== undefined && b[c] !== undefined && a[c] !== b[c]) return false;
  }
  return true;
}

type Period = { from: string; until?: string };
const isEmpty = (p: Period) => p.until !== undefined && p.until <= p.from;
const periodsMeet = (a: Period, b: Period) =>
  !isEmpty(a) &&
  !isEmpty(b) &&
  (a.until === undefined || b.from < a.until) &&
  (b.until === undefined || a.from < b.until);

/**
 * The rules a new version of `ruleId` (in force from `candidate.validFrom`
 * on) would tie with: active versions of other rules in force at some of the
 * same days, in the same currency, as specific, and able to match the same
 * contract.
 */
export function tiesOf(
  rules: readonly CommissionRule[],
  ruleId: string,
  candidate: Pick<RuleVersion, 'validFrom' | 'match' | 'currency' | 'active'>,
): { ruleId: string; name: string }[] {
  if (!candidate.active) return [];
  const period = { from: candidate.validFrom };
  const specificity = specificityOf(candidate.match);
  return rules
    .filter((rule) => rule.id !== ruleId)
    .filter((rule) =>
      rule.versions.some(
        (v) =>
          v.active &&
          v.currency === candidate.currency &&
          specificityOf(v.match) === specificity &&
          periodsMeet(period, periodOf(rule, v)) &&
          couldBothMatch(v.match, candidate.match),
      ),
    )
    .map((rule) => ({ ruleId: rule.id, name: rule.versions[rule.versions.length - 1]?.name ?? rule.id }));
}
