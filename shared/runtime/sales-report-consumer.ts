import { type CampaignFunnelEvent, campaignFunnelEvents } from '#domain/campaigns/campaign-projection';
import { contractEvents } from '#domain/contracts/contract-events';
import { eventNamesIn, pickEvents } from '#domain/event-definition';
import { isEventOf } from '#domain/event-narrowing';
import { dealEvents } from '#domain/sales/deals/deal-events';
import { leadEvents } from '#domain/sales/leads/lead-events';
import { offerEvents } from '#domain/sales/offers/offer-events';
import type { SalesEvent } from '#domain/sales/reports/sales-projection';
import { salesSettingsEvents } from '#domain/sales/sales-settings-events';
import { campaignFunnelProjection } from './campaigns-services';
import type { Environment } from './environment';
import { salesReportServices } from './sales-report-services';

/** Every event of the sales source: the leads', deals', offers' and sales rules' modules. */
export const salesEventDefinitions = { ...leadEvents, ...dealEvents, ...offerEvents, ...salesSettingsEvents };
const salesEvents = eventNamesIn(salesEventDefinitions);

/** What the sales-reports queue carries: every sales event, and signed contracts for the campaign funnel. */
export const salesReportQueueEvents = {
  ...salesEventDefinitions,
  ...pickEvents(contractEvents, ['ContractSigned']),
};

/**
 * The sales-reports consumer's work for one event: the forecast and lead
 * funnel aggregates (sales events), and the campaigns' funnel totals
 * (ADR 0031). Both add each event once, so a redelivery is harmless.
 */
export function salesReportConsumer(env: Pick<Environment, 'table'>) {
  const { projection } = salesReportServices(env);
  const campaigns = campaignFunnelProjection(env);
  return async (event: SalesEvent | CampaignFunnelEvent): Promise<void> => {
    if (isEventOf(event, salesEvents)) await projection.apply(event);
    if (isEventOf(event, campaignFunnelEvents)) await campaigns.apply(event);
  };
}
