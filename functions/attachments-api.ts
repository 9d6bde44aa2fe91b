import { objectStoreFromEnvironment } from '../shared/adapters/storage/s3-object-store';
import { attachmentsApi } from '../shared/api/attachments-api';
import { attachmentsServices } from '../shared/runtime/attachments-services';
import { httpFunction } from '../shared/runtime/http-function';
import { tableFromEnvironment } from '../shared/table/table';

/** Attachments on accounts and contacts: pre-signed upload and download URLs, metadata. */
export const handler = httpFunction('attachments-api', () =>
  attachmentsApi(attachmentsServices(tableFromEnvironment(), objectStoreFromEnvironment())),
);
