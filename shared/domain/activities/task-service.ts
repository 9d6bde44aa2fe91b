import { assertVersion, NotFoundError } from '#domain/errors';
import type { Actor, Page, PageRequest } from '#domain/ports';
import { changeContext, type ServiceDeps } from '#domain/service-context';
import { newActivityEvent } from './activity-events';
import { eventSubjectOf } from './activity-service';
import type { TaskStore } from './stores';
import { completeTask, type Task, type TaskState } from './task';

export interface TaskFilter {
  /** `me` is the calling user. */
  readonly assignee: string;
  readonly state: TaskState;
}

/** The tasks that activities leave for their owners. */
export class TaskService {
  constructor(private readonly deps: ServiceDeps & { readonly tasks: TaskStore }) {}

  async get(actor: Actor, taskId: string): Promise<Task> {
    const task = await this.deps.tasks.get(actor.tenantId, taskId);
    if (!task) throw new NotFoundError('task', taskId);
    return task;
  }

  list(actor: Actor, filter: TaskFilter, page: PageRequest): Promise<Page<Task>> {
    const assignee = filter.assignee === 'me' ? actor.userId : filter.assignee;
    return this.deps.tasks.assignedTo(actor.tenantId, assignee, filter.state, page);
  }

  /** Marks the task done; completing a done task again changes nothing (a retried request). */
  async complete(actor: Actor, taskId: string, expectedVersion?: number): Promise<Task> {
    const current = await this.get(actor, taskId);
    if (current.state === 'done') return current;
    assertVersion('task', current, expectedVersion);
    const ctx = await changeContext(this.deps, actor);
    const task = completeTask(current, ctx);
    const event = newActivityEvent(this.deps, ctx, 'TaskCompleted', {
      subject: eventSubjectOf(task.subject, task.accountId),
      data: { task },
      changes: [{ field: 'state', from: current.state, to: task.state }],
    });
    await this.deps.tasks.update(current, task, event);
    return task;
  }
}
