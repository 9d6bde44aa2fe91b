import type { OnceSchedule } from '#domain/activities/recurrence';
import { addDays, instantsOf, utcMillisOf, wallTimeOf } from '#domain/activities/zoned-time';
import {
  type NurtureRule,
  type RouteConditions,
  type RouteTarget,
  type SalesRules,
  sameText,
} from '#domain/sales/sales-settings';
import type { Lead } from './lead';

/** What the routing rules look at. */
export type RoutedLead = Pick<Lead, 'segment' | 'commodity' | 'territoryCode' | 'attribution' | 'score'>;

/** Text conditions need the lead to have the attribute; the match ignores case. */
const textHolds = (wanted: string | undefined, actual: string | undefined) =>
  wanted === undefined || (actual !== undefined && sameText(wanted, actual));

function holds(when: RouteConditions, lead: RoutedLead): boolean {
  return (
    textHolds(when.segment, lead.segment) &&
    textHolds(when.commodity, lead.commodity) &&
    textHolds(when.territoryCode, lead.territoryCode) &&
    textHolds(when.source, lead.attribution.source) &&
    (when.minScore === undefined || lead.score >= when.minScore)
  );
}

/** Where a lead goes: the target of the first rule it matches, else the fallback, else nowhere. */
export function matchRoute(lead: RoutedLead, routing: SalesRules['routing']): RouteTarget | undefined {
  return routing.rules.find((rule) => holds(rule.when, lead))?.to ?? routing.fallback;
}

/**
 * The member of a group whose turn it is. `members` in the group's stored
 * order; `turn` counts the leads routed to the group so far. Turns go round
 * the active members only, so a deactivated member's share is spread evenly
 * over the others rather than handed to the one after them; undefined when
 * no member is active.
 */
export function pickRoundRobin(
  members: readonly string[],
  active: ReadonlySet<string>,
  turn: number,
): string | undefined {
  const eligible = members.filter((member) => active.has(member));
  if (eligible.length === 0) return undefined;
  return eligible[((turn % eligible.length) + eligible.length) % eligible.length];
}

/** The round-robin counter of each user group. */
export interface RoundRobinTurns {
  /** This lead's turn in the group: 0 for the first, one more for each after; atomic under concurrency. */
  nextTurn(tenantId: string, groupId: string): Promise<number>;
}

export interface FollowUp {
  readonly title: string;
  readonly description?: string;
  readonly schedule: OnceSchedule;
}

/** Follow-ups fall due at the start of the working day in the tenant's zone. */
export const followUpHour = 9;

const halfDay = 12 * 3600 * 1000;

/**
 * 09:00 on a day in the zone. Should the clocks skip that time (a zone that
 * jumped a whole day), it is read with the offset from before the jump,
 * which lands just after the gap, as a clock set the evening before would.
 */
function followUpTimeOn(day: { year: number; month: number; day: number }, zone: string): Date {
  const wall = { ...day, hour: followUpHour, minute: 0, second: 0 };
  const exact = instantsOf(wall, zone)[0];
  if (exact) return exact;
  const before = new Date(utcMillisOf(wall) - halfDay);
  const offsetBefore = utcMillisOf(wallTimeOf(before, zone)) - before.getTime();
  return new Date(utcMillisOf(wall) - offsetBefore);
}

/**
 * The follow-ups the owner of a just-routed lead gets, one per nurture rule
 * of the lead's stage, in the rules' order: one-off schedules for the CRM
 * core's scheduled activities. Each is due at 09:00 in the tenant's zone on
 * the day `afterDays` after the local day of routing, so a lead routed late
 * in the evening is followed up a whole number of working mornings later,
 * not in the middle of a night; always after `routedAt`.
 */
export function nurtureFor(
  lead: Pick<Lead, 'stage'>,
  rules: readonly NurtureRule[],
  routedAt: Date,
  timeZone: string,
): FollowUp[] {
  const routedDay = wallTimeOf(routedAt, timeZone);
  return rules
    .filter((rule) => rule.stage === lead.stage)
    .map((rule) => ({
      title: rule.title,
      ...(rule.description ? { description: rule.description } : {}),
      schedule: {
        kind: 'once',
        at: followUpTimeOn(addDays(routedDay, rule.afterDays), timeZone).toISOString(),
      },
    }));
}
