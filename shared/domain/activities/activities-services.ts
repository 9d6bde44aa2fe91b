import type { ActivityDueService } from './activity-due-service';
import type { ActivityService } from './activity-service';
import type { TaskService } from './task-service';

/** What the scheduled-activities module offers: activities, their owners' tasks, and what happens when one is due. */
export interface ActivitiesServices {
  readonly activities: ActivityService;
  readonly tasks: TaskService;
  readonly due: ActivityDueService;
}
