import type { Subject } from '#domain/accounts/records';
import { accountEntity, contactEntity } from '#table/accounts/entities';
import { campaignPartition } from '#table/campaigns/entities';
import { commissionEntity, commissionRulePartition } from '#table/commissions/entities';
import { contractEntity } from '#table/contracts/entities';
import { journeyEntity, productEntity, supplyPointEntity, territoryEntity } from '#table/energy/entities';
import { exportJobEntity } from '#table/exports/entities';
import { workOrderEntity } from '#table/field-service/entities';
import { importEntity } from '#table/import/entities';
import { newsletterEntity } from '#table/newsletters/entities';
import { dealEntity, leadEntity, leadSourceEntity, offerEntity } from '#table/sales/entities';
import { caseEntity } from '#table/service/entities';
import { jobEntity, settingEntity } from '#table/settings/entities';
import { userEntity } from '#table/users/entities';

/** The partition that holds a subject's item, and with it its notes and history. */
export function subjectPartition(tenantId: string, subject: Subject): string {
  switch (subject.type) {
    case 'account':
      return accountEntity.key({ tenantId, accountId: subject.id }).pk;
    case 'contact':
      return contactEntity.key({ tenantId, contactId: subject.id }).pk;
    case 'supplyPoint':
      return supplyPointEntity.key({ tenantId, supplyPointId: subject.id }).pk;
    case 'territory':
      return territoryEntity.key({ tenantId, code: subject.id }).pk;
    case 'product':
      return productEntity.key({ tenantId, productId: subject.id }).pk;
    case 'journey':
      return journeyEntity.key({ tenantId, journeyId: subject.id }).pk;
    case 'user':
      return userEntity.key({ tenantId, userId: subject.id }).pk;
    case 'setting':
      return settingEntity.key({ tenantId, settingId: subject.id }).pk;
    case 'job':
      return jobEntity.key({ tenantId, jobId: subject.id }).pk;
    case 'import':
      return importEntity.key({ tenantId, importId: subject.id }).pk;
    case 'lead':
      return leadEntity.key({ tenantId, leadId: subject.id }).pk;
    case 'leadSource':
      return leadSourceEntity.key({ tenantId, sourceId: subject.id }).pk;
    case 'deal':
      return dealEntity.key({ tenantId, dealId: subject.id }).pk;
    case 'offer':
      return offerEntity.key({ tenantId, offerId: subject.id }).pk;
    case 'contract':
      return contractEntity.key({ tenantId, contractId: subject.id }).pk;
    case 'commission':
      return commissionEntity.key({ tenantId, commissionId: subject.id }).pk;
    case 'export':
      return exportJobEntity.key({ tenantId, exportId: subject.id }).pk;
    case 'case':
      return caseEntity.key({ tenantId, caseId: subject.id }).pk;
    case 'workOrder':
      return workOrderEntity.key({ tenantId, workOrderId: subject.id }).pk;
    case 'newsletter':
      return newsletterEntity.key({ tenantId, newsletterId: subject.id }).pk;
    case 'campaign':
      return campaignPartition.build({ tenantId, campaignId: subject.id });
    case 'commissionRule':
      return commissionRulePartition.build({ tenantId, ruleId: subject.id });
    default: {
      const unknown: never = subject.type;
      throw new Error(`no partition for subject type ${String(unknown)}`);
    }
  }
}
