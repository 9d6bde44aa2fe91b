import * as z from 'zod';
import { idSchema, pageOnlyQuery } from '#api/common/common-schemas';
import { defineRoute } from '#http/route';
import {
  attachmentDownloadSchema,
  attachmentPage,
  attachmentSchema,
  attachmentUploadSchema,
  requestUploadBody,
} from './attachments-schemas';

/** The routes of attachments on one kind of subject: `/v1/<collection>/{<idParam>}/attachments…`. */
function attachmentRoutesOn<N extends string, K extends string>(
  noun: N,
  collection: string,
  idParam: K,
  lower: string = noun.toLowerCase(),
) {
  const base = `/v1/${collection}/{${idParam}}/attachments`;
  const subjectParams = z.object({ [idParam]: idSchema } as Record<K, typeof idSchema>);
  const attachmentParams = z.object({
    ...({ [idParam]: idSchema } as Record<K, typeof idSchema>),
    attachmentId: idSchema,
  });
  return {
    requestUpload: defineRoute({
      operationId: `request${noun}AttachmentUpload`,
      method: 'POST',
      path: base,
      summary: `Start an attachment on ${article(lower)} ${lower}: a pending attachment and its upload URL`,
      tag: 'Attachments',
      permission: 'write',
      params: subjectParams,
      body: requestUploadBody,
      idempotent: true,
      success: {
        status: 201,
        description: 'The pending attachment and its upload URL',
        schema: attachmentUploadSchema,
      },
      errors: [400, 401, 403, 404, 409, 415, 422],
    }),
    confirm: defineRoute({
      operationId: `confirm${noun}Attachment`,
      method: 'POST',
      path: `${base}/{attachmentId}/confirm`,
      summary: 'Confirm that the file is uploaded; it must have the declared size and type',
      tag: 'Attachments',
      permission: 'write',
      params: attachmentParams,
      etag: true,
      success: { status: 200, description: 'The stored attachment', schema: attachmentSchema },
      errors: [400, 401, 403, 404, 409],
    }),
    list: defineRoute({
      operationId: `list${noun}Attachments`,
      method: 'GET',
      path: base,
      summary: `Stored attachments of ${article(lower)} ${lower}, newest first`,
      tag: 'Attachments',
      permission: 'read',
      params: subjectParams,
      query: pageOnlyQuery,
      success: { status: 200, description: 'A page of attachments', schema: attachmentPage },
      errors: [400, 401, 403, 404],
    }),
    download: defineRoute({
      operationId: `download${noun}Attachment`,
      method: 'GET',
      path: `${base}/{attachmentId}/download`,
      summary: 'A short-lived URL to download the file from',
      tag: 'Attachments',
      permission: 'read',
      params: attachmentParams,
      success: { status: 200, description: 'The download URL', schema: attachmentDownloadSchema },
      errors: [400, 401, 403, 404, 409],
    }),
    remove: defineRoute({
      operationId: `delete${noun}Attachment`,
      method: 'DELETE',
      path: `${base}/{attachmentId}`,
      summary: 'Remove an attachment (soft delete: it no longer shows)',
      tag: 'Attachments',
      permission: 'write',
      params: attachmentParams,
      ifMatch: 'optional',
      success: { status: 204, description: 'Removed' },
      errors: [400, 401, 403, 404, 409, 412],
    }),
  } as const;
}

const article = (word: string) => (/^[aeiou]/.test(word) ? 'an' : 'a');

export const accountAttachmentRoutes = attachmentRoutesOn('Account', 'accounts', 'accountId');
export const contactAttachmentRoutes = attachmentRoutesOn('Contact', 'contacts', 'contactId');
/** A deal's files are for those who see the deal; a sales user who is not on it gets 404. */
export const dealAttachmentRoutes = attachmentRoutesOn('Deal', 'deals', 'dealId');
/** A contract's files are for those who see the contract, as its deal decides. */
export const contractAttachmentRoutes = attachmentRoutesOn('Contract', 'contracts', 'contractId');

/** A case's files are for those who see the case: its team, its owner, admins and viewers. */
export const caseAttachmentRoutes = attachmentRoutesOn('Case', 'cases', 'caseId');

/** A work order's files (photos from site, the customer's signature) are for dispatchers and its technician. */
export const workOrderAttachmentRoutes = attachmentRoutesOn(
  'WorkOrder',
  'work-orders',
  'workOrderId',
  'work order',
);

/** The attachments module, as one flat list of operations. */
export const attachmentRoutes = [
  ...Object.values(accountAttachmentRoutes),
  ...Object.values(contactAttachmentRoutes),
  ...Object.values(dealAttachmentRoutes),
  ...Object.values(contractAttachmentRoutes),
  ...Object.values(caseAttachmentRoutes),
  ...Object.values(workOrderAttachmentRoutes),
] as const;
