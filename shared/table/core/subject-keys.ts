import type { Subject } from '#domain/accounts/records';
import { accountPartition, contactPartition } from '#table/accounts/entities';
import { campaignPartition } from '#table/campaigns/entities';
import { commissionPartition, commissionRulePartition } from '#table/commissions/entities';
import { contractPartition } from '#table/contracts/entities';
import {
  journeyPartition,
  productPartition,
  supplyPointPartition,
  territoryPartition,
} from '#table/energy/entities';
import { exportPartition } from '#table/exports/entities';
import { workOrderPartition } from '#table/field-service/entities';
import { importPartition } from '#table/import/entities';
import { newsletterPartition } from '#table/newsletters/entities';
import { dealPartition, leadPartition, leadSourcePartition, offerPartition } from '#table/sales/entities';
import { casePartition } from '#table/service/entities';
import { jobPartition, settingPartition } from '#table/settings/entities';
import { userPartition } from '#table/users/entities';

/**
 * The partition that holds a subject's item, and with it its notes and history.
 * Built from each entity's partition template rather than its definition: every
 * function that writes notes or history imports this, and the definitions of the
 * other modules' entities would come along.
 */
export function subjectPartition(tenantId: string, subject: Subject): string {
  const id = subject.id;
  switch (subject.type) {
    case 'account':
      return accountPartition.build({ tenantId, accountId: id });
    case 'contact':
      return contactPartition.build({ tenantId, contactId: id });
    case 'supplyPoint':
      return supplyPointPartition.build({ tenantId, supplyPointId: id });
    case 'territory':
      return territoryPartition.build({ tenantId, code: id });
    case 'product':
      return productPartition.build({ tenantId, productId: id });
    case 'journey':
      return journeyPartition.build({ tenantId, journeyId: id });
    case 'user':
      return userPartition.build({ tenantId, userId: id });
    case 'setting':
      return settingPartition.build({ tenantId, settingId: id });
    case 'job':
      return jobPartition.build({ tenantId, jobId: id });
    case 'import':
      return importPartition.build({ tenantId, importId: id });
    case 'lead':
      return leadPartition.build({ tenantId, leadId: id });
    case 'leadSource':
      return leadSourcePartition.build({ tenantId, sourceId: id });
    case 'deal':
      return dealPartition.build({ tenantId, dealId: id });
    case 'offer':
      return offerPartition.build({ tenantId, offerId: id });
    case 'contract':
      return contractPartition.build({ tenantId, contractId: id });
    case 'commission':
      return commissionPartition.build({ tenantId, commissionId: id });
    case 'export':
      return exportPartition.build({ tenantId, exportId: id });
    case 'case':
      return casePartition.build({ tenantId, caseId: id });
    case 'workOrder':
      return workOrderPartition.build({ tenantId, workOrderId: id });
    case 'newsletter':
      return newsletterPartition.build({ tenantId, newsletterId: id });
    case 'campaign':
      return campaignPartition.build({ tenantId, campaignId: id });
    case 'commissionRule':
      return commissionRulePartition.build({ tenantId, ruleId: id });
    default: {
      const unknown: never = subject.type;
      throw new Error(`no partition for subject type ${String(unknown)}`);
    }
  }
}
