import { type CampaignFunnelEvent, campaignFunnelEvents } from '#domain/campaigns/campaign-projection';
import { type EventNameOf, eventNamesOf, isEventOf } from '#domain/event-catalogue';
import type { SalesEvent } from '#domain/sales/reports/sales-projection';
import { eventSources } from '#domain/service-context';
import { campaignFunnelProjection } from './campaigns-services';
import type { Environment } from './environment';
import { salesReportServices } from './sales-report-services';

const salesEvents = eventNamesOf(eventSources.sales);

/** What the sales-reports queue carries: every sales event, and signed contracts for the campaign funnel. */
export const salesReportQueueEvents: readonly (EventNameOf<typeof eventSources.sales> | 'ContractSigned')[] =
  [...salesEvents, 'ContractSigned'];

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
