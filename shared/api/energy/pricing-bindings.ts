import { createdResult, idempotencyToken, replayHeaders } from '#api/common/idempotent-create';
import type { PricingServices } from '#domain/energy/energy-services';
import { NotFoundError } from '#domain/errors';
import { type BoundRoute, bind } from '#http/route';
import { pricingRoutes as r } from './pricing-routes';

/** Maps each pricing route onto its domain service call. */
export function pricingApi(s: PricingServices): BoundRoute[] {
  return [
    bind(r.createProduct, async ({ caller, body, idempotency }) =>
      createdResult(
        await s.pricing.createProduct(caller, body, idempotencyToken('createProduct', idempotency)),
      ),
    ),
    bind(r.listProducts, async ({ caller, query: { limit, cursor, q, commodity } }) => ({
      body: await s.pricing.listProducts(caller, { namePrefix: q, commodity }, { limit, cursor }),
    })),
    bind(r.getProduct, async ({ caller, params }) => {
      const product = await s.pricing.getProduct(caller, params.productId);
      return { body: product, version: product.version };
    }),
    bind(r.updateProduct, async ({ caller, params, body, ifMatch }) => {
      const product = await s.pricing.updateProduct(caller, params.productId, ifMatch as number, body);
      return { body: product, version: product.version };
    }),
    // A price list is immutable and its `version` is its number, not an ETag: no ETag is sent.
    bind(r.publishPriceList, async ({ caller, params, body, idempotency }) => {
      const { value, replayed } = await s.pricing.publishPriceList(
        caller,
        params.productId,
        body,
        idempotencyToken('publishPriceList', idempotency),
      );
      return { body: value, headers: replayHeaders(replayed) };
    }),
    bind(r.listPriceLists, async ({ caller, params, query }) => ({
      body: await s.pricing.listPriceLists(caller, params.productId, query),
    })),
    bind(r.getPrice, async ({ caller, params, query }) => {
      const price = await s.pricing.priceOn(
        caller,
        params.productId,
        query.territory,
        query.band,
        query.date,
      );
      if (!price) {
        throw new NotFoundError(
          'price',
          `of product ${params.productId} for territory ${query.territory} band ${query.band} on ${query.date}`,
        );
      }
      return { body: price };
    }),
  ];
}
