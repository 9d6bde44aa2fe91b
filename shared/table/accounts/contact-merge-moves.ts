import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Contact } from '#domain/accounts/contact';
import type { ContactMergeMoves } from '#domain/accounts/contact-merge-follow-up';
import type { Activity } from '#domain/activities/activity';
import type { Task } from '#domain/activities/task';
import { activityItem, taskItem } from '#table/activities/activities-store';
import { activityEntity, taskEntity } from '#table/activities/entities';
import { attachmentEntity } from '#table/attachments/entities';
import { stripLayout } from '#table/core/item-mapping';
import type { KeyCondition } from '#table/core/key-condition';
import { queryFirstPage } from '#table/core/query-all';
import type { Table } from '#table/core/table';
import { putVersioned, type TransactItem } from '#table/core/transact';
import { transactRetryingConflicts } from '#table/core/transact-retry';
import { consentChangeEntity } from '#table/newsletters/entities';
import { contactEntity, noteEntity } from './entities';
import { lookupSetOf, ownersWrite } from './lookups';

/** Items per transaction: a move is two writes, DynamoDB takes 100. */
const batchSize = 25;
/** Rounds in a row that move nothing before the run gives up, for the queue to try again later. */
const stuckRounds = 5;

const isConditionFailure = (error: unknown) =>
  error instanceof TransactionCanceledException &&
  (error.CancellationReasons ?? []).some((r) => r.Code === 'ConditionalCheckFailed');

type Rewrite = (item: Record<string, unknown>) => TransactItem[];

/**
 * The moves after a contact merge (ADR 0032), in batches of transactions.
 * Each batch is conditional on what it read: an item moved by a concurrent
 * or an earlier run is gone from the loser's side, and a batch that lost
 * such a race is read again, so every item moves exactly once.
 */
export class DynamoContactMergeMoves implements ContactMergeMoves {
  constructor(private readonly table: Table) {}

  async moveBesideItems(tenantId: string, loserId: string, survivorId: string): Promise<void> {
    const from = contactEntity.key({ tenantId, contactId: loserId }).pk;
    const to = contactEntity.key({ tenantId, contactId: survivorId }).pk;
    const move: Rewrite = (item) => [
      {
        Put: {
          TableName: this.table.name,
          Item: retargeted(item, to, loserId, survivorId),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      {
        Delete: {
          TableName: this.table.name,
          Key: { pk: item.pk, sk: item.sk },
          ConditionExpression: 'attribute_exists(pk)',
        },
      },
    ];
    await this.drain(noteEntity.patterns.ofSubject.query({ subjectPk: from }), move);
    await this.drain(attachmentEntity.patterns.ofSubject.query({ subjectPk: from }), move);
    await this.drain(consentChangeEntity.patterns.ofContact.query({ tenantId, contactId: loserId }), move);
  }

  async repointActivities(tenantId: string, loserId: string, survivorId: string): Promise<void> {
    const subject = { type: 'contact' as const, id: survivorId };
    const at = { tenantId, subjectType: 'contact', subjectId: loserId };
    await this.drain(activityEntity.patterns.ofSubject.query(at), (item) => {
      const activity = stripLayout<Activity>(item);
      const next = { ...activity, subject, version: activity.version + 1 };
      return [putVersioned(this.table, activityItem(next), activity.version)];
    });
    await this.drain(taskEntity.patterns.ofSubject.query(at), (item) => {
      const task = stripLayout<Task>(item);
      const next = { ...task, subject, version: task.version + 1 };
      return [putVersioned(this.table, taskItem(next), task.version)];
    });
  }

  async releaseOwners(loser: Contact): Promise<void> {
    const { owner, entries } = lookupSetOf(
      { tenantId: loser.tenantId, subject: 'CONTACT', id: loser.id },
      { phones: loser.phones, email: loser.email },
    );
    for (const entry of entries) {
      for (const write of ownersWrite(this.table, owner, entry, 'DELETE')) {
        // DELETE of a set element is idempotent: a second run changes nothing.
        if (write.Update) await this.table.client.send(new UpdateCommand(write.Update));
      }
    }
  }

  /** Moves what the condition reads, a batch at a time, until nothing is left of it. */
  private async drain(condition: KeyCondition, rewrite: Rewrite): Promise<void> {
    for (let stuck = 0; stuck < stuckRounds; ) {
      const items = await queryFirstPage(this.table, condition, { Limit: batchSize });
      if (items.length === 0) return;
      try {
        await transactRetryingConflicts(this.table, items.flatMap(rewrite));
        stuck = 0;
      } catch (error) {
        // Another run moved some of these first, or an activity changed since it was read: read again.
        if (!isConditionFailure(error)) throw error;
        stuck++;
      }
    }
    throw new Error(`merge moves made no progress on ${condition.partition} in ${stuckRounds} rounds`);
  }
}

/** An item of the loser's partition as the survivor's: its key, and the subject or contact it names. */
function retargeted(
  item: Record<string, unknown>,
  pk: string,
  loserId: string,
  survivorId: string,
): Record<string, unknown> {
  const moved: Record<string, unknown> = { ...item, pk };
  const subject = item.subject as { id?: string } | undefined;
  if (subject?.id === loserId) moved.subject = { ...subject, id: survivorId };
  if (item.contactId === loserId) moved.contactId = survivorId;
  return moved;
}
