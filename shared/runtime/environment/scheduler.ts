import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { EventBridgeActivityScheduler } from '#adapters/scheduler/eventbridge-scheduler';
import type { ActivityScheduler } from '#domain/activities/scheduler';
import { localActivityScheduler } from './local-activity-scheduler';
import { required } from './required';

let built: ActivityScheduler | undefined;

/** EventBridge Scheduler, configured by the stack's environment. */
function eventBridgeScheduler(): ActivityScheduler {
  const deadLetterArn = process.env.SCHEDULE_DEAD_LETTER_ARN;
  return new EventBridgeActivityScheduler(new SchedulerClient({}), {
    groupName: required('SCHEDULE_GROUP'),
    roleArn: required('SCHEDULER_ROLE_ARN'),
    targetArn: required('SCHEDULE_TARGET_ARN'),
    ...(deadLetterArn ? { deadLetterArn } : {}),
  });
}

/**
 * EventBridge Scheduler in the cloud (`SCHEDULE_GROUP`, `SCHEDULER_ROLE_ARN`,
 * `SCHEDULE_TARGET_ARN`, optional `SCHEDULE_DEAD_LETTER_ARN`); the local
 * runtime's scheduler when `ACTIVITY_SCHEDULER=local`.
 */
export function environmentScheduler(): ActivityScheduler {
  built ??= process.env.ACTIVITY_SCHEDULER === 'local' ? localActivityScheduler() : eventBridgeScheduler();
  return built;
}
