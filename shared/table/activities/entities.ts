import type { Activity } from '#domain/activities/activity';
import { type Task, taskStates } from '#domain/activities/task';
import { defineEntity } from '#table/core/entity';
import { date, tenant, text, ulid, upperOneOf } from '#table/core/facets';
import { key, sharedKey } from '#table/core/key-template';

/** gsi1: an account's, contact's or lead's activities (`ACTIVITY#<id>`) and tasks (`TASK#<dueAt>#<id>`). */
const subjectActivities = /* @__PURE__ */ sharedKey(
  () => key`T#${tenant}#ACTIVITIES#${text('subjectType')}#${text('subjectId')}`,
);

export const activityEntity = /* @__PURE__ */ defineEntity<Activity>()(() => ({
  name: 'Activity',
  description: 'A scheduled activity; while active it is on the tenant’s active list (sparse gsi2).',
  key: { pk: key`T#${tenant}#ACTIVITY#${text('activityId')}`, sk: key`ACTIVITY` },
  indexes: {
    gsi1: { pk: subjectActivities, sk: key`ACTIVITY#${ulid('activityId')}` },
    gsi2: { pk: key`T#${tenant}#ACTIVITIES#ACTIVE`, sk: key`${ulid('activityId')}` },
  },
  patterns: {
    byId: {
      index: 'table',
      sortKey: 'equals',
      operation: 'consistent GetItem; versioned Put in the transaction of its event',
    },
    ofSubject: {
      index: 'gsi1',
      sortKey: 'beginsWith',
      order: 'descending',
      operation: 'Query; a page at a time when a merged contact’s activities move to the survivor',
    },
    active: {
      index: 'gsi2',
      operation: 'Query (registered again with the local scheduler)',
    },
  },
}));

export const taskEntity = /* @__PURE__ */ defineEntity<Task>()(() => ({
  name: 'Task',
  description:
    'An occurrence of an activity on its assignee’s list; its id is the activity’s and the occurrence’s.',
  key: { pk: key`T#${tenant}#TASK#${text('taskId')}`, sk: key`TASK` },
  indexes: {
    gsi1: { pk: subjectActivities, sk: key`TASK#${date('dueAt')}#${text('taskId')}` },
    gsi2: {
      pk: key`T#${tenant}#TASKS#${text('assigneeId')}#${upperOneOf('state', taskStates)}`,
      sk: key`${date('dueAt')}#${text('taskId')}`,
    },
  },
  patterns: {
    byId: {
      index: 'table',
      sortKey: 'equals',
      operation: 'consistent GetItem; conditional Put in the occurrence’s transaction',
    },
    ofSubject: {
      index: 'gsi1',
      sortKey: 'beginsWith',
      operation: 'Query, a page at a time, when a merged contact’s tasks move to the survivor',
    },
    openOfAssignee: { index: 'gsi2', fixed: { state: 'open' }, operation: 'Query' },
    doneOfAssignee: { index: 'gsi2', fixed: { state: 'done' }, order: 'descending', operation: 'Query' },
  },
}));
