import { idempotencyToken, replayHeaders } from '#api/common/idempotent-create';
import type { DealService } from '#domain/sales/deals/deal-service';
import { type BoundRoute, bind } from '#http/route';
import { dealRoutes as r } from './deals-routes';

/** Maps each deal route onto its domain service call; the caller's roles decide what they see. */
export function dealsApi(deals: DealService): BoundRoute[] {
  return [
    bind(r.createDeal, async ({ caller, body, idempotency }) => {
      const { value, replayed } = await deals.create(
        caller,
        body,
        idempotencyToken('createDeal', idempotency),
      );
      return { body: value, version: value.version, headers: replayHeaders(replayed) };
    }),
    bind(r.listDeals, async ({ caller, query: { limit, cursor } }) => {
      return { body: await deals.list(caller, { limit, cursor }) };
    }),
    bind(r.getDeal, async ({ caller, params }) => {
      const deal = await deals.get(caller, params.dealId);
      return { body: deal, version: deal.version };
    }),
    bind(r.updateDeal, async ({ caller, params, body, ifMatch }) => {
      const deal = await deals.update(caller, params.dealId, ifMatch as number, body);
      return { body: deal, version: deal.version };
    }),
  ];
}
