import * as z from 'zod';
import {
  auditFields,
  idSchema,
  lineText,
  multilineText,
  pageOf,
  pageQuery,
} from '#api/common/common-schemas';
import { activityStates, activitySubjectTypes, settableActivityStates } from '#domain/activities/activity';
import { supportedIntervals } from '#domain/activities/recurrence';
import { taskIdPattern, taskStates } from '#domain/activities/task';

const instant = z.iso
  .datetime({ offset: true })
  .meta({ description: 'ISO 8601 date and time with `Z` or an offset, e.g. `2025-03-01T09:00:00+01:00`.' });

/** User ids become part of keys: no `#`, no spaces. */
const userId = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._@:+-]{0,127}$/, 'not a user id')
  .meta({ description: 'A user of the tenant.' });

const onceSchedule = z
  .strictObject({
    kind: z.literal('once'),
    at: instant.meta({ description: 'When the task is due; must be in the future.' }),
  })
  .meta({ id: 'OnceSchedule' });

const intervalSchedule = z
  .strictObject({
    kind: z.literal('interval'),
    every: z.enum(supportedIntervals).meta({
      description:
        'ISO 8601 duration: daily, weekly, or every 1, 2, 3, 4, 6 or 12 months. Occurrences keep the ' +
        "wall-clock time of `startAt` in the tenant's time zone across daylight-saving changes; a time " +
        'the clocks skip has no occurrence that day.',
    }),
    startAt: instant.meta({
      description:
        'The first occurrence, on a whole minute. Monthly schedules repeat its day of the month (1–28, or ' +
        'the 31st for the last day of every month).',
    }),
    endAt: instant.nullish().meta({ description: 'No occurrence after this.' }),
  })
  .meta({ id: 'IntervalSchedule' });

const schedule = z.discriminatedUnion('kind', [onceSchedule, intervalSchedule]).meta({
  id: 'ActivitySchedule',
  description: 'A fixed time, or an interval from a start.',
});

export const createActivityBody = z
  .strictObject({
    title: lineText.min(1).max(200),
    description: multilineText.max(5000).nullish(),
    ownerId: userId.nullish().meta({ description: 'Who gets the tasks; you, when not given.' }),
    schedule,
  })
  .meta({ id: 'CreateActivity' });

export const updateActivityBody = z
  .strictObject({
    title: lineText.min(1).max(200).optional(),
    description: multilineText.max(5000).nullish(),
    ownerId: userId.optional(),
    schedule: schedule.optional().meta({ description: 'Replaces the whole schedule.' }),
    state: z.enum(settableActivityStates).optional().meta({
      description: '`paused` stops tasks until `active` again; `cancelled` is final.',
    }),
  })
  .meta({ id: 'UpdateActivity', description: 'Only the fields sent change; `description: null` clears it.' });

const subjectSchema = z.object({ type: z.enum(activitySubjectTypes), id: z.string() });

export const activitySchema = z
  .object({
    ...auditFields,
    subject: subjectSchema,
    title: z.string(),
    description: z.string().optional(),
    ownerId: z.string(),
    schedule,
    timeZone: z.string().meta({ description: "The tenant's time zone, in which the schedule runs." }),
    state: z.enum(activityStates),
  })
  .meta({ id: 'Activity' });

export const activityPage = pageOf(activitySchema, 'ActivityPage');

export const taskSchema = z
  .object({
    ...auditFields,
    title: z.string(),
    description: z.string().optional(),
    activityId: z.string(),
    subject: subjectSchema,
    accountId: z.string().optional(),
    assigneeId: z.string(),
    dueAt: z.iso.datetime(),
    state: z.enum(taskStates),
    completedAt: z.iso.datetime().optional(),
    completedBy: z.string().optional(),
  })
  .meta({ id: 'Task' });

export const taskPage = pageOf(taskSchema, 'TaskPage');

export const taskListQuery = z.strictObject({
  ...pageQuery,
  assignee: z
    .union([z.literal('me'), userId])
    .default('me')
    .meta({ description: '`me` (the default) or a user id.' }),
  state: z.enum(taskStates).default('open').meta({
    description: '`open` (the default), oldest due first; or `done`, newest first.',
  }),
});

export const activityParams = z.object({ activityId: idSchema });
export const taskParams = z.object({
  taskId: z.string().regex(taskIdPattern, 'not a task id of this API'),
});
