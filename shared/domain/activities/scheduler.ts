import type { Activity } from './activity';

/**
 * What a scheduler passes to the `activity-due` function when an occurrence
 * is due. `occurrence` is the scheduled time (EventBridge Scheduler fills in
 * `<aws.scheduler.scheduled-time>`); without it the latest occurrence counts.
 */
export interface ActivityDueInput {
  readonly tenantId: string;
  readonly activityId: string;
  readonly occurrence?: string;
}

/**
 * Triggers an activity's occurrences: EventBridge Scheduler in the cloud
 * (one schedule per activity), an in-process scheduler with a controllable
 * clock locally. Both calls are idempotent.
 */
export interface ActivityScheduler {
  /** Creates or replaces the activity's schedule; an activity that is not active has none. */
  schedule(activity: Activity): Promise<void>;
  /** Removes the activity's schedule; nothing happens when there is none. */
  cancel(tenantId: string, activityId: string): Promise<void>;
}
