import { type InvalidField, ValidationError } from '#domain/errors';
import { type ChangeContext, createdStamps, type Stamps, touched } from '#domain/stamps';

/** What attachments hang on. */
export const attachmentSubjectTypes = [
  'account',
  'contact',
  'deal',
  'contract',
  'case',
  'workOrder',
] as const;
export type AttachmentSubjectType = (typeof attachmentSubjectTypes)[number];

export interface AttachmentSubject {
  readonly type: AttachmentSubjectType;
  readonly id: string;
}

/**
 * `pending`: the upload URL is handed out, the file may not be there yet;
 * `stored`: the file is in the object store with the declared size and type;
 * `deleted`: removed by a user (the object is kept until the bucket's lifecycle rule expires it).
 */
export const attachmentStates = ['pending', 'stored', 'deleted'] as const;
export type AttachmentState = (typeof attachmentStates)[number];

/** A document on an account, contact, deal, contract, case or work order (R-AC-4): metadata here, the bytes in the object store. */
export interface Attachment extends Stamps {
  readonly subject: AttachmentSubject;
  /** As the user named it; shown in lists and offered as the download's file name. */
  readonly fileName: string;
  readonly contentType: string;
  /** Bytes. */
  readonly size: number;
  readonly state: AttachmentState;
  /** Where the bytes are: `<tenant>/<subject type>/<subject id>/<attachment id>/<safe file name>`. */
  readonly objectKey: string;
}

/** 25 MB: the largest file accepted. */
export const maxAttachmentBytes = 25 * 1024 * 1024;

/** The accepted content types and the file name extensions each may carry. */
export const attachmentContentTypes: Readonly<Record<string, readonly string[]>> = {
  'application/pdf': ['pdf'],
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['docx'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['xlsx'],
  'text/csv': ['csv'],
  'text/plain': ['txt'],
  'message/rfc822': ['eml'],
  'application/vnd.ms-outlook': ['msg'],
};

/** What a client declares before uploading. */
export interface UploadRequest {
  readonly fileName: string;
  readonly contentType: string;
  readonly size: number;
}

/** The declared file, checked: a clean name, a known type that fits the name's extension, a size in range. */
export function checkUploadRequest(request: UploadRequest): UploadRequest {
  const fields: InvalidField[] = [];
  const fileName = request.fileName.normalize('NFC').trim();
  const contentType = request.contentType.trim().toLowerCase();
  const extensions = attachmentContentTypes[contentType];

  if (fileName.length === 0) fields.push({ name: 'fileName', reason: 'must not be blank' });
  else if (fileName.length > 255) fields.push({ name: 'fileName', reason: 'must be at most 255 characters' });
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused.
  else if (/[\u0000-\u001f\u007f]/.test(fileName)) {
    fields.push({ name: 'fileName', reason: 'must not contain control characters' });
  } else if (/[/\\]/.test(fileName)) {
    fields.push({ name: 'fileName', reason: 'must be a file name, not a path' });
  } else if (extensions) {
    const extension = extensionOf(fileName);
    if (!extension || !extensions.includes(extension)) {
      const expected = extensions.map((e) => `.${e}`).join(' or ');
      fields.push({ name: 'fileName', reason: `must end in ${expected} for ${contentType}` });
    }
  }
  if (!extensions) {
    fields.push({
      name: 'contentType',
      reason: `not an accepted type; one of ${Object.keys(attachmentContentTypes).join(', ')}`,
    });
  }
  if (!Number.isSafeInteger(request.size) || request.size < 1) {
    fields.push({ name: 'size', reason: 'must be a whole number of bytes, at least 1' });
  } else if (request.size > maxAttachmentBytes) {
    fields.push({ name: 'size', reason: `must be at most ${maxAttachmentBytes} bytes (25 MB)` });
  }
  if (fields.length > 0) throw new ValidationError(fields);
  return { fileName, contentType, size: request.size };
}

function extensionOf(fileName: string): string | undefined {
  const dot = fileName.lastIndexOf('.');
  return dot > 0 && dot < fileName.length - 1 ? fileName.slice(dot + 1).toLowerCase() : undefined;
}

/**
 * The file name as it appears in the object key: ASCII letters, digits, `.`, `-` and `_`, at
 * most 100 characters, the extension kept. `Offert Ödegård (2).pdf` → `Offert_Odegard_2_.pdf`.
 */
export function safeFileName(fileName: string): string {
  const ascii = (text: string) =>
    text
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .replace(/[^A-Za-z0-9._-]+/g, '_');
  const extension = extensionOf(fileName);
  const safeExtension = extension ? ascii(extension).replace(/[._]/g, '') : '';
  const stem = extension ? fileName.slice(0, -(extension.length + 1)) : fileName;
  const keep = 100 - (safeExtension ? safeExtension.length + 1 : 0);
  const safeStem =
    ascii(stem)
      .replace(/^[._]+/, '')
      .slice(0, keep) || 'file';
  return safeExtension ? `${safeStem}.${safeExtension}` : safeStem;
}

export function attachmentObjectKey(
  tenantId: string,
  subject: AttachmentSubject,
  attachmentId: string,
  fileName: string,
): string {
  return `${tenantId}/${subject.type}/${subject.id}/${attachmentId}/${safeFileName(fileName)}`;
}

/** A new attachment waiting for its upload; `request` has passed {@link checkUploadRequest}. */
export function pendingAttachment(
  id: string,
  subject: AttachmentSubject,
  request: UploadRequest,
  ctx: ChangeContext,
): Attachment {
  return {
    ...createdStamps(id, ctx),
    subject: { type: subject.type, id: subject.id },
    fileName: request.fileName,
    contentType: request.contentType,
    size: request.size,
    state: 'pending',
    objectKey: attachmentObjectKey(ctx.tenant.id, subject, id, request.fileName),
  };
}

/**
 * Why the object found in the store is not the file that was declared, or
 * undefined when it is. Each reason names the field the client declared.
 */
export function uploadMismatch(
  attachment: Attachment,
  object: { readonly size: number; readonly contentType?: string } | undefined,
): InvalidField[] | undefined {
  if (!object) return [{ name: 'file', reason: 'nothing has been uploaded to the upload URL yet' }];
  const fields: InvalidField[] = [];
  if (object.size !== attachment.size) {
    fields.push({ name: 'size', reason: `declared ${attachment.size} bytes, uploaded ${object.size}` });
  }
  const uploadedType = object.contentType?.split(';')[0]?.trim().toLowerCase();
  if (uploadedType !== undefined && uploadedType !== attachment.contentType) {
    fields.push({
      name: 'contentType',
      reason: `declared ${attachment.contentType}, uploaded ${uploadedType}`,
    });
  }
  return fields.length > 0 ? fields : undefined;
}

export function storedAttachment(current: Attachment, ctx: ChangeContext): Attachment {
  return { ...touched(current, ctx), state: 'stored' };
}

export function deletedAttachment(current: Attachment, ctx: ChangeContext): Attachment {
  return { ...touched(current, ctx), state: 'deleted', deletedAt: ctx.now.toISOString() };
}
