import type { Subject } from '../domain/accounts/records';
import { keys } from './keys';

/** The partition that holds a subject's item, notes and history. */
export const subjectPartition = (tenantId: string, subject: Subject): string =>
  subject.type === 'account' ? keys.account(tenantId, subject.id).pk : keys.contact(tenantId, subject.id).pk;
