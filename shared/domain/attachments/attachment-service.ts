import { assertVersion, ConflictError, NotFoundError } from '#domain/errors';
import type { Actor, Created, IdempotencyToken, Page, PageRequest } from '#domain/ports';
import type { SalesActor } from '#domain/sales/sales-ports';
import { changeContext, type ServiceDeps } from '#domain/service-context';
import type { ObjectStore } from '#domain/storage/object-store';
import {
  type Attachment,
  type AttachmentSubject,
  checkUploadRequest,
  deletedAttachment,
  pendingAttachment,
  storedAttachment,
  type UploadRequest,
  uploadMismatch,
} from './attachment';
import { newAttachmentEvent } from './attachment-events';
import type { AttachmentStore } from './attachment-store';
import { type AttachmentSubjectReaders, subjectAccount } from './attachment-subjects';

/** Where and how the client sends the file: one PUT of exactly the declared bytes. */
export interface UploadTicket {
  readonly url: string;
  readonly method: 'PUT';
  /** Headers the PUT must carry as given: they are part of the URL's signature. */
  readonly headers: Readonly<Record<string, string>>;
  readonly expiresAt: string;
}

export interface AttachmentUpload {
  readonly attachment: Attachment;
  readonly upload: UploadTicket;
}

export interface DownloadTicket {
  readonly url: string;
  readonly expiresAt: string;
}

export interface AttachmentLimits {
  /** How long an upload URL is valid. Default 15 minutes. */
  readonly uploadUrlSeconds?: number;
  /** How long a download URL is valid. Default 5 minutes. */
  readonly downloadUrlSeconds?: number;
}

/**
 * Attachments on accounts, contacts, deals and contracts (R-AC-4). The
 * bytes never pass through the API: the client gets a pre-signed upload
 * URL, PUTs the file, confirms, and later gets a pre-signed download URL.
 * An attachment counts (is listed, is in the history) only once the stored
 * object is confirmed. The files of a deal or contract are for those who
 * see it (`subjectAccount`).
 */
export class AttachmentService {
  private readonly uploadUrlSeconds: number;
  private readonly downloadUrlSeconds: number;

  constructor(
    private readonly deps: ServiceDeps &
      AttachmentSubjectReaders & {
        readonly attachments: AttachmentStore;
        readonly objects: ObjectStore;
      },
    limits: AttachmentLimits = {},
  ) {
    this.uploadUrlSeconds = limits.uploadUrlSeconds ?? 15 * 60;
    this.downloadUrlSeconds = limits.downloadUrlSeconds ?? 5 * 60;
  }

  /** A pending attachment and the URL to upload its file to. */
  async requestUpload(
    actor: SalesActor,
    subject: AttachmentSubject,
    request: UploadRequest,
    idempotency?: IdempotencyToken,
  ): Promise<Created<AttachmentUpload>> {
    await subjectAccount(this.deps, actor, subject, 'write');
    const file = checkUploadRequest(request);
    const ctx = await changeContext(this.deps, actor);
    const created = await this.deps.attachments.create(
      pendingAttachment(this.deps.ids.next(), subject, file, ctx),
      idempotency,
    );
    let attachment = created.value;
    if (created.replayed) {
      // A retry gets a fresh URL, but never one that could overwrite a confirmed file.
      const current = await this.deps.attachments.get(actor.tenantId, subject, attachment.id);
      if (current?.state !== 'pending') {
        throw new ConflictError(
          'invalid-state',
          `attachment ${attachment.id} is already ${current?.state ?? 'gone'}; request a new upload`,
        );
      }
      attachment = current;
    }
    const url = await this.deps.objects.presignUpload(
      attachment.objectKey,
      attachment.contentType,
      attachment.size,
      this.uploadUrlSeconds,
    );
    const upload: UploadTicket = {
      url,
      method: 'PUT',
      headers: { 'content-type': attachment.contentType },
      expiresAt: this.expiresAt(this.uploadUrlSeconds),
    };
    return { value: { attachment, upload }, replayed: created.replayed };
  }

  /**
   * The file is in the object store with the declared size and type: the
   * attachment is stored. Confirming a stored attachment again changes nothing.
   */
  async confirm(actor: SalesActor, subject: AttachmentSubject, attachmentId: string): Promise<Attachment> {
    const accountId = await subjectAccount(this.deps, actor, subject, 'write');
    const current = await this.get(actor, subject, attachmentId);
    if (current.state === 'stored') return current;
    const mismatch = uploadMismatch(current, await this.deps.objects.head(current.objectKey));
    if (mismatch) {
      throw new ConflictError(
        'upload-mismatch',
        `the upload of attachment ${attachmentId} is not the file declared: ${mismatch
          .map((f) => f.reason)
          .join('; ')}`,
        mismatch,
      );
    }
    const ctx = await changeContext(this.deps, actor);
    const stored = storedAttachment(current, ctx);
    const event = newAttachmentEvent(this.deps, ctx, 'AttachmentAdded', {
      subject: eventSubjectOf(subject, accountId),
      data: { attachment: stored },
      changes: [{ field: 'attachments', from: null, to: stored.fileName }],
    });
    await this.deps.attachments.update(current, stored, event);
    return stored;
  }

  async list(actor: SalesActor, subject: AttachmentSubject, page: PageRequest): Promise<Page<Attachment>> {
    await subjectAccount(this.deps, actor, subject, 'read');
    return this.deps.attachments.listStored(actor.tenantId, subject, page);
  }

  async download(
    actor: SalesActor,
    subject: AttachmentSubject,
    attachmentId: string,
  ): Promise<DownloadTicket> {
    await subjectAccount(this.deps, actor, subject, 'read');
    const attachment = await this.get(actor, subject, attachmentId);
    if (attachment.state !== 'stored') {
      throw new ConflictError('invalid-state', `attachment ${attachmentId} has no confirmed upload yet`, [
        { name: 'attachmentId', reason: 'upload not confirmed' },
      ]);
    }
    const url = await this.deps.objects.presignDownload(
      attachment.objectKey,
      attachment.fileName,
      this.downloadUrlSeconds,
    );
    return { url, expiresAt: this.expiresAt(this.downloadUrlSeconds) };
  }

  /** Soft delete: the metadata is marked deleted; the object stays until the bucket's lifecycle removes it. */
  async remove(
    actor: SalesActor,
    subject: AttachmentSubject,
    attachmentId: string,
    expectedVersion?: number,
  ): Promise<void> {
    const accountId = await subjectAccount(this.deps, actor, subject, 'write');
    const current = await this.get(actor, subject, attachmentId);
    assertVersion('attachment', current, expectedVersion);
    const ctx = await changeContext(this.deps, actor);
    const deleted = deletedAttachment(current, ctx);
    // A pending attachment was never added, so its removal is no event either.
    const event =
      current.state === 'stored'
        ? newAttachmentEvent(this.deps, ctx, 'AttachmentRemoved', {
            subject: eventSubjectOf(subject, accountId),
            data: { attachmentId, fileName: current.fileName, objectKey: current.objectKey },
            changes: [{ field: 'attachments', from: current.fileName, to: null }],
          })
        : undefined;
    await this.deps.attachments.update(current, deleted, event);
  }

  private async get(actor: Actor, subject: AttachmentSubject, attachmentId: string): Promise<Attachment> {
    const attachment = await this.deps.attachments.get(actor.tenantId, subject, attachmentId);
    if (!attachment || attachment.state === 'deleted') throw new NotFoundError('attachment', attachmentId);
    return attachment;
  }

  private expiresAt(seconds: number): string {
    return new Date(this.deps.clock.now().getTime() + seconds * 1000).toISOString();
  }
}

/** The subject of an attachment's events, with the account it belongs to. */
const eventSubjectOf = (subject: AttachmentSubject, accountId: string | undefined) => ({
  type: subject.type,
  id: subject.id,
  ...(accountId ? { accountId } : {}),
});
