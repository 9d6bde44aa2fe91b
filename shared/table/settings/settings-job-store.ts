import { ConflictError } from '#domain/errors';
import type { DomainEvent } from '#domain/events';
import type { Created, IdempotencyToken } from '#domain/ports';
import type { MoveCustomersJob } from '#domain/settings/job';
import type { JobLocks, JobStore } from '#domain/settings/stores';
import { getItem } from '#table/core/get-item';
import { idempotencyPut, replayOf } from '#table/core/idempotency';
import { outboxPut } from '#table/core/outbox';
import type { Table } from '#table/core/table';
import { putNew, putVersioned, type TransactItem, transactWrite } from '#table/core/transact';
import { jobEntity, settingEntity, settingLockEntity } from './entities';

/** A lock left by a job that died is cleaned up by TTL a day after it expired. */
const lockCleanupSeconds = 24 * 3600;

const jobItem = (job: MoveCustomersJob) =>
  jobEntity.item(job, { key: { tenantId: job.tenantId, jobId: job.id } });

class Replay extends Error {}

/** Jobs of the settings module and the locks they hold on industries. */
export class DynamoJobStore implements JobStore {
  constructor(private readonly table: Table) {}

  get(tenantId: string, jobId: string): Promise<MoveCustomersJob | undefined> {
    return jobEntity.get(this.table, { tenantId, jobId });
  }

  async create(
    job: MoveCustomersJob,
    event: DomainEvent,
    locks: JobLocks,
    idempotency?: IdempotencyToken,
  ): Promise<Created<MoveCustomersJob>> {
    const items: TransactItem[] = [putNew(this.table, jobItem(job))];
    const locksAt = items.length;
    for (const settingId of locks.settingIds) {
      items.push({
        Put: {
          TableName: this.table.name,
          Item: settingLockEntity.item(
            {
              jobId: job.id,
              lockedUntil: locks.until,
              expiresAt: Math.floor(Date.parse(locks.until) / 1000) + lockCleanupSeconds,
            },
            { key: { tenantId: job.tenantId, settingId } },
          ),
          // A lock whose job died (its time is up) may be taken over.
          ConditionExpression: 'attribute_not_exists(pk) OR lockedUntil < :now',
          ExpressionAttributeValues: { ':now': event.occurredAt },
        },
      });
    }
    const liveAt = items.length;
    for (const settingId of locks.settingIds) {
      items.push({
        ConditionCheck: {
          TableName: this.table.name,
          Key: settingEntity.key({ tenantId: job.tenantId, settingId }),
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(deletedAt)',
        },
      });
    }
    items.push(outboxPut(this.table, event));
    const idempotencyAt = idempotency ? items.length : -1;
    if (idempotency) {
      items.push(idempotencyPut(this.table, job.tenantId, idempotency, job, new Date(event.occurredAt)));
    }
    const count = locks.settingIds.length;
    try {
      await transactWrite(this.table, items, (codes) => {
        const failed = (i: number) => codes[i] === 'ConditionalCheckFailed';
        if (failed(idempotencyAt)) return new Replay();
        for (let i = 0; i < count; i++) {
          if (failed(locksAt + i)) {
            return new ConflictError(
              'job-running',
              `industry ${locks.settingIds[i]} already takes part in a running move-customers job; wait until it is done`,
            );
          }
          if (failed(liveAt + i)) {
            return new ConflictError(
              'changed-meanwhile',
              `industry ${locks.settingIds[i]} was deleted meanwhile`,
            );
          }
        }
        return undefined;
      });
    } catch (error) {
      if (error instanceof Replay && idempotency) {
        return {
          value: await replayOf<MoveCustomersJob>(this.table, job.tenantId, idempotency),
          replayed: true,
        };
      }
      throw error;
    }
    return { value: job, replayed: false };
  }

  async save(
    previous: MoveCustomersJob,
    next: MoveCustomersJob,
    event?: DomainEvent,
    release: readonly string[] = [],
  ): Promise<void> {
    const items: TransactItem[] = [putVersioned(this.table, jobItem(next), previous.version)];
    for (const settingId of release) {
      // Only a lock that is still this job's: one that expired may belong to another job by now.
      const key = settingLockEntity.key({ tenantId: next.tenantId, settingId });
      const lock = await getItem(this.table, key);
      if (lock?.jobId !== next.id) continue;
      items.push({
        Delete: {
          TableName: this.table.name,
          Key: key,
          ConditionExpression: 'jobId = :job',
          ExpressionAttributeValues: { ':job': next.id },
        },
      });
    }
    if (event) items.push(outboxPut(this.table, event));
    await transactWrite(this.table, items, (codes) => {
      if (codes[0] === 'ConditionalCheckFailed') {
        return new ConflictError(
          'changed-meanwhile',
          `job ${next.id} was changed by another invocation; this one stops`,
        );
      }
      return undefined;
    });
  }
}
