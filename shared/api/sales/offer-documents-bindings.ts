import { createdResult, idempotencyToken } from '#api/common/idempotent-create';
import type { OfferDocumentService } from '#domain/sales/offers/offer-document-service';
import { type BoundRoute, bind } from '#http/route';
import { offerDocumentRoutes as r } from './offer-documents-routes';

/** Maps the offer document routes onto the service; the caller acts with the roles of their token. */
export function offerDocumentsApi(service: OfferDocumentService): BoundRoute[] {
  return [
    bind(r.getOfferDocument, async ({ caller, params }) => ({
      body: await service.download(caller, params.offerId, params.version),
    })),
    bind(r.emailOfferDocument, async ({ caller, params, body, idempotency }) =>
      createdResult(
        await service.email(
          caller,
          params.offerId,
          params.version,
          body,
          idempotencyToken('emailOfferDocument', idempotency),
        ),
      ),
    ),
  ];
}
