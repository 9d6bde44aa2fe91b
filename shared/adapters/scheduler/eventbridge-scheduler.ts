import type { CreateScheduleCommandInput, SchedulerClient } from '@aws-sdk/client-scheduler';
import type { Activity } from '#domain/activities/activity';
import type { ActivityScheduler } from '#domain/activities/scheduler';
import { deleteSchedule, putSchedule } from './schedule-calls';
import { scheduleExpressionOf, scheduleNameOf } from './schedule-expression';

export interface EventBridgeSchedulerConfig {
  /** The schedule group that holds the activities' schedules. */
  readonly groupName: string;
  /** The `activity-due` function. */
  readonly targetArn: string;
  /** The role EventBridge Scheduler assumes to invoke the target. */
  readonly roleArn: string;
  /** A queue for invocations that failed every retry. */
  readonly deadLetterArn?: string;
  readonly now?: () => Date;
}

/**
 * The target input: the scheduler fills in the scheduled time of each
 * invocation, which tells the due function which occurrence it handles.
 */
export const scheduleTargetInput = (activity: Pick<Activity, 'tenantId' | 'id'>) =>
  JSON.stringify({
    tenantId: activity.tenantId,
    activityId: activity.id,
    occurrence: '<aws.scheduler.scheduled-time>',
  });

/** A start this close to now or earlier is left out: EventBridge refuses a start in the past. */
const startMarginMillis = 60_000;

/**
 * The schedule of an active activity. An interval's schedule starts a
 * minute before its first occurrence (so that one is surely included) and
 * ends a second after its end; the due function decides what is an
 * occurrence, so the margins cannot add one.
 */
export function scheduleInputOf(
  activity: Activity,
  config: EventBridgeSchedulerConfig,
  now: Date,
): CreateScheduleCommandInput {
  const { expression, timeZone } = scheduleExpressionOf(activity.schedule, activity.timeZone);
  const { schedule } = activity;
  const start = schedule.kind === 'interval' ? Date.parse(schedule.startAt) - startMarginMillis : undefined;
  const end = schedule.kind === 'interval' && schedule.endAt ? Date.parse(schedule.endAt) + 1000 : undefined;
  return {
    Name: scheduleNameOf(activity.tenantId, activity.id),
    GroupName: config.groupName,
    Description: `Scheduled activity ${activity.id} of tenant ${activity.tenantId}`,
    ScheduleExpression: expression,
    ScheduleExpressionTimezone: timeZone,
    ...(start !== undefined && start > now.getTime() ? { StartDate: new Date(start) } : {}),
    ...(end !== undefined ? { EndDate: new Date(end) } : {}),
    FlexibleTimeWindow: { Mode: 'OFF' },
    State: 'ENABLED',
    // A schedule with a last invocation removes itself after it.
    ...(schedule.kind === 'once' || end !== undefined ? { ActionAfterCompletion: 'DELETE' } : {}),
    Target: {
      Arn: config.targetArn,
      RoleArn: config.roleArn,
      Input: scheduleTargetInput(activity),
      ...(config.deadLetterArn ? { DeadLetterConfig: { Arn: config.deadLetterArn } } : {}),
    },
  };
}

/** One EventBridge Scheduler schedule per active activity, named after it. */
export class EventBridgeActivityScheduler implements ActivityScheduler {
  constructor(
    private readonly client: SchedulerClient,
    private readonly config: EventBridgeSchedulerConfig,
  ) {}

  async schedule(activity: Activity): Promise<void> {
    if (activity.state !== 'active') return this.cancel(activity.tenantId, activity.id);
    await putSchedule(this.client, scheduleInputOf(activity, this.config, this.config.now?.() ?? new Date()));
  }

  cancel(tenantId: string, activityId: string): Promise<void> {
    return deleteSchedule(this.client, scheduleNameOf(tenantId, activityId), this.config.groupName);
  }
}
