import * as z from 'zod';
import { auditFields, lineText, pageOf } from '#api/common/common-schemas';
import {
  attachmentContentTypes,
  attachmentStates,
  attachmentSubjectTypes,
  maxAttachmentBytes,
} from '#domain/attachments/attachment';

export const requestUploadBody = z
  .strictObject({
    fileName: lineText.min(1).max(255).meta({
      description: 'The name to show and to download as; its extension must fit the content type.',
      example: 'Elavtal 2025.pdf',
    }),
    contentType: z
      .string()
      .min(1)
      .max(255)
      .meta({
        description: `One of ${Object.keys(attachmentContentTypes).join(', ')}.`,
        example: 'application/pdf',
      }),
    size: z
      .int()
      .min(1)
      .meta({ description: `Bytes, at most ${maxAttachmentBytes} (25 MB).`, example: 48213 }),
  })
  .meta({ id: 'RequestAttachmentUpload' });

export const attachmentSchema = z
  .object({
    ...auditFields,
    subject: z.object({ type: z.enum(attachmentSubjectTypes), id: z.string() }),
    fileName: z.string(),
    contentType: z.string(),
    size: z.int(),
    state: z.enum(attachmentStates).meta({
      description: '`pending` until the upload is confirmed, then `stored`.',
    }),
  })
  .meta({ id: 'Attachment' });

export const attachmentUploadSchema = z
  .object({
    attachment: attachmentSchema,
    upload: z.object({
      url: z.string().meta({ description: 'PUT the file here, before `expiresAt`.' }),
      method: z.literal('PUT'),
      headers: z.record(z.string(), z.string()).meta({
        description: 'Send these headers as given, and exactly `size` bytes: both are part of the signature.',
      }),
      expiresAt: z.iso.datetime(),
    }),
  })
  .meta({ id: 'AttachmentUpload' });

export const attachmentDownloadSchema = z
  .object({
    url: z.string().meta({ description: 'GET the file here, before `expiresAt`.' }),
    expiresAt: z.iso.datetime(),
  })
  .meta({ id: 'AttachmentDownload' });

export const attachmentPage = pageOf(attachmentSchema, 'AttachmentPage');
