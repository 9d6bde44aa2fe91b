import { attachmentsApi } from '#api/attachments/attachments-bindings';
import { attachmentsServices } from '#runtime/attachments-services';
import { environmentObjects } from '#runtime/environment/objects';
import { environmentTable } from '#runtime/environment/table';
import { httpFunction } from '#runtime/http-function';

/** Attachments on accounts, contacts, deals and contracts: pre-signed upload and download URLs, metadata. */
export const handler = httpFunction('attachments-api', () =>
  attachmentsApi(attachmentsServices({ table: environmentTable(), objects: environmentObjects() })),
);
