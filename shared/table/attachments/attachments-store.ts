import type { Attachment, AttachmentSubject } from '#domain/attachments/attachment';
import type { AttachmentStore } from '#domain/attachments/attachment-store';
import { ConflictError } from '#domain/errors';
import type { DomainEvent } from '#domain/events';
import type { Created, IdempotencyToken, Page, PageRequest } from '#domain/ports';
import { commitChange } from '#table/core/commit-change';
import { idempotencyPut, replayOf } from '#table/core/idempotency';
import { queryPage } from '#table/core/query-page';
import { replaceVersioned } from '#table/core/replace-versioned';
import { subjectPartition } from '#table/core/subject-keys';
import type { Table } from '#table/core/table';
import { putNew, type TransactItem, transactWrite } from '#table/core/transact';
import { attachmentEntity } from './entities';

/** A pending attachment whose upload is never confirmed is removed by the table's TTL after this. */
const pendingRetentionSeconds = 24 * 3600;

const keyOf = (tenantId: string, subject: AttachmentSubject, attachmentId: string) => ({
  subjectPk: subjectPartition(tenantId, subject),
  attachmentId,
});

function toItem(a: Attachment): Record<string, unknown> {
  return {
    ...attachmentEntity.item(a, { key: keyOf(a.tenantId, a.subject, a.id) }),
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

  get(tenantId: string, subject: AttachmentSubject, attachmentId: string) {
    return attachmentEntity.get(this.table, keyOf(tenantId, subject, attachmentId));
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
    await replaceVersioned(this.table, toItem(next), previous.version, { type: 'attachment', id: next.id });
  }

  /** Newest first: attachment ids are ULIDs. Pending and deleted ones are filtered out after the read. */
  listStored(tenantId: string, subject: AttachmentSubject, page: PageRequest): Promise<Page<Attachment>> {
    return queryPage<Attachment>(
      this.table,
      {
        ...attachmentEntity.patterns.ofSubject.query({ subjectPk: subjectPartition(tenantId, subject) }),
        equals: { state: 'stored' },
      },
      page,
    );
  }
}
