import { activitiesApi } from '../shared/api/activities-api';
import { activitiesServices, activitySchedulerFromEnvironment } from '../shared/runtime/activities-services';
import { httpFunction } from '../shared/runtime/http-function';
import { tableFromEnvironment } from '../shared/table/table';
import { DynamoUserLookup } from '../shared/table/users-lookup';

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
