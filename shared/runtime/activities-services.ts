import type { ActivitiesServices } from '#domain/activities/activities-services';
import { ActivityDueService } from '#domain/activities/activity-due-service';
import { ActivityService } from '#domain/activities/activity-service';
import { TaskService } from '#domain/activities/task-service';
import type { ServiceDeps } from '#domain/service-context';
import type { UserLookup } from '#domain/users/user-lookup';
import { DynamoAccountStore } from '#table/accounts/account-store';
import { DynamoContactStore } from '#table/accounts/contact-store';
import { DynamoActivityStore, DynamoTaskStore } from '#table/activities/activities-store';
import type { Table } from '#table/core/table';
import { DynamoLeadStore } from '#table/sales/lead-store';
import { DynamoUserLookup } from '#table/users/users-lookup';
import type { Environment } from './environment';
import { serviceDeps } from './service-deps';

/** What a caller may replace: the clock, ids and tenants, and where owners are checked to be active users. */
export interface ActivitiesOverrides extends Partial<ServiceDeps> {
  readonly users?: UserLookup;
}

const storesOf = (table: Table) => ({
  activities: new DynamoActivityStore(table),
  tasks: new DynamoTaskStore(table),
  accounts: new DynamoAccountStore(table),
  contacts: new DynamoContactStore(table),
  leads: new DynamoLeadStore(table),
});

/** Wires the scheduled-activities module's domain services to the table and a scheduler. */
export function activitiesServices(
  env: Pick<Environment, 'table' | 'scheduler'>,
  overrides: ActivitiesOverrides = {},
): ActivitiesServices {
  const { table, scheduler } = env;
  const deps = serviceDeps(table, overrides);
  const stores = storesOf(table);
  return {
    activities: new ActivityService({
      ...deps,
      ...stores,
      scheduler,
      users: overrides.users ?? new DynamoUserLookup(table),
    }),
    tasks: new TaskService({ ...deps, tasks: stores.tasks }),
    due: new ActivityDueService({ ...deps, ...stores }),
  };
}

/** Only what happens when an activity is due: the `activity-due` function never schedules. */
export function activityDueService(
  env: Pick<Environment, 'table'>,
  overrides: Partial<ServiceDeps> = {},
): ActivityDueService {
  return new ActivityDueService({ ...serviceDeps(env.table, overrides), ...storesOf(env.table) });
}
