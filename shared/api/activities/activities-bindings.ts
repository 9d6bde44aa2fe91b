import { createdResult, idempotencyToken } from '#api/common/idempotent-create';
import type { ActivitiesServices } from '#domain/activities/activities-services';
import type { ActivitySubject } from '#domain/activities/activity';
import type { Interval, Schedule } from '#domain/activities/recurrence';
import { type BoundRoute, bind } from '#http/route';
import { activityRoutes as r } from './activities-routes';

/** A schedule as the body holds it: zod's optional `endAt` may be `null`, the domain's is absent. */
type ScheduleBody =
  | { kind: 'once'; at: string }
  | { kind: 'interval'; every: Interval; startAt: string; endAt?: string | null };

function scheduleOf(schedule: ScheduleBody): Schedule {
  if (schedule.kind === 'once') return schedule;
  const { endAt, ...rest } = schedule;
  return endAt ? { ...rest, endAt } : rest;
}

const draftOf = <B extends { schedule: ScheduleBody }>(
  body: B,
): Omit<B, 'schedule'> & { schedule: Schedule } => ({
  ...body,
  schedule: scheduleOf(body.schedule),
});

/** Maps each activities route onto its domain service call. */
export function activitiesApi(s: ActivitiesServices): BoundRoute[] {
  const account = (id: string): ActivitySubject => ({ type: 'account', id });
  const contact = (id: string): ActivitySubject => ({ type: 'contact', id });
  return [
    bind(r.createAccountActivity, async ({ caller, params, body, idempotency }) =>
      createdResult(
        await s.activities.create(
          caller,
          account(params.accountId),
          draftOf(body),
          idempotencyToken('createAccountActivity', idempotency),
        ),
      ),
    ),
    bind(r.listAccountActivities, async ({ caller, params, query }) => ({
      body: await s.activities.ofSubject(caller, account(params.accountId), query),
    })),
    bind(r.createContactActivity, async ({ caller, params, body, idempotency }) =>
      createdResult(
        await s.activities.create(
          caller,
          contact(params.contactId),
          draftOf(body),
          idempotencyToken('createContactActivity', idempotency),
        ),
      ),
    ),
    bind(r.listContactActivities, async ({ caller, params, query }) => ({
      body: await s.activities.ofSubject(caller, contact(params.contactId), query),
    })),
    bind(r.listLeadActivities, async ({ caller, params, query }) => ({
      body: await s.activities.ofSubject(caller, { type: 'lead', id: params.leadId }, query),
    })),
    bind(r.getActivity, async ({ caller, params }) => {
      const activity = await s.activities.get(caller, params.activityId);
      return { body: activity, version: activity.version };
    }),
    bind(r.updateActivity, async ({ caller, params, body, ifMatch }) => {
      const { schedule, ...rest } = body;
      const activity = await s.activities.update(caller, params.activityId, ifMatch, {
        ...rest,
        ...(schedule ? { schedule: scheduleOf(schedule) } : {}),
      });
      return { body: activity, version: activity.version };
    }),
    bind(r.listTasks, async ({ caller, query: { limit, cursor, assignee, state } }) => ({
      body: await s.tasks.list(caller, { assignee, state }, { limit, cursor }),
    })),
    bind(r.getTask, async ({ caller, params }) => {
      const task = await s.tasks.get(caller, params.taskId);
      return { body: task, version: task.version };
    }),
    bind(r.completeTask, async ({ caller, params, ifMatch }) => {
      const task = await s.tasks.complete(caller, params.taskId, ifMatch);
      return { body: task, version: task.version };
    }),
  ];
}
