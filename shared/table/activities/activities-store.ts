import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Activity, ActivitySubject } from '#domain/activities/activity';
import type { ActivityStore, OccurrenceWrite, TaskStore } from '#domain/activities/stores';
import type { Task, TaskState } from '#domain/activities/task';
import { VersionMismatchError } from '#domain/errors';
import type { DomainEvent } from '#domain/events';
import type { IdempotencyToken, Page, PageRequest } from '#domain/ports';
import { commitChange } from '#table/core/commit-change';
import { stripLayout } from '#table/core/item-mapping';
import { outboxPut } from '#table/core/outbox';
import { queryPage } from '#table/core/query-page';
import type { Table } from '#table/core/table';
import { putNew, putVersioned, type TransactItem, transactWrite } from '#table/core/transact';
import { activityKeys } from './activities-keys';

/**
 * An activity in its own partition, in its subject's list (gsi1) and, while
 * active, in the tenant's active list (gsi2): pausing, cancelling or
 * finishing takes it off that list in the same write.
 */
function activityItem(a: Activity): Record<string, unknown> {
  return {
    ...activityKeys.activity(a.tenantId, a.id),
    entity: 'Activity',
    gsi1pk: activityKeys.ofSubject(a.tenantId, a.subject),
    gsi1sk: activityKeys.activityInSubject(a.id),
    ...(a.state === 'active' ? { gsi2pk: activityKeys.active(a.tenantId), gsi2sk: a.id } : {}),
    ...a,
  };
}

/** A task in its own partition, in its subject's list (gsi1) and in its assignee's open or done list (gsi2). */
function taskItem(task: Task): Record<string, unknown> {
  return {
    ...activityKeys.task(task.tenantId, task.id),
    entity: 'Task',
    gsi1pk: activityKeys.ofSubject(task.tenantId, task.subject),
    gsi1sk: activityKeys.taskInSubject(task.dueAt, task.id),
    gsi2pk: activityKeys.assigned(task.tenantId, task.assigneeId, task.state),
    gsi2sk: activityKeys.assignedSk(task.dueAt, task.id),
    ...task,
  };
}

async function getItem<T>(table: Table, key: { pk: string; sk: string }): Promise<T | undefined> {
  const { Item } = await table.client.send(
    // Read before conditional writes: a stale copy would give a false 412.
    new GetCommand({ TableName: table.name, Key: key, ConsistentRead: true }),
  );
  return Item ? stripLayout<T>(Item) : undefined;
}

export class DynamoActivityStore implements ActivityStore {
  constructor(private readonly table: Table) {}

  get(tenantId: string, activityId: string): Promise<Activity | undefined> {
    return getItem<Activity>(this.table, activityKeys.activity(tenantId, activityId));
  }

  async create(activity: Activity, event: DomainEvent, idempotency?: IdempotencyToken) {
    const { replayed } = await this.write(undefined, activity, event, idempotency);
    return replayed ? { value: replayed as Activity, replayed: true } : { value: activity, replayed: false };
  }

  async update(previous: Activity, next: Activity, event: DomainEvent): Promise<void> {
    await this.write(previous, next, event);
  }

  private write(
    previous: Activity | undefined,
    next: Activity,
    event: DomainEvent,
    idempotency?: IdempotencyToken,
  ) {
    return commitChange(this.table, {
      resource: 'activity',
      id: next.id,
      item: activityItem(next),
      expectedVersion: previous?.version,
      event,
      idempotency,
      response: next,
    });
  }

  ofSubject(tenantId: string, subject: ActivitySubject, page: PageRequest): Promise<Page<Activity>> {
    return queryPage<Activity>(
      this.table,
      {
        index: 'gsi1',
        partition: activityKeys.ofSubject(tenantId, subject),
        sortKeyPrefix: activityKeys.activityPrefix,
        newestFirst: true,
      },
      page,
    );
  }

  active(tenantId: string, page: PageRequest): Promise<Page<Activity>> {
    return queryPage<Activity>(this.table, { index: 'gsi2', partition: activityKeys.active(tenantId) }, page);
  }
}

class DuplicateTask extends Error {}

export class DynamoTaskStore implements TaskStore {
  constructor(private readonly table: Table) {}

  get(tenantId: string, taskId: string): Promise<Task | undefined> {
    return getItem<Task>(this.table, activityKeys.task(tenantId, taskId));
  }

  /**
   * One transaction: the task (only if new), the activity (unchanged since
   * it was read, or its next version), and the events in the outbox.
   */
  async createForOccurrence({ task, activity, nextActivity, events }: OccurrenceWrite): Promise<boolean> {
    const activityKey = activityKeys.activity(activity.tenantId, activity.id);
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
    return queryPage<Task>(
      this.table,
      {
        index: 'gsi2',
        partition: activityKeys.assigned(tenantId, assigneeId, state),
        newestFirst: state === 'done',
      },
      page,
    );
  }
}
