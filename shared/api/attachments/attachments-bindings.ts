import { idempotencyToken, replayHeaders } from '#api/common/idempotent-create';
import type { AttachmentSubject } from '#domain/attachments/attachment';
import type { AttachmentsServices } from '#domain/attachments/attachments-services';
import { type BoundRoute, bind } from '#http/route';
import {
  accountAttachmentRoutes,
  caseAttachmentRoutes,
  contactAttachmentRoutes,
  contractAttachmentRoutes,
  dealAttachmentRoutes,
  workOrderAttachmentRoutes,
} from './attachments-routes';

type SubjectRoutes =
  | typeof accountAttachmentRoutes
  | typeof contactAttachmentRoutes
  | typeof dealAttachmentRoutes
  | typeof contractAttachmentRoutes
  | typeof caseAttachmentRoutes
  | typeof workOrderAttachmentRoutes;

/** Binds one subject kind's attachment routes; `subjectOf` reads the subject from the path. */
function bindSubjectRoutes(
  { attachments }: AttachmentsServices,
  r: SubjectRoutes,
  subjectOf: (params: Record<string, string>) => AttachmentSubject,
): BoundRoute[] {
  return [
    bind(r.requestUpload, async ({ caller, params, body, idempotency }) => {
      const operationId = r.requestUpload.operationId;
      const result = await attachments.requestUpload(
        caller,
        subjectOf(params),
        body,
        idempotencyToken(operationId, idempotency),
      );
      const { attachment, upload } = result.value;
      return {
        body: { attachment, upload },
        version: attachment.version,
        headers: replayHeaders(result.replayed),
      };
    }),
    bind(r.confirm, async ({ caller, params }) => {
      const attachment = await attachments.confirm(caller, subjectOf(params), params.attachmentId);
      return { body: attachment, version: attachment.version };
    }),
    bind(r.list, async ({ caller, params, query }) => {
      return { body: await attachments.list(caller, subjectOf(params), query) };
    }),
    bind(r.download, async ({ caller, params }) => ({
      body: await attachments.download(caller, subjectOf(params), params.attachmentId),
    })),
    bind(r.remove, async ({ caller, params, ifMatch }) => {
      await attachments.remove(caller, subjectOf(params), params.attachmentId, ifMatch);
      return {};
    }),
  ];
}

/** Maps each attachments route onto its domain service call. */
export function attachmentsApi(s: AttachmentsServices): BoundRoute[] {
  return [
    ...bindSubjectRoutes(s, accountAttachmentRoutes, (p) => ({ type: 'account', id: p.accountId as string })),
    ...bindSubjectRoutes(s, contactAttachmentRoutes, (p) => ({ type: 'contact', id: p.contactId as string })),
    ...bindSubjectRoutes(s, dealAttachmentRoutes, (p) => ({ type: 'deal', id: p.dealId as string })),
    ...bindSubjectRoutes(s, contractAttachmentRoutes, (p) => ({
      type: 'contract',
      id: p.contractId as string,
    })),
    ...bindSubjectRoutes(s, caseAttachmentRoutes, (p) => ({ type: 'case', id: p.caseId as string })),
    ...bindSubjectRoutes(s, workOrderAttachmentRoutes, (p) => ({
      type: 'workOrder',
      id: p.workOrderId as string,
    })),
  ];
}
