import type { DomainEventOf } from '#domain/event-catalogue';
import { isEventOf } from '#domain/event-narrowing';
import type { Lead } from '#domain/sales/leads/lead';
import type { LeadChangeEvent } from '#domain/sales/leads/lead-events';
import {
  campaignOfLead,
  contractMilestone,
  dealMilestones,
  leadMilestones,
  offerMilestones,
  type ReachedMilestone,
} from './campaign-funnel';
import type { CampaignSalesRecords, CampaignTotalsWriter } from './campaign-stores';

const leadEvents = [
  'LeadCreated',
  'LeadUpdated',
  'LeadStageChanged',
  'LeadEngagementRecorded',
  'LeadScored',
  'LeadRouted',
  'LeadConverted',
] as const satisfies readonly ('LeadCreated' | LeadChangeEvent)[];
const dealEvents = ['DealCreated', 'DealStageChanged'] as const;
const offerEvents = ['OfferVersionSent', 'OfferAccepted'] as const;

/** The events the campaign funnel counts; ADR 0031 maps each to its milestones. */
export const campaignFunnelEvents = [...leadEvents, ...dealEvents, ...offerEvents, 'ContractSigned'] as const;
export type CampaignFunnelEvent = DomainEventOf<(typeof campaignFunnelEvents)[number]>;

/**
 * Keeps the campaigns' funnel totals (R-MK-1). Every event names its
 * prospect's lead, or a deal, offer or contract whose deal came of a lead
 * (`Deal.leadId`); the lead's attribution names the campaign. The consumer
 * follows the ids through the stored records, which were written before
 * their events were emitted, so a contract signed before the consumer saw
 * the lead or the deal still finds its campaign, and the lead's events
 * arriving after it add only what was not counted yet (each milestone once
 * per prospect). A lead without a campaign code counts nowhere.
 */
export class CampaignProjection {
  constructor(
    private readonly deps: { readonly totals: CampaignTotalsWriter; readonly sales: CampaignSalesRecords },
  ) {}

  async apply(event: CampaignFunnelEvent): Promise<void> {
    const { tenantId } = event;
    if (isEventOf(event, leadEvents)) return this.reach(event.data.lead, leadMilestones(event.data.lead));
    if (isEventOf(event, dealEvents)) {
      const { deal } = event.data;
      return this.reachThroughDeal(tenantId, deal.leadId, dealMilestones(deal));
    }
    if (event.type === 'OfferVersionSent')
      return this.reachThroughDealId(tenantId, event.data.offer.dealId, offerMilestones());
    if (event.type === 'OfferAccepted')
      return this.reachThroughDealId(tenantId, event.data.dealId, offerMilestones());
    if (event.type === 'ContractSigned') {
      const { contract } = event.data;
      return this.reachThroughDealId(tenantId, contract.deal.dealId, [contractMilestone(contract)]);
    }
  }

  private async reachThroughDealId(tenantId: string, dealId: string, milestones: ReachedMilestone[]) {
    const deal = await this.deps.sales.deal(tenantId, dealId);
    await this.reachThroughDeal(tenantId, deal?.leadId, milestones);
  }

  private async reachThroughDeal(
    tenantId: string,
    leadId: string | undefined,
    milestones: ReachedMilestone[],
  ) {
    if (leadId === undefined) return;
    const lead = await this.deps.sales.lead(tenantId, leadId);
    if (lead) await this.reach(lead, milestones);
  }

  private async reach(lead: Lead, milestones: readonly ReachedMilestone[]): Promise<void> {
    const campaign = campaignOfLead(lead);
    if (campaign === undefined || milestones.length === 0) return;
    await this.deps.totals.reach(lead.tenantId, campaign, lead.id, milestones);
  }
}
