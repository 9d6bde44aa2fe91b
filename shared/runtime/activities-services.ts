import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { EventBridgeActivityScheduler } from '#adapters/scheduler/eventbridge-scheduler';
import { ActivityDueService } from '#domain/activities/activity-due-service';
import { ActivityService } from '#domain/activities/activity-service';
import type { ActivityScheduler } from '#domain/activities/scheduler';
import { TaskService } from '#domain/activities/task-service';
import type { ServiceDeps } from '#domain/service-context';
import type { UserLookup } from '#domain/users/user-lookup';
import { DynamoAccountStore } from '#table/accounts/account-store';
import { DynamoContactStore } from '#table/accounts/contact-store';
import { DynamoActivityStore, DynamoTaskStore } from '#table/activities/activities-store';
import type { Table } from '#table/core/table';
import { DynamoLeadStore } from '#table/sales/lead-store';
import { serviceDeps } from './service-deps';

export interface ActivitiesServices {
  readonly activities: ActivityService;
  readonly tasks: TaskService;
  readonly due: ActivityDueService;
}

export interface ActivitiesOptions {
  readonly scheduler: ActivityScheduler;
  readonly users?: UserLookup;
  readonly deps?: Partial<ServiceDeps>;
}

const storesOf = (table: Table) => ({
  activities: new DynamoActivityStore(table),
  tasks: new DynamoTaskStore(table),
  accounts: new DynamoAccountStore(table),
  contacts: new DynamoContactStore(table),
  leads: new DynamoLeadStore(table),
});

/** Wires the scheduled-activities module's domain services to the table and a scheduler. */
export function activitiesServices(table: Table, options: ActivitiesOptions): ActivitiesServices {
  const deps = serviceDeps(table, options.deps);
  const stores = storesOf(table);
  return {
    activities: new ActivityService({
      ...deps,
      ...stores,
      scheduler: options.scheduler,
      ...(options.users ? { users: options.users } : {}),
    }),
    tasks: new TaskService({ ...deps, tasks: stores.tasks }),
    due: new ActivityDueService({ ...deps, ...stores }),
  };
}

/** Only what happens when an activity is due: the `activity-due` function never schedules. */
export function activityDueService(table: Table, overrides: Partial<ServiceDeps> = {}): ActivityDueService {
  return new ActivityDueService({ ...serviceDeps(table, overrides), ...storesOf(table) });
}

/** The slot through which the local runtime hands its in-process scheduler to the functions it loads. */
const localSchedulerSlot = Symbol.for('gridline.localActivityScheduler');
type WithLocalScheduler = { [localSchedulerSlot]?: ActivityScheduler };

/**
 * Locally, the runtime creates one in-process scheduler and registers it
 * here before any function runs; with `ACTIVITY_SCHEDULER=local` the
 * functions use it. (The functions are loaded in the runtime's process, as
 * Lambda loads a bundle, so this is the only thing shared with them.)
 */
export function registerLocalActivityScheduler(scheduler: ActivityScheduler | undefined): void {
  (globalThis as WithLocalScheduler)[localSchedulerSlot] = scheduler;
}

function localScheduler(): ActivityScheduler {
  const found = () => {
    const scheduler = (globalThis as WithLocalScheduler)[localSchedulerSlot];
    if (!scheduler) throw new Error('ACTIVITY_SCHEDULER=local, but no local scheduler is registered');
    return scheduler;
  };
  // Looked up on each call: the function module may load before the runtime registers it.
  return {
    schedule: (activity) => found().schedule(activity),
    cancel: (tenantId, activityId) => found().cancel(tenantId, activityId),
  };
}

const required = (name: string, ...alternatives: string[]): string => {
  for (const candidate of [name, ...alternatives]) {
    const value = process.env[candidate];
    if (value) return value;
  }
  throw new Error(`${[name, ...alternatives].join(' or ')} is not set`);
};

/**
 * EventBridge Scheduler in the cloud, configured by the stack's environment
 * (`SCHEDULE_GROUP`, `SCHEDULER_ROLE_ARN`, `SCHEDULE_TARGET_ARN`, optional
 * `SCHEDULE_DEAD_LETTER_ARN`); the local runtime's scheduler when
 * `ACTIVITY_SCHEDULER=local`.
 */
export function activitySchedulerFromEnvironment(): ActivityScheduler {
  if (process.env.ACTIVITY_SCHEDULER === 'local') return localScheduler();
  const deadLetterArn = process.env.SCHEDULE_DEAD_LETTER_ARN;
  return new EventBridgeActivityScheduler(new SchedulerClient({}), {
    groupName: required('SCHEDULE_GROUP'),
    roleArn: required('SCHEDULER_ROLE_ARN'),
    targetArn: required('SCHEDULE_TARGET_ARN'),
    ...(deadLetterArn ? { deadLetterArn } : {}),
  });
}
