import type { AccountStore, ContactStore } from '#domain/accounts/stores';
import type { Contract } from '#domain/contracts/contract';
import { contractVisibleTo } from '#domain/contracts/contract-visibility';
import { ForbiddenError, NotFoundError } from '#domain/errors';
import { dealChangeableBy, dealVisibleTo } from '#domain/sales/deals/deal-access';
import type { SalesActor } from '#domain/sales/sales-ports';
import type { DealStore } from '#domain/sales/stores';
import type { AttachmentSubject } from './attachment';

/** Reads one contract of a tenant. */
export interface ContractReader {
  get(tenantId: string, contractId: string): Promise<Contract | undefined>;
}

/** Reads one case of a tenant as the caller may use it: undefined when it does not exist or is not theirs to see. */
export interface CaseReader {
  access(
    actor: SalesActor,
    caseId: string,
  ): Promise<{ readonly accountId?: string; readonly changeable: boolean } | undefined>;
}

/** Reads one work order of a tenant as the caller may use it, like {@link CaseReader}. */
export type WorkOrderReader = CaseReader;

/** What the attachments module reads of the records files hang on. */
export interface AttachmentSubjectReaders {
  readonly accounts: Pick<AccountStore, 'get'>;
  readonly contacts: Pick<ContactStore, 'get'>;
  readonly deals: Pick<DealStore, 'get'>;
  readonly contracts: ContractReader;
  readonly cases: CaseReader;
  readonly workOrders: WorkOrderReader;
}

/** Reading a subject's files, or adding and removing them. */
export type AttachmentAccess = 'read' | 'write';

/**
 * The account a subject belongs to, once the caller may use its files: the
 * subject is live in the caller's tenant, and a deal or contract is one the
 * caller sees (else 404, as if it did not exist); to add or remove files of
 * a deal or contract the caller changes that deal (admins, its members;
 * else 403), the sales permission model's rule for the deal itself.
 */
export async function subjectAccount(
  readers: AttachmentSubjectReaders,
  actor: SalesActor,
  subject: AttachmentSubject,
  access: AttachmentAccess,
): Promise<string | undefined> {
  const { tenantId } = actor;
  switch (subject.type) {
    case 'account': {
      const account = await readers.accounts.get(tenantId, subject.id);
      if (!account || account.deletedAt !== undefined) throw new NotFoundError('account', subject.id);
      return account.id;
    }
    case 'contact': {
      const contact = await readers.contacts.get(tenantId, subject.id);
      if (!contact || contact.deletedAt !== undefined) throw new NotFoundError('contact', subject.id);
      return contact.accountId;
    }
    case 'deal': {
      const deal = await readers.deals.get(tenantId, subject.id);
      if (!deal || !dealVisibleTo(actor, deal)) throw new NotFoundError('deal', subject.id);
      if (access === 'write' && !dealChangeableBy(actor, deal))
        throw new ForbiddenError('only the deal’s owner, its participants and admins change its files');
      return deal.accountId;
    }
    case 'contract': {
      const contract = await readers.contracts.get(tenantId, subject.id);
      if (!contract || contract.deletedAt !== undefined || !contractVisibleTo(actor, contract))
        throw new NotFoundError('contract', subject.id);
      if (access === 'write' && !dealChangeableBy(actor, contract.deal))
        throw new ForbiddenError(
          'only the owner and participants of the contract’s deal and admins change its files',
        );
      return contract.accountId;
    }
    case 'case': {
      const found = await readers.cases.access(actor, subject.id);
      if (!found) throw new NotFoundError('case', subject.id);
      if (access === 'write' && !found.changeable)
        throw new ForbiddenError('only those who work the case change its files');
      return found.accountId;
    }
    case 'workOrder': {
      const found = await readers.workOrders.access(actor, subject.id);
      if (!found) throw new NotFoundError('work order', subject.id);
      if (access === 'write' && !found.changeable)
        throw new ForbiddenError('only dispatchers and the booked technician change its files');
      return found.accountId;
    }
    default: {
      const unknown: never = subject.type;
      throw new NotFoundError('subject', String(unknown));
    }
  }
}
