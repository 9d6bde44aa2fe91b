import { DeliveryError } from '#domain/messaging/delivery-error';
import type { IdempotencyToken } from '#domain/ports';
import { HttpError } from '#http/http-error';
import { type BoundRoute, bind, type IdempotencyRequest } from '#http/route';
import type { MessagingServices } from '#runtime/messaging-services';
import { messagingRoutes as r } from './messaging-routes';

const token = (operationId: string, request: IdempotencyRequest | undefined): IdempotencyToken | undefined =>
  request && { operationId, ...request };

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

/** A replayed send answers like the first one, and says so. */
const created = (result: { value: { version: number }; replayed: boolean }) => ({
  body: result.value,
  version: result.value.version,
  headers: result.replayed ? { 'idempotent-replayed': 'true' } : undefined,
});

/** Maps each messaging route onto its domain service call. */
export function messagingApi(s: MessagingServices): BoundRoute[] {
  return [
    bind(r.sendContactEmail, async ({ caller, params, body, idempotency }) =>
      created(
        await sending(() =>
          s.messaging.sendEmail(caller, params.contactId, body, token('sendContactEmail', idempotency)),
        ),
      ),
    ),
    bind(r.sendContactSms, async ({ caller, params, body, idempotency }) =>
      created(
        await sending(() =>
          s.messaging.sendSms(caller, params.contactId, body, token('sendContactSms', idempotency)),
        ),
      ),
    ),
    bind(r.listContactMessages, async ({ caller, params, query }) => ({
      body: await s.messaging.list(caller, params.contactId, query),
    })),
  ];
}
