import { type ChangeContext, createdStamps, type Stamps, touched } from '#domain/stamps';
import type { Activity, ActivitySubject } from './activity';

export const taskStates = ['open', 'done'] as const;
export type TaskState = (typeof taskStates)[number];

/** A task for one user: what an activity's occurrence leaves on its owner's list. */
export interface Task extends Stamps {
  readonly title: string;
  readonly description?: string;
  readonly activityId: string;
  readonly subject: ActivitySubject;
  /** The subject's account (a contact's account when the task was created), for the account's history. */
  readonly accountId?: string;
  readonly assigneeId: string;
  /** The occurrence the task stands for. */
  readonly dueAt: string;
  readonly state: TaskState;
  readonly completedAt?: string;
  readonly completedBy?: string;
}

/**
 * One occurrence, one task: the id is made of the activity and the
 * occurrence, so a trigger that fires twice finds its task already there.
 * `01J…-20250301T080000Z`.
 */
export function taskIdOf(activityId: string, occurrence: Date): string {
  const compact = occurrence
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
  return `${activityId}-${compact}`;
}

export const taskIdPattern = /^[0-9A-HJKMNP-TV-Z]{26}-\d{8}T\d{6}Z$/;

export function createTask(
  activity: Activity,
  occurrence: Date,
  accountId: string | undefined,
  ctx: ChangeContext,
): Task {
  return {
    ...createdStamps(taskIdOf(activity.id, occurrence), ctx),
    title: activity.title,
    ...(activity.description ? { description: activity.description } : {}),
    activityId: activity.id,
    subject: activity.subject,
    ...(accountId ? { accountId } : {}),
    assigneeId: activity.ownerId,
    dueAt: occurrence.toISOString(),
    state: 'open',
  };
}

export function completeTask(current: Task, ctx: ChangeContext): Task {
  return {
    ...touched(current, ctx),
    state: 'done',
    completedAt: ctx.now.toISOString(),
    completedBy: ctx.userId,
  };
}
