import { idempotencyToken } from '#api/common/idempotent-create';
import type { CampaignService } from '#domain/campaigns/campaign-service';
import { type BoundRoute, bind } from '#http/route';
import { campaignRoutes as r } from './campaigns-routes';

/** Maps the campaign routes onto the campaign service. */
export function campaignsApi(campaigns: CampaignService): BoundRoute[] {
  return [
    bind(r.createCampaign, async ({ caller, body, idempotency }) => {
      const campaign = await campaigns.create(caller, body, idempotencyToken('createCampaign', idempotency));
      return { body: campaign, version: campaign.version };
    }),
    bind(r.listCampaigns, async ({ caller, query: { limit, cursor } }) => ({
      body: await campaigns.list(caller, { limit, cursor }),
    })),
    bind(r.getCampaign, async ({ caller, params }) => {
      const campaign = await campaigns.get(caller, params.campaignId);
      return { body: campaign, version: campaign.version };
    }),
    bind(r.updateCampaign, async ({ caller, params, body, ifMatch }) => {
      const campaign = await campaigns.update(caller, params.campaignId, ifMatch as number, body);
      return { body: campaign, version: campaign.version };
    }),
    bind(r.deleteCampaign, async ({ caller, params, ifMatch }) => {
      await campaigns.remove(caller, params.campaignId, ifMatch as number);
      return {};
    }),
    bind(r.getCampaignReport, async ({ caller, params }) => ({
      body: await campaigns.report(caller, params.campaignId),
    })),
  ];
}
