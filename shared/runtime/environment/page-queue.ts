import { SQSClient } from '@aws-sdk/client-sqs';
import { SqsPageQueue } from '#adapters/queues/sqs-page-queue';
import type { PageQueue } from '#domain/newsletters/newsletter-ports';
import { localNewsletterDelivery } from './local-newsletter-delivery';
import { required } from './required';

/** The sender's queue: SQS (`NEWSLETTER_SENDS_QUEUE_URL`), or the local runtime's when `NEWSLETTER_DELIVERY=local`. */
export function environmentPageQueue(): PageQueue {
  if (process.env.NEWSLETTER_DELIVERY === 'local') return localNewsletterDelivery().queue;
  return new SqsPageQueue(new SQSClient({}), required('NEWSLETTER_SENDS_QUEUE_URL'));
}
