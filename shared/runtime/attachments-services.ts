import { AttachmentService } from '#domain/attachments/attachment-service';
import type { CaseReader } from '#domain/attachments/attachment-subjects';
import type { AttachmentsServices } from '#domain/attachments/attachments-services';
import { caseChangeableBy, caseVisibleTo } from '#domain/service/case-access';
import type { ServiceDeps } from '#domain/service-context';
import { DynamoAccountStore } from '#table/accounts/account-store';
import { DynamoContactStore } from '#table/accounts/contact-store';
import { DynamoAttachmentStore } from '#table/attachments/attachments-store';
import { DynamoContractStore } from '#table/contracts/contract-store';
import type { Table } from '#table/core/table';
import { DynamoDealStore } from '#table/sales/deal-store';
import { DynamoTeamDirectory } from '#table/service/case-parties';
import { DynamoCaseStore } from '#table/service/case-store';
import type { Environment } from './environment';

/** A case as the attachments module may use it: seen as customer service's visibility rules say. */
function caseReader(table: Table): CaseReader {
  const cases = new DynamoCaseStore(table);
  const teams = new DynamoTeamDirectory(table);
  return {
    async access(actor, caseId) {
      const found = await cases.get(actor.tenantId, caseId);
      if (!found) return undefined;
      const caseActor = { ...actor, teamIds: await teams.teamsOf(actor.tenantId, actor.userId) };
      if (!caseVisibleTo(caseActor, found)) return undefined;
      return {
        ...(found.accountId ? { accountId: found.accountId } : {}),
        changeable: caseChangeableBy(caseActor, found),
      };
    },
  };
}

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
      cases: caseReader(table),
      attachments: new DynamoAttachmentStore(table),
      objects,
    }),
  };
}
