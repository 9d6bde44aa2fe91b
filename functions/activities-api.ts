import { activitiesApi } from '#api/activities/activities-bindings';
import { activitiesServices, activitySchedulerFromEnvironment } from '#runtime/activities-services';
import { httpFunction } from '#runtime/http-function';
import { tableFromEnvironment } from '#table/core/table';
import { DynamoUserLookup } from '#table/users/users-lookup';

/** Scheduled activities on accounts and contacts, and their owners' tasks. */
export const handler = httpFunction('activities-api', () => {
  const table = tableFromEnvironment();
  return activitiesApi(
    activitiesServices(table, {
      scheduler: activitySchedulerFromEnvironment(),
      users: new DynamoUserLookup(table),
    }),
  );
});
