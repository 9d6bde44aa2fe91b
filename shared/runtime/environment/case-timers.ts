import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { EventBridgeCaseTimers } from '#adapters/scheduler/eventbridge-case-timers';
import type { CaseTimerScheduler } from '#domain/service/case-timers';
import { localCaseTimers } from './local-case-timers';
import { required } from './required';

let built: CaseTimerScheduler | undefined;

/**
 * EventBridge Scheduler in the cloud (the same `SCHEDULE_*` variables as the
 * activities' schedules, naming the `case-timers` function); the local
 * runtime's scheduler when `CASE_TIMERS=local`.
 */
export function environmentCaseTimers(): CaseTimerScheduler {
  if (built) return built;
  if (process.env.CASE_TIMERS === 'local') {
    built = localCaseTimers();
    return built;
  }
  const deadLetterArn = process.env.SCHEDULE_DEAD_LETTER_ARN;
  built = new EventBridgeCaseTimers(new SchedulerClient({}), {
    groupName: required('SCHEDULE_GROUP'),
    roleArn: required('SCHEDULER_ROLE_ARN'),
    targetArn: required('SCHEDULE_TARGET_ARN'),
    ...(deadLetterArn ? { deadLetterArn } : {}),
  });
  return built;
}
