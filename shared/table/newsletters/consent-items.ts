import type { ConsentChange } from '#domain/newsletters/consent-change';
import { consentChangeEntity } from './entities';

/** A consent change's history item, named by its time and the event that made it. */
export const consentChangeItem = (tenantId: string, change: ConsentChange, changeId: string) =>
  consentChangeEntity.item(change, {
    key: { tenantId, contactId: change.contactId, at: change.at, changeId },
  });
