import type { Subject } from '#domain/accounts/records';
import { importKeys } from '#table/import/import-keys';
import { salesKeys } from '#table/sales/sales-keys';
import { settingKeys } from '#table/settings/settings-keys';
import { usersKeys } from '#table/users/users-keys';
import { keys } from './keys';

/** The partition that holds a subject's item, and with it its notes and history. */
export function subjectPartition(tenantId: string, subject: Subject): string {
  switch (subject.type) {
    case 'account':
      return keys.account(tenantId, subject.id).pk;
    case 'contact':
      return keys.contact(tenantId, subject.id).pk;
    case 'supplyPoint':
      return keys.supplyPoint(tenantId, subject.id).pk;
    case 'territory':
      return keys.territory(tenantId, subject.id).pk;
    case 'product':
      return keys.product(tenantId, subject.id).pk;
    case 'journey':
      return keys.journey(tenantId, subject.id).pk;
    case 'user':
      return usersKeys.user(tenantId, subject.id).pk;
    case 'setting':
      return settingKeys.setting(tenantId, subject.id).pk;
    case 'job':
      return settingKeys.job(tenantId, subject.id).pk;
    case 'import':
      return importKeys.job(tenantId, subject.id).pk;
    case 'lead':
      return salesKeys.lead(tenantId, subject.id).pk;
    case 'leadSource':
      return salesKeys.leadSource(tenantId, subject.id).pk;
    case 'deal':
      return salesKeys.deal(tenantId, subject.id).pk;
    case 'offer':
      return salesKeys.offer(tenantId, subject.id).pk;
    default: {
      const unknown: never = subject.type;
      throw new Error(`no partition for subject type ${String(unknown)}`);
    }
  }
}
