import { idempotencyToken, replayHeaders } from '#api/common/idempotent-create';
import type { OfferDetail, OfferService, OfferVersionDetail } from '#domain/sales/offers/offer-service';
import { type BoundRoute, bind } from '#http/route';
import { offerRoutes as r } from './offers-routes';

/** The offer with a summary of each version (the response schema leaves out their lines). */
const detailView = ({ offer, versions }: OfferDetail) => ({ ...offer, versions });

/** A version answers with the offer's ETag: the one to send or accept it with. */
const versionResult = ({ offer, version }: OfferVersionDetail) => ({
  body: version,
  version: offer.version,
});

/** Maps each offer route onto its domain service call; the caller acts with the roles of their token. */
export function offersApi(service: OfferService): BoundRoute[] {
  return [
    bind(r.createOffer, async ({ caller, params, body, idempotency }) => {
      const { value, replayed } = await service.create(
        caller,
        params.dealId,
        body,
        idempotencyToken('createOffer', idempotency),
      );
      return {
        body: detailView(value),
        version: value.offer.version,
        headers: replayHeaders(replayed),
      };
    }),
    bind(r.listDealOffers, async ({ caller, params, query: { limit, cursor } }) => {
      return { body: await service.ofDeal(caller, params.dealId, { limit, cursor }) };
    }),
    bind(r.getOffer, async ({ caller, params }) => {
      const detail = await service.get(caller, params.offerId);
      return { body: detailView(detail), version: detail.offer.version };
    }),
    bind(r.addOfferVersion, async ({ caller, params, body, ifMatch }) =>
      versionResult(await service.addVersion(caller, params.offerId, ifMatch as number, body)),
    ),
    bind(r.getOfferVersion, async ({ caller, params }) =>
      versionResult(await service.version(caller, params.offerId, params.version)),
    ),
    bind(r.sendOfferVersion, async ({ caller, params, ifMatch }) =>
      versionResult(await service.send(caller, params.offerId, params.version, ifMatch as number)),
    ),
    bind(r.acceptOfferVersion, async ({ caller, params, ifMatch }) =>
      versionResult(await service.accept(caller, params.offerId, params.version, ifMatch as number)),
    ),
  ];
}
