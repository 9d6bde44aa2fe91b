import { describe, expect, it } from 'vitest';
import type { SubjectType } from '#domain/events';
import { accountEntity, contactEntity } from '#table/accounts/entities';
import { campaignEntity } from '#table/campaigns/entities';
import { commissionEntity } from '#table/commissions/entities';
import { contractEntity } from '#table/contracts/entities';
import { subjectPartition } from '#table/core/subject-keys';
import { journeyEntity, productEntity, supplyPointEntity, territoryEntity } from '#table/energy/entities';
import { exportJobEntity } from '#table/exports/entities';
import { workOrderEntity } from '#table/field-service/entities';
import { importEntity } from '#table/import/entities';
import { newsletterEntity } from '#table/newsletters/entities';
import { dealEntity, leadEntity, leadSourceEntity, offerEntity } from '#table/sales/entities';
import { caseEntity } from '#table/service/entities';
import { jobEntity, settingEntity } from '#table/settings/entities';
import { userEntity } from '#table/users/entities';

const tenantId = 'se-1';
const id = '01J8Z3Q4ZB6W9V7X2K5M8N1P3R';

/** Each subject type's own item, by its entity definition: where its notes and history belong. */
const ownItemPartition: Record<SubjectType, string> = {
  account: accountEntity.key({ tenantId, accountId: id }).pk,
  contact: contactEntity.key({ tenantId, contactId: id }).pk,
  supplyPoint: supplyPointEntity.key({ tenantId, supplyPointId: id }).pk,
  territory: territoryEntity.key({ tenantId, code: id }).pk,
  product: productEntity.key({ tenantId, productId: id }).pk,
  journey: journeyEntity.key({ tenantId, journeyId: id }).pk,
  user: userEntity.key({ tenantId, userId: id }).pk,
  setting: settingEntity.key({ tenantId, settingId: id }).pk,
  job: jobEntity.key({ tenantId, jobId: id }).pk,
  import: importEntity.key({ tenantId, importId: id }).pk,
  lead: leadEntity.key({ tenantId, leadId: id }).pk,
  leadSource: leadSourceEntity.key({ tenantId, sourceId: id }).pk,
  deal: dealEntity.key({ tenantId, dealId: id }).pk,
  offer: offerEntity.key({ tenantId, offerId: id }).pk,
  contract: contractEntity.key({ tenantId, contractId: id }).pk,
  commission: commissionEntity.key({ tenantId, commissionId: id }).pk,
  export: exportJobEntity.key({ tenantId, exportId: id }).pk,
  case: caseEntity.key({ tenantId, caseId: id }).pk,
  workOrder: workOrderEntity.key({ tenantId, workOrderId: id }).pk,
  newsletter: newsletterEntity.key({ tenantId, newsletterId: id }).pk,
  campaign: campaignEntity.key({ tenantId, campaignId: id }).pk,
  // A rule's versions live in the tenant's rules collection: its history has a partition of its own.
  commissionRule: `T#${tenantId}#COMMISSION-RULE#${id}`,
};

describe('subjectPartition', () => {
  it.each(Object.entries(ownItemPartition))(
    'is the partition of the %s’s own item, as its entity defines it',
    (type, partition) => {
      expect(subjectPartition(tenantId, { type: type as SubjectType, id })).toBe(partition);
    },
  );
});
