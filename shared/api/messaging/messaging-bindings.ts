import { createdResult, idempotencyToken } from '#api/common/idempotent-create';
import type { MessagingServices } from '#domain/messaging/messaging-services';
import { type BoundRoute, bind } from '#http/route';
import { messagingRoutes as r } from './messaging-routes';

/** Maps each messaging route onto its domain service call; a failed send answers with its delivery problem. */
export function messagingApi(s: MessagingServices): BoundRoute[] {
  return [
    bind(r.sendContactEmail, async ({ caller, params, body, idempotency }) =>
      createdResult(
        await s.messaging.sendEmail(
          caller,
          params.contactId,
          body,
          idempotencyToken('sendContactEmail', idempotency),
        ),
      ),
    ),
    bind(r.sendContactSms, async ({ caller, params, body, idempotency }) =>
      createdResult(
        await s.messaging.sendSms(
          caller,
          params.contactId,
          body,
          idempotencyToken('sendContactSms', idempotency),
        ),
      ),
    ),
    bind(r.listContactMessages, async ({ caller, params, query }) => ({
      body: await s.messaging.list(caller, params.contactId, query),
    })),
  ];
}
