import type { ActivitySubject } from '#domain/activities/activity';
import type { TaskState } from '#domain/activities/task';
import type { ItemKey } from '#table/core/keys';

const t = (tenantId: string) => `T#${tenantId}`;

/**
 * The keys of scheduled activities and their tasks. Every partition starts
 * with the tenant; docs/architecture.md lists how each is read.
 */
export const activityKeys = {
  activity: (tenantId: string, activityId: string): ItemKey => ({
    pk: `${t(tenantId)}#ACTIVITY#${activityId}`,
    sk: 'ACTIVITY',
  }),
  /** gsi1: an account's or contact's activities (`ACTIVITY#<id>`) and tasks (`TASK#<dueAt>#<id>`). */
  ofSubject: (tenantId: string, subject: ActivitySubject) =>
    `${t(tenantId)}#ACTIVITIES#${subject.type}#${subject.id}`,
  activityInSubject: (activityId: string) => `ACTIVITY#${activityId}`,
  activityPrefix: 'ACTIVITY#',
  taskInSubject: (dueAt: string, taskId: string) => `TASK#${dueAt}#${taskId}`,
  taskPrefix: 'TASK#',
  /** gsi2: the tenant's active activities (sparse: others carry no gsi2 key). */
  active: (tenantId: string) => `${t(tenantId)}#ACTIVITIES#ACTIVE`,

  task: (tenantId: string, taskId: string): ItemKey => ({
    pk: `${t(tenantId)}#TASK#${taskId}`,
    sk: 'TASK',
  }),
  /** gsi2: a user's open or done tasks, sorted by due time. */
  assigned: (tenantId: string, assigneeId: string, state: TaskState) =>
    `${t(tenantId)}#TASKS#${assigneeId}#${state.toUpperCase()}`,
  assignedSk: (dueAt: string, taskId: string) => `${dueAt}#${taskId}`,
} as const;
