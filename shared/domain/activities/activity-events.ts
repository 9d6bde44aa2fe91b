import * as z from 'zod';
import { entity, eventFactory, eventsOf } from '#domain/event-definition';
import { eventSources } from '#domain/service-context';
import { type Activity, activitySubjectTypes } from './activity';
import type { Task } from './task';

const activities = eventsOf(eventSources.accounts);

const withActivity = z.object({ activity: entity<Activity>('Activity') });
const withTask = z.object({ task: entity<Task>('Task') });

/** Scheduled activities on accounts, contacts and leads, and the tasks they leave for their owners. */
export const activityEvents = {
  ActivityScheduled: activities({
    when: 'an activity is scheduled on an account, a contact or a lead',
    subjects: activitySubjectTypes,
    data: withActivity,
  }),
  ActivityUpdated: activities({
    when: 'an activity is paused, resumed, cancelled or changed',
    subjects: activitySubjectTypes,
    data: withActivity,
  }),
  ActivityFinished: activities({
    when: 'the last occurrence of an activity was due',
    subjects: activitySubjectTypes,
    data: withActivity,
  }),
  ActivityDue: activities({
    when: 'an occurrence of an activity is due and becomes its owner’s task',
    subjects: activitySubjectTypes,
    data: z.object({
      activityId: z.string().min(1),
      occurrence: z.string().min(1),
      taskId: z.string().min(1),
      assigneeId: z.string().min(1),
      /** The timeline's one line on it. */
      summary: z.string(),
    }),
  }),
  TaskCreated: activities({
    when: 'a due occurrence makes its owner a task',
    subjects: activitySubjectTypes,
    data: withTask,
  }),
  TaskCompleted: activities({
    when: 'a task is marked done',
    subjects: activitySubjectTypes,
    data: withTask,
  }),
};

export const newActivityEvent = eventFactory(activityEvents);
