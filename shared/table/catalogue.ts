import {
  accountEntity,
  categoryMemberEntity,
  contactEntity,
  lookupEntity,
  noteEntity,
} from '#table/accounts/entities';
import { activityEntity, taskEntity } from '#table/activities/entities';
import { attachmentEntity } from '#table/attachments/entities';
import {
  contractDueEntity,
  contractEntity,
  contractOfOfferEntity,
  contractSequenceEntity,
  contractSettingsEntity,
  contractTransitionEntity,
  printBatchEntity,
  signingCallbackEntity,
} from '#table/contracts/entities';
import {
  historyEntity,
  idempotencyEntity,
  outboxEventEntity,
  tenantEntity,
  uniqueEntity,
} from '#table/core/entities';
import type { AnyEntity } from '#table/core/entity-docs';
import {
  bandTableEntity,
  gasConversionEntity,
  journeyEntity,
  meterReadingEntity,
  priceEntryEntity,
  priceListEntity,
  productEntity,
  readingMarkerEntity,
  supplyPointEntity,
  territoryEntity,
} from '#table/energy/entities';
import { importEntity } from '#table/import/entities';
import { messageEntity } from '#table/messaging/entities';
import { rateBucketEntity } from '#table/rate-limits/entities';
import {
  acceptedOfferEntity,
  appliedEventEntity,
  dealCopyEntity,
  dealEntity,
  forecastBucketEntity,
  funnelBucketEntity,
  leadEntity,
  leadMatchEntity,
  leadReferenceEntity,
  leadSourceEntity,
  offerEntity,
  offerVersionEntity,
  roundRobinEntity,
  salesSettingsEntity,
  webhookRouteEntity,
} from '#table/sales/entities';
import {
  jobEntity,
  settingEntity,
  settingLockEntity,
  settingOrderEntity,
  settingTitleEntity,
} from '#table/settings/entities';
import { activeAdminsEntity, tokenCutoffEntity, userEntity } from '#table/users/entities';

/**
 * Every item type the table stores, module by module, in the order the
 * tables of docs/architecture.md list them (`npm run docs:tables`).
 */
export const tableEntities: readonly AnyEntity[] = [
  tenantEntity,
  uniqueEntity,
  idempotencyEntity,
  outboxEventEntity,
  historyEntity,
  accountEntity,
  contactEntity,
  noteEntity,
  lookupEntity,
  categoryMemberEntity,
  supplyPointEntity,
  meterReadingEntity,
  readingMarkerEntity,
  territoryEntity,
  bandTableEntity,
  gasConversionEntity,
  productEntity,
  priceListEntity,
  priceEntryEntity,
  journeyEntity,
  attachmentEntity,
  messageEntity,
  userEntity,
  activeAdminsEntity,
  tokenCutoffEntity,
  rateBucketEntity,
  activityEntity,
  taskEntity,
  settingEntity,
  settingTitleEntity,
  settingOrderEntity,
  settingLockEntity,
  jobEntity,
  importEntity,
  leadEntity,
  leadMatchEntity,
  leadReferenceEntity,
  leadSourceEntity,
  webhookRouteEntity,
  salesSettingsEntity,
  roundRobinEntity,
  dealEntity,
  dealCopyEntity,
  offerEntity,
  offerVersionEntity,
  acceptedOfferEntity,
  forecastBucketEntity,
  funnelBucketEntity,
  appliedEventEntity,
  contractEntity,
  contractTransitionEntity,
  contractSequenceEntity,
  contractOfOfferEntity,
  signingCallbackEntity,
  contractDueEntity,
  contractSettingsEntity,
  printBatchEntity,
];
