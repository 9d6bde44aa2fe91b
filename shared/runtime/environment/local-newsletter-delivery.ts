import type { PageQueue, SendStarts } from '#domain/newsletters/newsletter-ports';

/** What the local runtime stands in for: the sender's SQS queue and the schedules that start sends. */
export interface LocalNewsletterDelivery {
  readonly queue: PageQueue;
  readonly starts: SendStarts;
}

const slot = Symbol.for('gridline.localNewsletterDelivery');
type WithLocalDelivery = { [slot]?: LocalNewsletterDelivery };

/** Locally, the runtime registers its in-process queue and scheduler here before any function runs. */
export function registerLocalNewsletterDelivery(delivery: LocalNewsletterDelivery | undefined): void {
  (globalThis as WithLocalDelivery)[slot] = delivery;
}

/** The registered stand-ins, looked up on each call: the function module may load before the runtime registers them. */
export function localNewsletterDelivery(): LocalNewsletterDelivery {
  const found = () => {
    const delivery = (globalThis as WithLocalDelivery)[slot];
    if (!delivery)
      throw new Error('NEWSLETTER_DELIVERY=local, but no local newsletter delivery is registered');
    return delivery;
  };
  return {
    queue: { enqueue: (pages, delaySeconds) => found().queue.enqueue(pages, delaySeconds) },
    starts: {
      schedule: (tenantId, newsletterId, at) => found().starts.schedule(tenantId, newsletterId, at),
      cancel: (tenantId, newsletterId) => found().starts.cancel(tenantId, newsletterId),
    },
  };
}
