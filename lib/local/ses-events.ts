import type { LocalRoute } from './api-gateway';
import type { LocalEventBus } from './local-event-bus';

/** SES's EventBridge detail-types by the record's `eventType`. */
const detailTypes: Readonly<Record<string, string>> = {
  Send: 'Email Sent',
  Delivery: 'Email Delivered',
  Bounce: 'Email Bounced',
  Complaint: 'Email Complaint Received',
  Reject: 'Email Rejected',
  Open: 'Email Opened',
  Click: 'Email Clicked',
  'Rendering Failure': 'Email Rendering Failed',
  DeliveryDelay: 'Email Delivery Delayed',
  Subscription: 'Email Subscribed',
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * `POST /local/ses-events`: an SES event as SES publishes it, which the
 * local SES does not. The body is the EventBridge event (`source` `aws.ses`,
 * `detail-type`, `detail`: the samples in `events/ses/`) or SES's bare
 * record (`eventType`, `mail`, …); it goes on the local bus to the rules
 * that listen for SES, as on the default bus in AWS.
 */
export function sesEventInjection(bus: LocalEventBus): LocalRoute {
  return (_url, raw) => {
    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      return { status: 400, body: { title: 'Bad request', detail: 'POST an SES event as JSON' } };
    }
    const detail = isRecord(body) && isRecord(body.detail) ? body.detail : body;
    const eventType = isRecord(detail) && typeof detail.eventType === 'string' ? detail.eventType : undefined;
    const detailType = eventType ? detailTypes[eventType] : undefined;
    if (!detailType)
      return {
        status: 400,
        body: {
          title: 'Bad request',
          detail: `eventType must be one of ${Object.keys(detailTypes).join(', ')}`,
        },
      };
    // An EventBridge event's own id is kept: posting the same event twice is a redelivery.
    const given =
      isRecord(body) && typeof body.id === 'string' && isRecord(body.detail) ? body.id : undefined;
    const id = bus.inject({ ...(given ? { id: given } : {}), source: 'aws.ses', detailType, detail });
    return { status: 202, body: { id, detailType } };
  };
}
