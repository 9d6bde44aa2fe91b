import { activitiesApi } from '#api/activities/activities-bindings';
import { activitiesServices } from '#runtime/activities-services';
import { environmentScheduler } from '#runtime/environment/scheduler';
import { environmentTable } from '#runtime/environment/table';
import { httpFunction } from '#runtime/http-function';

/** Scheduled activities on accounts and contacts, and their owners' tasks. */
export const handler = httpFunction('activities-api', () =>
  activitiesApi(activitiesServices({ table: environmentTable(), scheduler: environmentScheduler() })),
);
