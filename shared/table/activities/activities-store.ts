import type { Activity, ActivitySubject } from '#domain/activities/activity';
import type { ActivityStore, OccurrenceWrite, TaskStore } from '#domain/activities/stores';
import type { Task, TaskState } from '#domain/activities/task';
import { VersionMismatchError } from '#domain/errors';
import type { DomainEvent } from '#domain/events';
import type { IdempotencyToken, Page, PageRequest } from '#domain/ports';
import { commitChange } from '#table/core/commit-change';
import { commitCreate } from '#table/core/commit-create';
import { outboxPut } from '#table/core/outbox';
import { queryPage } from '#table/core/query-page';
import type { Table } from '#table/core/table';
import { putNew, putVersioned, type TransactItem, transactWrite } from '#table/core/transact';
import { activityEntity, taskEntity } from './entities';

/**
 * An activity in its own partition, in its subject's list (gsi1) and, while
 * active, in the tenant's active list (gsi2): pausing, cancelling or
 * finishing takes it off that list in the same write.
 */
export function activityItem(a: Activity): Record<string, unknown> {
  const at = { tenantId: a.tenantId, activityId: a.id };
  return activityEntity.item(a, {
    key: at,
    gsi1: { ...at, subjectType: a.subject.type, subjectId: a.subject.id },
    gsi2: a.state === 'active' ? at : undefined,
  });
}

/** A task in its own partition, in its subject's list (gsi1) and in its assignee's open or done list (gsi2). */
export function taskItem(task: Task): Record<string, unknown> {
  const at = { tenantId: task.tenantId, taskId: task.id, dueAt: task.dueAt };
  return taskEntity.item(task, {
    key: at,
    gsi1: { ...at, subjectType: task.subject.type, subjectId: task.subject.id },
    gsi2: { ...at, assigneeId: task.assigneeId, state: task.state },
  });
}

export class DynamoActivityStore implements ActivityStore {
  constructor(private readonly table: Table) {}

  get(tenantId: string, activityId: string): Promise<Activity | undefined> {
    return activityEntity.get(this.table, { tenantId, activityId });
  }

  create(activity: Activity, event: DomainEvent, idempotency?: IdempotencyToken) {
    return commitCreate(this.table, {
      resource: 'activity',
      id: activity.id,
      item: activityItem(activity),
      event,
      idempotency,
      response: activity,
    });
  }

  async update(previous: Activity, next: Activity, event: DomainEvent): Promise<void> {
    await commitChange(this.table, {
      resource: 'activity',
      id: next.id,
      item: activityItem(next),
      expectedVersion: previous.version,
      event,
      response: next,
    });
  }

  ofSubject(tenantId: string, subject: ActivitySubject, page: PageRequest): Promise<Page<Activity>> {
    return queryPage<Activity>(
      this.table,
      activityEntity.patterns.ofSubject.query({ tenantId, subjectType: subject.type, subjectId: subject.id }),
      page,
    );
  }

  active(tenantId: string, page: PageRequest): Promise<Page<Activity>> {
    return queryPage<Activity>(this.table, activityEntity.patterns.active.query({ tenantId }), page);
  }
}

class DuplicateTask extends Error {}

export class DynamoTaskStore implements TaskStore {
  constructor(private readonly table: Table) {}

  get(tenantId: string, taskId: string): Promise<Task | undefined> {
    return taskEntity.get(this.table, { tenantId, taskId });
  }

  /**
   * One transaction: the task (only if new), the activity (unchanged since
   * it was read, or its next version), and the events in the outbox.
   */
  async createForOccurrence({ task, activity, nextActivity, events }: OccurrenceWrite): Promise<boolean> {
    const activityKey = activityEntity.key({ tenantId: activity.tenantId, activityId: activity.id });
    const activityCondition: TransactItem = nextActivity
      ? putVersioned(this.table, activityItem(nextActivity), activity.version)
      : {
          ConditionCheck: {
            TableName: this.table.name,
            Key: activityKey,
            ConditionExpression: '#version = :expected',
            ExpressionAttributeNames: { '#version': 'version' },
            ExpressionAttributeValues: { ':expected': activity.version },
          },
        };
    const items: TransactItem[] = [
      putNew(this.table, taskItem(task)),
      activityCondition,
      ...events.map((event) => outboxPut(this.table, event)),
    ];
    try {
      await transactWrite(this.table, items, (codes) => {
        // A task that exists already wins: the occurrence has been handled.
        if (codes[0] === 'ConditionalCheckFailed') return new DuplicateTask();
        if (codes[1] === 'ConditionalCheckFailed') return new VersionMismatchError('activity', activity.id);
        return undefined;
      });
      return true;
    } catch (error) {
      if (error instanceof DuplicateTask) return false;
      throw error;
    }
  }

  async update(previous: Task, next: Task, event: DomainEvent): Promise<void> {
    await commitChange(this.table, {
      resource: 'task',
      id: next.id,
      item: taskItem(next),
      expectedVersion: previous.version,
      event,
    });
  }

  assignedTo(tenantId: string, assigneeId: string, state: TaskState, page: PageRequest): Promise<Page<Task>> {
    const list = state === 'done' ? taskEntity.patterns.doneOfAssignee : taskEntity.patterns.openOfAssignee;
    return queryPage<Task>(this.table, list.query({ tenantId, assigneeId }), page);
  }
}
