import type { AttachmentService } from './attachment-service';

/** What the attachments module offers. */
export interface AttachmentsServices {
  readonly attachments: AttachmentService;
}
