import type { Deal } from '#domain/sales/deals/deal';
import type { Lead } from '#domain/sales/leads/lead';
import { stagesReached } from '#domain/sales/reports/funnel';
import { campaignCodeKey } from './campaign';

/** The marketing funnel of a campaign (R-MK-1), from first touch to a signed contract. */
export const funnelSteps = [
  'awareness',
  'interest',
  'consideration',
  'intent',
  'evaluation',
  'purchase',
] as const;
export type FunnelStep = (typeof funnelSteps)[number];

/**
 * What a prospect (a lead, and the deal, offers and contracts that came of
 * it) did, each counted once per prospect. A contract is a milestone of its
 * own (`contract:<id>`): a prospect may sign more than one.
 */
export type Milestone = 'lead' | 'mql' | 'meeting' | 'sql' | 'deal' | 'offer' | 'won' | `contract:${string}`;

/** The headline counters of a campaign's totals. */
export const campaignCounters = [
  'leads',
  'mql',
  'sql',
  'meetings',
  'deals',
  'offers',
  'won',
  'contractsSigned',
  'clicks',
] as const;
export type CampaignCounter = (typeof campaignCounters)[number];

/** A milestone a prospect reached, with what it adds to the campaign's totals beside its step. */
export interface ReachedMilestone {
  readonly milestone: Milestone;
  readonly step: FunnelStep;
  /** Counters, and for a contract its value: `contractValue:<currency>` in minor units. */
  readonly amounts: Readonly<Record<string, number>>;
}

/** The counter of a contract value in one currency. */
export const contractValueCounter = (currency: string) => `contractValue:${currency}`;

/**
 * Which funnel step each milestone reaches (ADR 0031): a lead created with
 * the campaign's code shows interest; a marketing-qualified lead or a
 * meeting with it is considering; a sales-qualified lead or its deal shows
 * intent; an offer sent or accepted and a deal won are evaluation; a signed
 * contract is the purchase. Awareness is reached by every prospect and by
 * each contact who clicks a newsletter link carrying the code.
 */
const reached: Record<Exclude<Milestone, `contract:${string}`>, ReachedMilestone> = {
  lead: { milestone: 'lead', step: 'interest', amounts: { leads: 1 } },
  mql: { milestone: 'mql', step: 'consideration', amounts: { mql: 1 } },
  meeting: { milestone: 'meeting', step: 'consideration', amounts: { meetings: 1 } },
  sql: { milestone: 'sql', step: 'intent', amounts: { sql: 1 } },
  deal: { milestone: 'deal', step: 'intent', amounts: { deals: 1 } },
  offer: { milestone: 'offer', step: 'evaluation', amounts: { offers: 1 } },
  won: { milestone: 'won', step: 'evaluation', amounts: { won: 1 } },
};

export const stepIndex = (step: FunnelStep) => funnelSteps.indexOf(step);

/** The campaign a lead counts for, by its attribution's code; none without one. */
export function campaignOfLead(lead: Lead): string | undefined {
  return campaignCodeKey(lead.attribution.campaign);
}

/** What a lead shows of itself: created, qualified, met, converted. A deleted lead shows nothing more. */
export function leadMilestones(lead: Lead): ReachedMilestone[] {
  if (lead.deletedAt !== undefined) return [];
  const stages = new Set(stagesReached(lead));
  return [
    reached.lead,
    ...(stages.has('marketing-qualified') ? [reached.mql] : []),
    ...(stages.has('sales-qualified') ? [reached.sql] : []),
    ...(lead.engagement.meetings > 0 ? [reached.meeting] : []),
    ...(lead.conversion ? [reached.deal] : []),
  ];
}

/** What a deal of the prospect shows: that it exists, and that it was won. */
export function dealMilestones(deal: Pick<Deal, 'stage'>): ReachedMilestone[] {
  return [reached.deal, ...(deal.stage.status === 'won' ? [reached.won] : [])];
}

/** An offer of the prospect's deal went out (or was accepted). */
export const offerMilestones = (): ReachedMilestone[] => [reached.offer];

/** A signed contract of the prospect's deal, with its offered annual value. */
export function contractMilestone(contract: {
  readonly id: string;
  readonly currency: string;
  readonly offeredAnnualCost: number;
}): ReachedMilestone {
  return {
    milestone: `contract:${contract.id}`,
    step: 'purchase',
    amounts: {
      contractsSigned: 1,
      [contractValueCounter(contract.currency)]: contract.offeredAnnualCost,
    },
  };
}

/** What one click of a newsletter link carrying the code adds: awareness and a click. */
export const clickAmounts: Readonly<Record<string, number>> = { clicks: 1, awareness: 1 };

/**
 * What the milestones not yet reached add to the campaign's totals: their
 * counters, and each funnel step past the prospect's furthest one up to the
 * furthest the new milestones reach, once. Steps are cumulative: a
 * prospect whose first known milestone is a signed contract (its earlier
 * events still on their way) has passed every step before it, and the
 * events that arrive later add no step twice. Returns the prospect's new
 * furthest step.
 */
export function additions(
  furthest: number,
  milestones: readonly ReachedMilestone[],
): { readonly amounts: Record<string, number>; readonly furthest: number } {
  const amounts: Record<string, number> = {};
  const add = (name: string, amount: number) => {
    amounts[name] = (amounts[name] ?? 0) + amount;
  };
  let next = furthest;
  for (const m of milestones) {
    for (const [name, amount] of Object.entries(m.amounts)) add(name, amount);
    next = Math.max(next, stepIndex(m.step));
  }
  for (let step = furthest + 1; step <= next; step++) add(funnelSteps[step] as FunnelStep, 1);
  return { amounts, furthest: next };
}
