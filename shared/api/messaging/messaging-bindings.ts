import { createdResult, idempotencyToken } from '#api/common/idempotent-create';
import { DeliveryError } from '#domain/messaging/delivery-error';
import { HttpError } from '#http/http-error';
import { type BoundRoute, bind } from '#http/route';
import type { MessagingServices } from '#runtime/messaging-services';
import { messagingRoutes as r } from './messaging-routes';

const deliveryProblems = {
  refused: { status: 502, code: 'delivery-refused', title: 'The provider refused the message' },
  unavailable: { status: 503, code: 'delivery-unavailable', title: 'The provider is unavailable' },
  unknown: { status: 504, code: 'delivery-outcome-unknown', title: 'The provider did not answer' },
} as const;

/** A failed send as the client sees it: whether to fix something, retry, or look before sending again. */
async function sending<T>(send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (error) {
    if (!(error instanceof DeliveryError)) throw error;
    const problem = deliveryProblems[error.failure];
    throw new HttpError(problem.status, problem.code, problem.title, error.message);
  }
}

/** Maps each messaging route onto its domain service call. */
export function messagingApi(s: MessagingServices): BoundRoute[] {
  return [
    bind(r.sendContactEmail, async ({ caller, params, body, idempotency }) =>
      createdResult(
        await sending(() =>
          s.messaging.sendEmail(
            caller,
            params.contactId,
            body,
            idempotencyToken('sendContactEmail', idempotency),
          ),
        ),
      ),
    ),
    bind(r.sendContactSms, async ({ caller, params, body, idempotency }) =>
      createdResult(
        await sending(() =>
          s.messaging.sendSms(
            caller,
            params.contactId,
            body,
            idempotencyToken('sendContactSms', idempotency),
          ),
        ),
      ),
    ),
    bind(r.listContactMessages, async ({ caller, params, query }) => ({
      body: await s.messaging.list(caller, params.contactId, query),
    })),
  ];
}
