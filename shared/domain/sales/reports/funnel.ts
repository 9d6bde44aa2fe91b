import { type Lead, type LeadStage, leadStages } from '#domain/sales/leads/lead';
import { type BucketDelta, difference } from './bucket-delta';

/**
 * The marketing funnel (R-SA-2, R-MK-1), kept from lead events: per
 * lifecycle stage, for the whole tenant, per attribution source and per
 * campaign (leads without a campaign count in the first two only). Each
 * bucket carries two counters:
 *
 * - `current`: leads in the stage now;
 * - `reached`: leads that ever reached the stage. A lead reaches every stage
 *   of the main path (lead → … → converted) up to the furthest one in its
 *   stage history, including those it skipped: a hot lead moved straight to
 *   sales-qualified has passed marketing-qualified and sales-accepted too,
 *   so each stage's count is at least the next one's and stage-to-stage
 *   rates never exceed 100 %. `disqualified` is reached only by being
 *   disqualified, and says nothing about the stages before it.
 *
 * A deleted lead counts nowhere.
 */
export type FunnelBucket =
  | { readonly kind: 'stage'; readonly stage: LeadStage }
  | { readonly kind: 'source'; readonly source: string; readonly stage: LeadStage }
  | { readonly kind: 'campaign'; readonly campaign: string; readonly stage: LeadStage };

export type FunnelDelta = BucketDelta<FunnelBucket>;

/** Campaign names come from outside (UTM tags); the funnel keeps this many characters of one. */
export const campaignKeyMaxLength = 200;

const mainPath = leadStages.filter((s) => s !== 'disqualified');

/** The stages a lead has reached, in lifecycle order. */
export function stagesReached(lead: Pick<Lead, 'stage' | 'stageHistory'>): LeadStage[] {
  const visited = new Set<LeadStage>([lead.stage, ...lead.stageHistory.map((change) => change.stage)]);
  const furthest = Math.max(...mainPath.map((stage, i) => (visited.has(stage) ? i : -1)));
  return [
    ...mainPath.slice(0, furthest + 1),
    ...(visited.has('disqualified') ? ['disqualified' as const] : []),
  ];
}

/** The campaign as the funnel keys it: at most `campaignKeyMaxLength` characters, none when blank. */
export function campaignKey(campaign: string | undefined): string | undefined {
  if (campaign === undefined || campaign.trim() === '') return undefined;
  return Array.from(campaign).slice(0, campaignKeyMaxLength).join('');
}

/** What one lead adds to the funnel aggregates. */
export function leadContribution(lead: Lead): FunnelDelta[] {
  if (lead.deletedAt !== undefined) return [];
  const { source } = lead.attribution;
  const campaign = campaignKey(lead.attribution.campaign);
  const inEachCut = (stage: LeadStage): FunnelBucket[] => [
    { kind: 'stage', stage },
    { kind: 'source', source, stage },
    ...(campaign === undefined ? [] : [{ kind: 'campaign', campaign, stage } as const]),
  ];
  const reached = new Set(stagesReached(lead));
  return leadStages.flatMap((stage) => {
    const amounts = {
      ...(stage === lead.stage ? { current: 1 } : {}),
      ...(reached.has(stage) ? { reached: 1 } : {}),
    };
    return Object.keys(amounts).length > 0 ? inEachCut(stage).map((bucket) => ({ bucket, amounts })) : [];
  });
}

/**
 * What a lead event moves: the lead's contribution after it less the one
 * before (none for a new lead). An event that changes neither the stage nor
 * the attribution moves nothing.
 */
export function leadDelta(previous: Lead | undefined, next: Lead): FunnelDelta[] {
  return difference(previous ? leadContribution(previous) : [], leadContribution(next));
}
