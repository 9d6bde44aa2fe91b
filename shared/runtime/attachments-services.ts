import { AttachmentService } from '#domain/attachments/attachment-service';
import type { CaseReader, WorkOrderReader } from '#domain/attachments/attachment-subjects';
import type { AttachmentsServices } from '#domain/attachments/attachments-services';
import { dispatches, workOrderVisibleTo } from '#domain/field-service/field-access';
import { caseChangeableBy, caseVisibleTo } from '#domain/service/case-access';
import type { ServiceDeps } from '#domain/service-context';
import { DynamoAccountStore } from '#table/accounts/account-store';
import { DynamoContactStore } from '#table/accounts/contact-store';
import { DynamoAttachmentStore } from '#table/attachments/attachments-store';
import { DynamoContractStore } from '#table/contracts/contract-store';
import type { Table } from '#table/core/table';
import { DynamoWorkOrderStore } from '#table/field-service/work-order-store';
import { DynamoDealStore } from '#table/sales/deal-store';
import { DynamoTeamDirectory } from '#table/service/case-parties';
import { DynamoCaseStore } from '#table/service/case-store';
import type { Environment } from './environment';
import { serviceDeps } from './service-deps';

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

/** A work order's files: seen by those who see it, changed by dispatchers and its booked technician. */
function workOrderReader(table: Table): WorkOrderReader {
  const workOrders = new DynamoWorkOrderStore(table);
  return {
    async access(actor, workOrderId) {
      const found = await workOrders.get(actor.tenantId, workOrderId);
      if (!found || !workOrderVisibleTo(actor, found)) return undefined;
      return {
        ...(found.accountId ? { accountId: found.accountId } : {}),
        changeable: dispatches(actor) || found.technicianId === actor.userId,
      };
    },
  };
}

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
      workOrders: workOrderReader(table),
      attachments: new DynamoAttachmentStore(table),
      objects,
    }),
  };
}
