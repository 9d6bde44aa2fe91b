import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Attachment, AttachmentSubject } from '#domain/attachments/attachment';
import type { AttachmentStore } from '#domain/attachments/attachment-store';
import { ConflictError, VersionMismatchError } from '#domain/errors';
import type { DomainEvent } from '#domain/events';
import type { Created, IdempotencyToken, Page, PageRequest } from '#domain/ports';
import { commitChange } from '#table/core/commit-change';
import { idempotencyPut, replayOf } from '#table/core/idempotency';
import { stripLayout } from '#table/core/item-mapping';
import { queryPage } from '#table/core/query-page';
import { subjectPartition } from '#table/core/subject-keys';
import type { Table } from '#table/core/table';
import { putNew, putVersioned, type TransactItem, transactWrite } from '#table/core/transact';
import { attachmentKeys } from './attachments-keys';

/** A pending attachment whose upload is never confirmed is removed by the table's TTL after this. */
const pendingRetentionSeconds = 24 * 3600;

const keyOf = (tenantId: string, subject: AttachmentSubject, attachmentId: string) =>
  attachmentKeys.attachment(subjectPartition(tenantId, subject), attachmentId);

function toItem(a: Attachment): Record<string, unknown> {
  return {
    ...keyOf(a.tenantId, a.subject, a.id),
    entity: 'Attachment',
    ...a,
    ...(a.state === 'pending'
      ? { expiresAt: Math.floor(Date.parse(a.createdAt) / 1000) + pendingRetentionSeconds }
      : {}),
  };
}

class Replay extends Error {}

export class DynamoAttachmentStore implements AttachmentStore {
  constructor(private readonly table: Table) {}

  async create(attachment: Attachment, idempotency?: IdempotencyToken): Promise<Created<Attachment>> {
    const items: TransactItem[] = [putNew(this.table, toItem(attachment))];
    if (idempotency) {
      items.push(
        idempotencyPut(
          this.table,
          attachment.tenantId,
          idempotency,
          attachment,
          new Date(attachment.createdAt),
        ),
      );
    }
    try {
      await transactWrite(this.table, items, (codes) => {
        if (idempotency && codes[1] === 'ConditionalCheckFailed') return new Replay();
        if (codes[0] === 'ConditionalCheckFailed') {
          return new ConflictError('already-exists', `attachment ${attachment.id} already exists`);
        }
        return undefined;
      });
      return { value: attachment, replayed: false };
    } catch (error) {
      if (!(error instanceof Replay) || !idempotency) throw error;
      const value = await replayOf<Attachment>(this.table, attachment.tenantId, idempotency);
      return { value, replayed: true };
    }
  }

  async get(tenantId: string, subject: AttachmentSubject, attachmentId: string) {
    const { Item } = await this.table.client.send(
      new GetCommand({
        TableName: this.table.name,
        Key: keyOf(tenantId, subject, attachmentId),
        // Read before conditional writes: a stale copy would give a false 412 or 404.
        ConsistentRead: true,
      }),
    );
    return Item ? stripLayout<Attachment>(Item) : undefined;
  }

  async update(previous: Attachment, next: Attachment, event?: DomainEvent): Promise<void> {
    if (event) {
      await commitChange(this.table, {
        resource: 'attachment',
        id: next.id,
        item: toItem(next),
        expectedVersion: previous.version,
        event,
      });
      return;
    }
    await transactWrite(this.table, [putVersioned(this.table, toItem(next), previous.version)], (codes) =>
      codes[0] === 'ConditionalCheckFailed' ? new VersionMismatchError('attachment', next.id) : undefined,
    );
  }

  /** Newest first: attachment ids are ULIDs. Pending and deleted ones are filtered out after the read. */
  listStored(tenantId: string, subject: AttachmentSubject, page: PageRequest): Promise<Page<Attachment>> {
    return queryPage<Attachment>(
      this.table,
      {
        partition: subjectPartition(tenantId, subject),
        sortKeyPrefix: attachmentKeys.prefix,
        equals: { state: 'stored' },
        newestFirst: true,
      },
      page,
    );
  }
}
