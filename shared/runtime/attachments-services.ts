import { AttachmentService } from '#domain/attachments/attachment-service';
import type { AttachmentsServices } from '#domain/attachments/attachments-services';
import type { ServiceDeps } from '#domain/service-context';
import { DynamoAccountStore } from '#table/accounts/account-store';
import { DynamoContactStore } from '#table/accounts/contact-store';
import { DynamoAttachmentStore } from '#table/attachments/attachments-store';
import { DynamoContractStore } from '#table/contracts/contract-store';
import { DynamoDealStore } from '#table/sales/deal-store';
import type { Environment } from './environment';
import { serviceDeps } from './service-deps';

/** Wires the attachments module to the table (its own items and the records files hang on) and the object store. */
export function attachmentsServices(
  env: Pick<Environment, 'table' | 'objects'>,
  overrides: Partial<ServiceDeps> = {},
): AttachmentsServices {
  const { table, objects } = env;
  return {
    attachments: new AttachmentService({
      ...serviceDeps(table, overrides),
      accounts: new DynamoAccountStore(table),
      contacts: new DynamoContactStore(table),
      deals: new DynamoDealStore(table),
      contracts: new DynamoContractStore(table),
      attachments: new DynamoAttachmentStore(table),
      objects,
    }),
  };
}
