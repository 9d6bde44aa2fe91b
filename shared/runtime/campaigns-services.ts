import { CampaignProjection } from '#domain/campaigns/campaign-projection';
import { CampaignService } from '#domain/campaigns/campaign-service';
import type { ServiceDeps } from '#domain/service-context';
import { DynamoCampaignSalesRecords } from '#table/campaigns/campaign-sales-records';
import { DynamoCampaignStore } from '#table/campaigns/campaign-store';
import { DynamoCampaignTotals } from '#table/campaigns/campaign-totals-store';
import type { Environment } from './environment';
import { serviceDeps } from './service-deps';

/** Wires the campaigns and their reports to the table. */
export function campaignsServices(
  env: Pick<Environment, 'table'>,
  overrides: Partial<ServiceDeps> = {},
): { readonly campaigns: CampaignService } {
  const { table } = env;
  return {
    campaigns: new CampaignService({
      ...serviceDeps(table, overrides),
      campaigns: new DynamoCampaignStore(table),
      totals: new DynamoCampaignTotals(table),
    }),
  };
}

/** The campaign funnel's projection, which the sales-reports consumer runs beside the sales aggregates. */
export function campaignFunnelProjection(env: Pick<Environment, 'table'>): CampaignProjection {
  const { table } = env;
  return new CampaignProjection({
    totals: new DynamoCampaignTotals(table),
    sales: new DynamoCampaignSalesRecords(table),
  });
}
