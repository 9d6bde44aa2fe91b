import type { DomainEvent } from '#domain/events';
import type { Created, IdempotencyToken, Page, PageRequest } from '#domain/ports';
import type { Attachment, AttachmentSubject } from './attachment';

/** Persistence of attachment metadata, in the partition of the subject it hangs on. */
export interface AttachmentStore {
  /** A pending attachment; no event yet: nothing is attached until the upload is confirmed. */
  create(attachment: Attachment, idempotency?: IdempotencyToken): Promise<Created<Attachment>>;
  get(tenantId: string, subject: AttachmentSubject, attachmentId: string): Promise<Attachment | undefined>;
  /**
   * Replaces `previous` with `next`, with the event in the same write when there is one.
   * Fails with VersionMismatchError when the stored version is not `previous.version`.
   */
  update(previous: Attachment, next: Attachment, event?: DomainEvent): Promise<void>;
  /** Stored attachments of the subject, newest first. */
  listStored(tenantId: string, subject: AttachmentSubject, page: PageRequest): Promise<Page<Attachment>>;
}
