import { messageSchema } from '#api/messaging/messaging-schemas';
import { defineRoute } from '#http/route';
import { emailOfferDocumentBody, offerDocumentDownloadSchema } from './offer-documents-schemas';
import { offerVersionParams } from './offers-schemas';

/**
 * The PDF of a sent offer version (R-SA-6). Served by the function that
 * holds the files bucket and SES (contracts-api), not by sales-api.
 */
export const offerDocumentRoutes = {
  getOfferDocument: defineRoute({
    operationId: 'getOfferDocument',
    method: 'GET',
    path: '/v1/offers/{offerId}/versions/{version}/document',
    summary: 'A download link of a sent version’s PDF; 409 while a draft or not rendered yet',
    tag: 'Offers',
    permission: 'read',
    params: offerVersionParams,
    success: { status: 200, description: 'The link', schema: offerDocumentDownloadSchema },
    errors: [400, 401, 403, 404, 409],
  }),
  emailOfferDocument: defineRoute({
    operationId: 'emailOfferDocument',
    method: 'POST',
    path: '/v1/offers/{offerId}/versions/{version}/document/emails',
    summary: 'E-mail a sent version’s PDF, attached, to a contact of the account (the deal’s by default)',
    tag: 'Offers',
    permission: 'write',
    params: offerVersionParams,
    body: emailOfferDocumentBody,
    idempotent: true,
    success: { status: 201, description: 'The message, sent', schema: messageSchema },
    // 502: SES refused it; 503: it did not take it, try again; 504: no answer, it may have gone.
    errors: [400, 401, 403, 404, 409, 415, 422, 502, 503, 504],
  }),
} as const;
