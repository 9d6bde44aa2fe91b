import { idempotencyToken } from '#api/common/idempotent-create';
import type { LeadSource } from '#domain/sales/leads/lead-source';
import type { LeadSourceService } from '#domain/sales/leads/lead-source-service';
import { type BoundRoute, bind } from '#http/route';
import { leadSourceRoutes as r } from './lead-sources-routes';

const view = (source: LeadSource) => ({
  ...source,
  webhookPath: `/v1/webhooks/leads/${source.id}`,
});

/** Maps the lead source admin routes onto the lead source service. */
export function leadSourcesApi(sources: LeadSourceService): BoundRoute[] {
  return [
    bind(r.createLeadSource, async ({ caller, body, idempotency }) => {
      const { source, signingSecret } = await sources.create(
        caller,
        body,
        idempotencyToken('createLeadSource', idempotency),
      );
      return {
        body: { ...view(source), ...(signingSecret ? { signingSecret } : {}) },
        version: source.version,
      };
    }),
    bind(r.listLeadSources, async ({ caller, query: { limit, cursor } }) => {
      const page = await sources.list(caller, { limit, cursor });
      return { body: { ...page, items: page.items.map(view) } };
    }),
    bind(r.getLeadSource, async ({ caller, params }) => {
      const source = await sources.get(caller, params.sourceId);
      return { body: view(source), version: source.version };
    }),
    bind(r.updateLeadSource, async ({ caller, params, body, ifMatch }) => {
      const source = await sources.update(caller, params.sourceId, ifMatch as number, body);
      return { body: view(source), version: source.version };
    }),
    bind(r.rotateLeadSourceSecret, async ({ caller, params }) => ({
      body: { signingSecret: await sources.rotateSecret(caller, params.sourceId) },
    })),
  ];
}
