import { VersionMismatchError } from '#domain/errors';
import type { DomainEvent } from '#domain/events';
import { changeContext, type ServiceDeps } from '#domain/service-context';
import { finishedActivity } from './activity';
import { newActivityEvent } from './activity-events';
import { eventSubjectOf, liveSubject, type SubjectStores } from './activity-service';
import { isLastOccurrence, latestOccurrence, occurrenceNear } from './recurrence';
import type { ActivityDueInput } from './scheduler';
import type { ActivityStore, TaskStore } from './stores';
import { createTask, type Task } from './task';

/** The actor of what a schedule does: tasks and events it creates name no user. */
export const schedulerUserId = 'scheduler';

export type DueOutcome =
  | { readonly outcome: 'created'; readonly task: Task }
  /** The task of this occurrence exists already: the trigger fired twice. */
  | { readonly outcome: 'duplicate'; readonly taskId: string }
  /** Nothing to do: the activity is gone, not active, or has no such occurrence; the subject is deleted. */
  | { readonly outcome: 'skipped'; readonly reason: string };

const attempts = 3;

/**
 * What happens when an activity is due: its owner gets a task, and
 * `ActivityDue` and `TaskCreated` are emitted, all in one transaction. One
 * occurrence makes exactly one task however often it is triggered; the last
 * occurrence finishes the activity (`ActivityFinished`) in the same write.
 */
export class ActivityDueService {
  constructor(
    private readonly deps: ServiceDeps &
      SubjectStores & {
        readonly activities: ActivityStore;
        readonly tasks: TaskStore;
      },
  ) {}

  async due(input: ActivityDueInput): Promise<DueOutcome> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.attempt(input);
      } catch (error) {
        // The activity changed between the read and the write (paused, rescheduled): decide again.
        if (!(error instanceof VersionMismatchError) || attempt >= attempts) throw error;
      }
    }
  }

  private async attempt({ tenantId, activityId, occurrence: given }: ActivityDueInput): Promise<DueOutcome> {
    const activity = await this.deps.activities.get(tenantId, activityId);
    if (!activity) return { outcome: 'skipped', reason: 'no such activity' };
    if (activity.state !== 'active')
      return { outcome: 'skipped', reason: `the activity is ${activity.state}` };
    const ctx = await changeContext(this.deps, { tenantId, userId: schedulerUserId });
    const { schedule, timeZone } = activity;
    const occurrence = given
      ? occurrenceNear(schedule, timeZone, new Date(given))
      : latestOccurrence(schedule, timeZone, ctx.now);
    if (!occurrence) {
      return { outcome: 'skipped', reason: "not an occurrence of the activity's schedule" };
    }
    const subject = await liveSubject(this.deps, tenantId, activity.subject);
    if (!subject) return { outcome: 'skipped', reason: `the ${activity.subject.type} is deleted` };

    const task = createTask(activity, occurrence, subject.accountId, ctx);
    const eventSubject = eventSubjectOf(activity.subject, subject.accountId);
    const events: DomainEvent[] = [
      newActivityEvent(this.deps, ctx, 'ActivityDue', {
        subject: eventSubject,
        data: {
          activityId,
          occurrence: task.dueAt,
          taskId: task.id,
          assigneeId: task.assigneeId,
          // The timeline's one line on it.
          summary: task.title,
        },
      }),
      newActivityEvent(this.deps, ctx, 'TaskCreated', { subject: eventSubject, data: { task } }),
    ];
    const nextActivity = isLastOccurrence(schedule, timeZone, occurrence)
      ? finishedActivity(activity, ctx)
      : undefined;
    if (nextActivity) {
      events.push(
        newActivityEvent(this.deps, ctx, 'ActivityFinished', {
          subject: eventSubject,
          data: { activity: nextActivity },
          changes: [{ field: 'state', from: activity.state, to: nextActivity.state }],
        }),
      );
    }
    const created = await this.deps.tasks.createForOccurrence({ task, activity, nextActivity, events });
    return created ? { outcome: 'created', task } : { outcome: 'duplicate', taskId: task.id };
  }
}
