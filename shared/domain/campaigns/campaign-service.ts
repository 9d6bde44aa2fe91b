import { assertVersion, NotFoundError } from '#domain/errors';
import type { Actor, IdempotencyToken, Page, PageRequest } from '#domain/ports';
import { changeContext, type ServiceDeps } from '#domain/service-context';
import {
  type Campaign,
  type CampaignDraft,
  type CampaignPatch,
  campaignCodeKey,
  createCampaign,
  deleteCampaign,
  updateCampaign,
} from './campaign';
import { newCampaignEvent } from './campaign-events';
import { type CampaignHeadline, type CampaignReport, headlineOf, reportOf } from './campaign-report';
import type { CampaignStore, CampaignTotalsReader } from './campaign-stores';

export interface CampaignDeps extends ServiceDeps {
  readonly campaigns: CampaignStore;
  readonly totals: CampaignTotalsReader;
}

export interface CampaignWithHeadline {
  readonly campaign: Campaign;
  readonly headline: CampaignHeadline;
}

const subjectOf = (campaign: Campaign) => ({ type: 'campaign' as const, id: campaign.id });
const codeOf = (campaign: Campaign) => campaignCodeKey(campaign.codes.campaign) ?? '';

/**
 * Marketing campaigns (R-MK-1) and their reports. The report reads the
 * totals the funnel consumer keeps under the campaign's code: one GetItem
 * per campaign, never the leads, deals or contracts themselves.
 */
export class CampaignService {
  constructor(private readonly deps: CampaignDeps) {}

  async create(actor: Actor, draft: CampaignDraft, idempotency?: IdempotencyToken): Promise<Campaign> {
    const ctx = await changeContext(this.deps, actor);
    const campaign = createCampaign(this.deps.ids.next(), draft, ctx);
    const event = newCampaignEvent(this.deps, ctx, 'CampaignCreated', {
      subject: subjectOf(campaign),
      data: { campaign },
    });
    return (await this.deps.campaigns.create(campaign, event, idempotency)).value;
  }

  async get(actor: Actor, campaignId: string): Promise<Campaign> {
    const campaign = await this.deps.campaigns.get(actor.tenantId, campaignId);
    if (!campaign || campaign.deletedAt !== undefined) throw new NotFoundError('campaign', campaignId);
    return campaign;
  }

  /** A page of campaigns, each with its headline numbers (one BatchGetItem of their totals). */
  async list(actor: Actor, page: PageRequest): Promise<Page<CampaignWithHeadline>> {
    const campaigns = await this.deps.campaigns.list(actor.tenantId, page);
    const totals = await this.deps.totals.totals(actor.tenantId, campaigns.items.map(codeOf));
    return {
      ...campaigns,
      items: campaigns.items.map((campaign) => ({
        campaign,
        headline: headlineOf(campaign, totals.get(codeOf(campaign)) ?? {}),
      })),
    };
  }

  async update(
    actor: Actor,
    campaignId: string,
    expectedVersion: number,
    patch: CampaignPatch,
  ): Promise<Campaign> {
    const current = await this.get(actor, campaignId);
    assertVersion('campaign', current, expectedVersion);
    const ctx = await changeContext(this.deps, actor);
    const { campaign, changes } = updateCampaign(current, patch, ctx);
    if (changes.length === 0) return current;
    const event = newCampaignEvent(this.deps, ctx, 'CampaignUpdated', {
      subject: subjectOf(campaign),
      data: { campaign },
      changes,
    });
    await this.deps.campaigns.update(current, campaign, event);
    return campaign;
  }

  async remove(actor: Actor, campaignId: string, expectedVersion: number): Promise<void> {
    const current = await this.get(actor, campaignId);
    assertVersion('campaign', current, expectedVersion);
    const ctx = await changeContext(this.deps, actor);
    const campaign = deleteCampaign(current, ctx);
    const event = newCampaignEvent(this.deps, ctx, 'CampaignDeleted', {
      subject: subjectOf(campaign),
      data: { campaign },
    });
    await this.deps.campaigns.update(current, campaign, event);
  }

  async report(actor: Actor, campaignId: string): Promise<CampaignReport> {
    const campaign = await this.get(actor, campaignId);
    const code = codeOf(campaign);
    const totals = await this.deps.totals.totals(actor.tenantId, [code]);
    return reportOf(campaign, totals.get(code) ?? {});
  }
}
