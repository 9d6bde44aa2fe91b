import {
  type ActivityRule,
  type ScoringAttribute,
  type ScoringRule,
  sameText,
} from '#domain/sales/sales-settings';
import type { Lead, ScoreLine } from './lead';

/** What the scoring rules look at. */
export type ScoredLead = Pick<
  Lead,
  'segment' | 'commodity' | 'annualConsumptionKwh' | 'territoryCode' | 'attribution' | 'engagement'
>;

function attributeOf(lead: ScoredLead, attribute: ScoringAttribute): string | undefined {
  switch (attribute) {
    case 'source':
      return lead.attribution.source;
    case 'campaign':
      return lead.attribution.campaign;
    default:
      return lead[attribute];
  }
}

/** The rule's points for the lead's count of the activity, no larger in size than `maxPoints`. */
function activityPoints(lead: ScoredLead, rule: ActivityRule): number {
  const count = rule.activity === 'email-opened' ? lead.engagement.emailsOpened : lead.engagement.meetings;
  return Math.sign(rule.pointsEach) * Math.min(Math.abs(rule.pointsEach) * count, rule.maxPoints);
}

function pointsOf(lead: ScoredLead, rule: ScoringRule): number {
  switch (rule.kind) {
    case 'attribute': {
      const value = attributeOf(lead, rule.attribute);
      return value !== undefined && sameText(value, rule.equals) ? rule.points : 0;
    }
    case 'consumption': {
      const kwh = lead.annualConsumptionKwh;
      const inBand = kwh !== undefined && kwh >= rule.atLeastKwh && (rule.belowKwh ?? Infinity) > kwh;
      return inBand ? rule.points : 0;
    }
    case 'activity':
      return activityPoints(lead, rule);
  }
}

/**
 * A lead's score under the tenant's rules: the sum of what each rule gives,
 * with one line per rule that gives something (not 0), in the rules' order,
 * so the lead shows why it scored what it did. Recomputed from scratch each
 * time, so the same lead and rules always give the same score.
 */
export function scoreLead(
  lead: ScoredLead,
  rules: readonly ScoringRule[],
): { score: number; lines: ScoreLine[] } {
  const lines = rules
    .map((rule) => ({ rule: rule.id, points: pointsOf(lead, rule) }))
    .filter((line) => line.points !== 0);
  return { score: lines.reduce((sum, line) => sum + line.points, 0), lines };
}
