import type { DomainEvent } from '#domain/events';
import type { Created, IdempotencyToken, Page, PageRequest } from '#domain/ports';
import type { Deal } from '#domain/sales/deals/deal';
import type { Lead } from '#domain/sales/leads/lead';
import type { Campaign } from './campaign';
import type { ReachedMilestone } from './campaign-funnel';
import type { CampaignTotals } from './campaign-report';

export interface CampaignStore {
  /** A deleted campaign too: the service answers 404 for it. */
  get(tenantId: string, campaignId: string): Promise<Campaign | undefined>;
  /** The campaign and the claim of its code in one transaction; a taken code is a 409 naming `codes.campaign`. */
  create(campaign: Campaign, event: DomainEvent, idempotency?: IdempotencyToken): Promise<Created<Campaign>>;
  update(previous: Campaign, next: Campaign, event: DomainEvent): Promise<void>;
  /** Live campaigns, newest first. */
  list(tenantId: string, page: PageRequest): Promise<Page<Campaign>>;
}

/** The campaigns' totals, kept by campaign code (ADR 0031). */
export interface CampaignTotalsReader {
  /** The totals of each code, by code; a code nothing counted for yet is absent. */
  totals(tenantId: string, codes: readonly string[]): Promise<ReadonlyMap<string, CampaignTotals>>;
}

/** Where the funnel consumer adds what prospects reach, each milestone once. */
export interface CampaignTotalsWriter {
  /**
   * Adds the milestones the prospect had not reached yet to the totals of
   * the prospect's campaign (the one it was first counted for, else
   * `campaign`), with the steps they move it past, in one transaction with
   * the prospect's record. A milestone reached before adds nothing.
   */
  reach(
    tenantId: string,
    campaign: string,
    prospectId: string,
    milestones: readonly ReachedMilestone[],
  ): Promise<void>;
  /** A click of a newsletter link with the code, once per `clickId` (the contact, or the mail event). */
  click(tenantId: string, campaign: string, clickId: string): Promise<void>;
}

/** The sales records the consumer follows from a deal, offer or contract back to its lead. */
export interface CampaignSalesRecords {
  lead(tenantId: string, leadId: string): Promise<Lead | undefined>;
  deal(tenantId: string, dealId: string): Promise<Deal | undefined>;
}
