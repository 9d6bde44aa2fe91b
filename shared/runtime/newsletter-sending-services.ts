import { SESv2Client } from '@aws-sdk/client-sesv2';
import { sesSendRate } from '#adapters/messaging/ses-send-rate';
import type { Mailer } from '#domain/messaging/mailer';
import type { PageQueue, UnsubscribeLinks } from '#domain/newsletters/newsletter-ports';
import { NewsletterSending, type SendingLog } from '#domain/newsletters/newsletter-sending';
import { SendPacer } from '#domain/newsletters/send-pacing';
import type { ServiceDeps } from '#domain/service-context';
import type { Table } from '#table/core/table';
import { newsletterStores } from './newsletters-services';
import { serviceDeps } from './service-deps';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The pace of this sender: the account's SES rate (`NEWSLETTER_MAX_SEND_RATE`
 * caps it) shared by the senders that may run at once (the queue's maximum
 * concurrency, `QUEUE_MAX_CONCURRENCY`), as a token bucket kept for the
 * container's life.
 */
export function sesPace(rate: () => Promise<number>, sendersAtOnce: number): () => Promise<void> {
  let pacer: Promise<SendPacer> | undefined;
  return async () => {
    pacer ??= rate().then((r) => new SendPacer(r / sendersAtOnce, { now: () => performance.now() }, sleep));
    pacer.catch(() => {
      pacer = undefined;
    });
    await (await pacer).take();
  };
}

export interface SendingEnvironment {
  readonly table: Table;
  readonly mailer: Mailer;
  readonly links: UnsubscribeLinks;
  readonly queue: PageQueue;
  readonly pace: () => Promise<void>;
  readonly log: SendingLog;
  /** How the sender waits between tries; the timer by default. */
  readonly sleep?: (ms: number) => Promise<void>;
}

/** The newsletter sender's service on the table, SES and its queue. */
export function newsletterSending(
  env: SendingEnvironment,
  overrides: Partial<ServiceDeps> = {},
): NewsletterSending {
  const stores = newsletterStores(env.table);
  return new NewsletterSending({
    ...serviceDeps(env.table, overrides),
    ...stores,
    contacts: stores.audience,
    mailer: env.mailer,
    links: env.links,
    queue: env.queue,
    pace: env.pace,
    sleep: env.sleep ?? sleep,
    random: Math.random,
    log: env.log,
  });
}

/** The SES send rate of the environment: `GetAccount`, capped by `NEWSLETTER_MAX_SEND_RATE` when set. */
export function environmentSendRate(): () => Promise<number> {
  const cap = Number(process.env.NEWSLETTER_MAX_SEND_RATE ?? '');
  return sesSendRate(new SESv2Client({}), Number.isFinite(cap) && cap > 0 ? cap : undefined);
}
