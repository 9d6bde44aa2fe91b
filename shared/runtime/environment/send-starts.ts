import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { EventBridgeSendStarts } from '#adapters/scheduler/eventbridge-send-starts';
import type { SendStarts } from '#domain/newsletters/newsletter-ports';
import { localNewsletterDelivery } from './local-newsletter-delivery';
import { required } from './required';

/**
 * One-off schedules that put a newsletter's start on the sender's queue
 * (`SCHEDULE_GROUP`, `SCHEDULER_ROLE_ARN`, `SCHEDULE_QUEUE_ARN`), or the
 * local scheduler's when `NEWSLETTER_DELIVERY=local`.
 */
export function environmentSendStarts(): SendStarts {
  if (process.env.NEWSLETTER_DELIVERY === 'local') return localNewsletterDelivery().starts;
  const deadLetterArn = process.env.SCHEDULE_DEAD_LETTER_ARN;
  return new EventBridgeSendStarts(new SchedulerClient({}), {
    groupName: required('SCHEDULE_GROUP'),
    roleArn: required('SCHEDULER_ROLE_ARN'),
    queueArn: required('SCHEDULE_QUEUE_ARN'),
    ...(deadLetterArn ? { deadLetterArn } : {}),
  });
}
