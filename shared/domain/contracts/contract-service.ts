import {
  assertVersion,
  ConflictError,
  type InvalidField,
  NotFoundError,
  UnprocessableError,
} from '#domain/errors';
import { diffFields } from '#domain/events';
import type { Page, PageRequest } from '#domain/ports';
import { todayIn } from '#domain/sales/offers/offer';
import { changesAllDeals, type SalesActor, seesAllDeals } from '#domain/sales/sales-ports';
import { changeContext, type ServiceDeps } from '#domain/service-context';
import { touched } from '#domain/stamps';
import type {
  CommunicationPreference,
  Contract,
  ContractState,
  ContractTerm,
  ContractTransition,
  StoredDocument,
} from './contract';
import { signingPersonsOf } from './contract-drafting';
import { termEntries } from './contract-due';
import { newContractEvent } from './contract-events';
import { type ContractFiles, documentFileName } from './contract-files';
import { commitMove, contractSubject } from './contract-moves';
import type { ContractSettingsService } from './contract-settings-service';
import type { ContractSources } from './contract-sources';
import type { ContractStore } from './contract-store';
import { byUser } from './contract-transitions';
import { contractVisibleTo, isContractMember } from './contract-visibility';
import { plusDays, plusMonths, supplyStartDate } from './supply-start';

export interface ContractDeps extends ServiceDeps {
  readonly contracts: ContractStore;
  /** The account's contacts, for a draft's signing persons. */
  readonly sources?: Pick<ContractSources, 'account'>;
  readonly settings: Pick<ContractSettingsService, 'ofTenant'>;
  readonly files: Pick<ContractFiles, 'downloadUrl'>;
}

/** What a user may change on a draft; absent fields stay. */
export interface DraftChange {
  readonly requestedStartDate?: string;
  readonly communication?: CommunicationPreference;
  readonly term?: ContractTerm;
  /** Contacts of the account who sign, in signing order. */
  readonly signingContactIds?: readonly string[];
}

export interface ContractDownload {
  readonly url: string;
  readonly fileName: string;
  readonly signed: boolean;
}

const reasonMax = 500;

function reasonOf(reason: string | undefined, field = 'reason'): string {
  const trimmed = reason?.trim() ?? '';
  if (trimmed.length === 0)
    throw new UnprocessableError('a reason is needed', [{ name: field, reason: 'is required' }]);
  if (trimmed.length > reasonMax)
    throw new UnprocessableError('the reason is too long', [
      { name: field, reason: `must be at most ${reasonMax} characters` },
    ]);
  return trimmed;
}

/**
 * Contracts as users read and move them. A seller sees the contracts of
 * the deals they own or take part in, and changes those; admins and viewers
 * see all, admins change all. Anything else answers 404.
 */
export class ContractService {
  constructor(private readonly deps: ContractDeps) {}

  async get(actor: SalesActor, contractId: string): Promise<Contract> {
    const contract = await this.deps.contracts.get(actor.tenantId, contractId);
    if (!contract || !contractVisibleTo(actor, contract)) throw new NotFoundError('contract', contractId);
    return contract;
  }

  list(actor: SalesActor, state: ContractState | undefined, page: PageRequest): Promise<Page<Contract>> {
    const memberId = seesAllDeals(actor) ? undefined : actor.userId;
    return this.deps.contracts.list(actor.tenantId, { state, memberId }, page);
  }

  /** Every transition, oldest first: one Query. */
  async history(actor: SalesActor, contractId: string): Promise<ContractTransition[]> {
    const { contract, transitions } = await this.deps.contracts.withHistory(actor.tenantId, contractId);
    if (!contract || !contractVisibleTo(actor, contract)) throw new NotFoundError('contract', contractId);
    return transitions;
  }

  /** A link to the signed PDF once there is one, else to the document as sent or last rendered. */
  async download(actor: SalesActor, contractId: string): Promise<ContractDownload> {
    const contract = await this.get(actor, contractId);
    const signed = contract.signedDocument !== undefined;
    const document: StoredDocument | undefined = contract.signedDocument ?? contract.document;
    if (!document) {
      throw new ConflictError(
        'missing-prerequisite',
        'the contract has no document yet; render or send it first',
      );
    }
    const fileName = documentFileName(contract, signed);
    return { url: await this.deps.files.downloadUrl(document, fileName), fileName, signed };
  }

  /**
   * Changes a draft before it is sent: the requested start (no earlier than
   * the market allows from today), the communication, the term, who signs
   * (contacts of the account with an e-mail for electronic signing is checked
   * when sending). Refused once the contract is out or being sent.
   */
  async updateDraft(actor: SalesActor, contractId: string, expectedVersion: number, change: DraftChange) {
    const { contract, ctx } = await this.forChange(actor, contractId, expectedVersion);
    if (contract.state !== 'draft' || (contract.signing && !contract.signing.lastError)) {
      throw new ConflictError('invalid-state', 'only a draft that is not being sent can be changed');
    }
    const invalid: InvalidField[] = [];
    const settings = await this.deps.settings.ofTenant(actor.tenantId);
    const today = todayIn(ctx.now, ctx.tenant.timeZone);
    if (change.requestedStartDate !== undefined) {
      const rule = settings.supplyStartRules.find((r) => r.country === contract.party.country);
      const earliest = supplyStartDate(rule, today);
      if (change.requestedStartDate < earliest)
        invalid.push({ name: 'requestedStartDate', reason: `the market allows ${earliest} at the earliest` });
    }
    let signingPersons = contract.signingPersons;
    if (change.signingContactIds !== undefined) {
      const sources = this.deps.sources;
      if (!sources) throw new Error('changing signing persons needs the account’s contacts');
      const { contacts } = await sources.account(actor.tenantId, contract.accountId);
      const byId = new Map(
        signingPersonsOf(contacts.map((c) => ({ ...c, isSigningPerson: true }))).map((p) => [p.contactId, p]),
      );
      signingPersons = change.signingContactIds.flatMap((id, i) => {
        const person = byId.get(id);
        if (!person)
          invalid.push({ name: `signingContactIds.${i}`, reason: 'no contact of the contract’s account' });
        return person ? [person] : [];
      });
    }
    if (invalid.length > 0) throw new UnprocessableError('the draft cannot be changed so', invalid);
    const next: Contract = {
      ...touched(contract, ctx),
      ...(change.requestedStartDate !== undefined ? { requestedStartDate: change.requestedStartDate } : {}),
      ...(change.communication !== undefined ? { communication: change.communication } : {}),
      ...(change.term !== undefined ? { term: change.term } : {}),
      signingPersons,
    };
    const changes = diffFields(contract, next, [
      'requestedStartDate',
      'communication',
      'term',
      'signingPersons',
    ]);
    if (changes.length === 0) return contract;
    const event = newContractEvent(this.deps, ctx, 'ContractDraftChanged', {
      subject: contractSubject(next),
      changes,
      data: { contract: next },
    });
    await this.deps.contracts.annotate(contract, next, event);
    return next;
  }

  /** Cancels a draft; a sent contract goes through the signing service, which withdraws it at the provider. */
  async cancelDraft(actor: SalesActor, contractId: string, expectedVersion: number, reason?: string) {
    const { contract, ctx } = await this.forChange(actor, contractId, expectedVersion);
    if (contract.state !== 'draft') {
      throw new ConflictError(
        'invalid-state',
        `a ${contract.state} contract is cancelled through its signing`,
      );
    }
    return commitMove(this.deps, ctx, contract, 'cancelled', byUser(actor), {
      reason: reason?.trim() || undefined,
    });
  }

  /**
   * The supply started on `supplyStartDate`: a fixed term's last day follows
   * from it, and with it the day its renewal is prepared and the day it ends.
   */
  async activate(actor: SalesActor, contractId: string, expectedVersion: number, supplyStartDate: string) {
    const { contract, ctx } = await this.forChange(actor, contractId, expectedVersion);
    const settings = await this.deps.settings.ofTenant(actor.tenantId);
    const term =
      contract.term.kind === 'fixed'
        ? { ...contract.term, endDate: plusDays(plusMonths(supplyStartDate, contract.term.months), -1) }
        : contract.term;
    const changes = { supplyStartDate, term };
    return commitMove(this.deps, ctx, contract, 'active', byUser(actor), {
      changes,
      due: termEntries({ ...contract, ...changes }, settings),
    });
  }

  /**
   * The customer withdrew (a consumer, within the withdrawal period that
   * runs from signing, counted in the tenant's calendar).
   */
  async withdraw(actor: SalesActor, contractId: string, expectedVersion: number, reason: string) {
    const { contract, ctx } = await this.forChange(actor, contractId, expectedVersion);
    const settings = await this.deps.settings.ofTenant(actor.tenantId);
    if (contract.party.customerType !== 'B2C') {
      throw new UnprocessableError('only a consumer may withdraw', [
        { name: 'contractId', reason: 'the withdrawal right is a consumer’s (B2C)' },
      ]);
    }
    if (contract.signedAt && (contract.state === 'signed' || contract.state === 'active')) {
      const lastDay = plusDays(
        todayIn(new Date(contract.signedAt), ctx.tenant.timeZone),
        settings.withdrawalDays,
      );
      if (todayIn(ctx.now, ctx.tenant.timeZone) > lastDay) {
        throw new UnprocessableError('the withdrawal period is over', [
          { name: 'contractId', reason: `the withdrawal period ended on ${lastDay}` },
        ]);
      }
    }
    return commitMove(this.deps, ctx, contract, 'withdrawn', byUser(actor), {
      reason: reasonOf(reason),
      undue: termEntries(contract, settings),
    });
  }

  /** Terminated with a reason; `endDate` is the last day of supply. */
  async terminate(
    actor: SalesActor,
    contractId: string,
    expectedVersion: number,
    reason: string,
    endDate: string,
  ) {
    const { contract, ctx } = await this.forChange(actor, contractId, expectedVersion);
    const settings = await this.deps.settings.ofTenant(actor.tenantId);
    const why = reasonOf(reason);
    return commitMove(this.deps, ctx, contract, 'terminated', byUser(actor), {
      changes: { endDate, terminationReason: why },
      reason: why,
      undue: termEntries(contract, settings),
    });
  }

  /** A contract the caller may change, at the version the client read. */
  async forChange(actor: SalesActor, contractId: string, expectedVersion: number) {
    const contract = await this.get(actor, contractId);
    if (!changesAllDeals(actor) && !isContractMember(actor, contract))
      throw new NotFoundError('contract', contractId);
    assertVersion('contract', contract, expectedVersion);
    return { contract, ctx: await changeContext(this.deps, actor) };
  }
}
