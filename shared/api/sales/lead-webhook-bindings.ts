import type { LeadSourceService } from '#domain/sales/leads/lead-source-service';
import { type BoundRoute, bind } from '#http/route';
import { leadWebhookRoutes as r } from './lead-webhook-routes';

/** The signed webhook lead platforms call: public, its own function. */
export function leadWebhookApi(sources: LeadSourceService): BoundRoute[] {
  return [
    bind(r.receiveLeadWebhook, async ({ params, raw }) => {
      const { lead, replayed } = await sources.receive(params.sourceId, {
        headers: raw.headers,
        rawBody: raw.body,
      });
      return { body: { leadId: lead.id, replayed } };
    }),
  ];
}
