import { environmentMailer } from '#runtime/environment/mailer';
import { environmentPageQueue } from '#runtime/environment/page-queue';
import { environmentTable } from '#runtime/environment/table';
import { environmentUnsubscribeLinks } from '#runtime/environment/unsubscribe-links';
import { newsletterSenderConsumer } from '#runtime/newsletter-sender-consumer';
import { environmentSendRate, newsletterSending, sesPace } from '#runtime/newsletter-sending-services';
import { observability, observedHandler } from '#runtime/observability/observed-handler';

const observed = observability('newsletter-sender');
const { logger } = observed;

/** Sends newsletters: fans a send out in pages, each paced to SES's rate, each recipient mailed once. */
export const handler = observedHandler(
  'newsletter-sender',
  newsletterSenderConsumer({
    sending: newsletterSending({
      table: environmentTable(),
      mailer: environmentMailer(),
      links: environmentUnsubscribeLinks(),
      queue: environmentPageQueue(),
      pace: sesPace(environmentSendRate(), Number(process.env.QUEUE_MAX_CONCURRENCY ?? '1') || 1),
      log: logger,
    }),
    logger,
  }),
  { observability: observed },
);
