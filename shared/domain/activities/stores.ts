import type { DomainEvent } from '#domain/events';
import type { Created, IdempotencyToken, Page, PageRequest } from '#domain/ports';
import type { Activity, ActivitySubject } from './activity';
import type { Task, TaskState } from './task';

/** Persistence of activities. Every write stores its domain event atomically with it. */
export interface ActivityStore {
  get(tenantId: string, activityId: string): Promise<Activity | undefined>;
  create(activity: Activity, event: DomainEvent, idempotency?: IdempotencyToken): Promise<Created<Activity>>;
  /** Fails with VersionMismatchError when the stored version is not `previous.version`. */
  update(previous: Activity, next: Activity, event: DomainEvent): Promise<void>;
  /** Newest first. */
  ofSubject(tenantId: string, subject: ActivitySubject, page: PageRequest): Promise<Page<Activity>>;
  /** The tenant's active activities, to register them again with a scheduler. */
  active(tenantId: string, page: PageRequest): Promise<Page<Activity>>;
}

/** The task of one occurrence, and what its creation changes and tells. */
export interface OccurrenceWrite {
  readonly task: Task;
  /** The activity as read; the write fails if it has changed since. */
  readonly activity: Activity;
  /** The activity after this occurrence, when it changes (a last occurrence finishes it). */
  readonly nextActivity?: Activity;
  readonly events: readonly DomainEvent[];
}

export interface TaskStore {
  get(tenantId: string, taskId: string): Promise<Task | undefined>;
  /**
   * Writes the task with its events, provided the activity is still the
   * version read. Returns false, writing nothing, when the task exists
   * already (the trigger fired twice); fails with VersionMismatchError when
   * the activity changed meanwhile.
   */
  createForOccurrence(write: OccurrenceWrite): Promise<boolean>;
  update(previous: Task, next: Task, event: DomainEvent): Promise<void>;
  /** Open tasks by due date, oldest first; done ones newest first. */
  assignedTo(tenantId: string, assigneeId: string, state: TaskState, page: PageRequest): Promise<Page<Task>>;
}
