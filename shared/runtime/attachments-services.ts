import { AttachmentService } from '#domain/attachments/attachment-service';
import type { ServiceDeps } from '#domain/service-context';
import type { ObjectStore } from '#domain/storage/object-store';
import { DynamoAccountStore } from '#table/accounts/account-store';
import { DynamoContactStore } from '#table/accounts/contact-store';
import { DynamoAttachmentStore } from '#table/attachments/attachments-store';
import type { Table } from '#table/core/table';
import { serviceDeps } from './service-deps';

export interface AttachmentsServices {
  readonly attachments: AttachmentService;
}

/** Wires the attachments module to the table and the object store. */
export function attachmentsServices(
  table: Table,
  objects: ObjectStore,
  overrides: Partial<ServiceDeps> = {},
): AttachmentsServices {
  const deps = serviceDeps(table, overrides);
  return {
    attachments: new AttachmentService({
      ...deps,
      accounts: new DynamoAccountStore(table),
      contacts: new DynamoContactStore(table),
      attachments: new DynamoAttachmentStore(table),
      objects,
    }),
  };
}
