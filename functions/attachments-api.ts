import { objectStoreFromEnvironment } from '#adapters/storage/s3-object-store';
import { attachmentsApi } from '#api/attachments/attachments-bindings';
import { attachmentsServices } from '#runtime/attachments-services';
import { httpFunction } from '#runtime/http-function';
import { tableFromEnvironment } from '#table/core/table';

/** Attachments on accounts and contacts: pre-signed upload and download URLs, metadata. */
export const handler = httpFunction('attachments-api', () =>
  attachmentsApi(attachmentsServices(tableFromEnvironment(), objectStoreFromEnvironment())),
);
