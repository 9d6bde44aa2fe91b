import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { ConflictError, DomainError, NotFoundError, UnprocessableError } from '#domain/errors';
import type { Actor } from '#domain/ports';
import { todayIn } from '#domain/sales/offers/offer';
import type { SalesActor } from '#domain/sales/sales-ports';
import { changeContext, type ServiceDeps } from '#domain/service-context';
import type { ChangeContext } from '#domain/stamps';
import type { Contract, ContractState, StoredDocument } from './contract';
import { recheckEntry } from './contract-due';
import { newContractEvent } from './contract-events';
import type { ContractFiles } from './contract-files';
import { commitMove, contractSubject } from './contract-moves';
import type { ContractService } from './contract-service';
import type { ContractSettings } from './contract-settings';
import type { ContractSettingsService } from './contract-settings-service';
import type { ContractStore, DueEntry } from './contract-store';
import { byUser, type TransitionActor } from './contract-transitions';
import { type ESignature, ESignatureRefused, ESignatureUnavailable, type SigningParty } from './e-signature';
import { plusDays } from './supply-start';

/** Renders the contract's document from the tenant's template and stores it. */
export interface ContractDocuments {
  render(contract: Contract, ctx: ChangeContext): Promise<StoredDocument>;
}

export interface ContractSigningDeps extends ServiceDeps {
  readonly contracts: ContractStore;
  readonly settings: Pick<ContractSettingsService, 'ofTenant'>;
  readonly documents: ContractDocuments;
  readonly files: Pick<ContractFiles, 'read' | 'storeSigned'>;
  readonly signing: ESignature;
  /** Our public callback URL for a token: `…/v1/webhooks/e-signature/signi?token=…`. */
  readonly callbackUrl: (token: string) => string;
  /** Contract changes by users go through the contract service's checks. */
  readonly users: Pick<ContractService, 'forChange'>;
}

/** What a provider's callback says; never trusted by itself. */
export interface SigningCallback {
  readonly contractId: string;
  readonly state: string;
  readonly file?: string;
}

export type SettleOutcome = 'moved' | 'unchanged' | 'pending';

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');
const signingService = { kind: 'e-signature', id: 'signi' } as const satisfies TransitionActor;
const scheduleActor = { kind: 'schedule', id: 'contract-recheck' } as const satisfies TransitionActor;

/** The signing persons as the provider needs them, or each one that cannot sign electronically. */
function signersOf(contract: Contract): SigningParty[] {
  if (contract.signingPersons.length === 0) {
    throw new UnprocessableError('the contract has no signing person', [
      { name: 'signingPersons', reason: 'flag a contact of the account as a signing person' },
    ]);
  }
  const noEmail = contract.signingPersons.filter((p) => !p.email);
  if (noEmail.length > 0) {
    throw new UnprocessableError(
      'every signing person needs an e-mail address to sign electronically',
      noEmail.map((p) => ({
        name: 'signingPersons',
        reason: `${p.firstName} ${p.lastName} (contact ${p.contactId}) has no e-mail address`,
      })),
    );
  }
  return contract.signingPersons.map((p) => ({
    firstName: p.firstName,
    lastName: p.lastName,
    email: p.email as string,
    ...(p.phone ? { phone: p.phone } : {}),
  }));
}

function proposerOf(settings: ContractSettings): SigningParty {
  if (!settings.proposer) {
    throw new UnprocessableError('the tenant has no proposer for e-signatures', [
      { name: 'proposer', reason: 'set the proposer in the contract settings' },
    ]);
  }
  return settings.proposer;
}

/**
 * Signing (R-CO-2, R-PL-2). A user sends a draft: an electronic contract's
 * document is rendered and stored, and a worker hands it to the provider
 * (retried from the queue while the provider is down; the contract stays a
 * draft with the last error until the provider has it). A paper contract
 * goes out by post and is recorded signed by a user. Callbacks are routed
 * by an unguessable per-contract token and settled only on the state read
 * back from the provider; a daily job re-checks contracts whose callback
 * never came.
 */
export class ContractSigning {
  constructor(private readonly deps: ContractSigningDeps) {}

  /** A user sends a draft. Refused, with nothing written, when it cannot be sent as it is. */
  async requestSend(actor: SalesActor, contractId: string, expectedVersion: number): Promise<Contract> {
    const { contract, ctx } = await this.deps.users.forChange(actor, contractId, expectedVersion);
    if (contract.state !== 'draft') {
      throw new ConflictError('invalid-state', `a ${contract.state} contract cannot be sent`);
    }
    if (contract.signing && !contract.signing.lastError) {
      throw new ConflictError('invalid-state', 'the contract is already being sent');
    }
    const settings = await this.deps.settings.ofTenant(actor.tenantId);
    if (contract.communication === 'electronic') {
      signersOf(contract);
      proposerOf(settings);
    }
    const document = await this.deps.documents.render(contract, ctx);
    if (contract.communication === 'paper') {
      // No e-signature: the PDF goes to the next print batch, by post.
      const today = todayIn(ctx.now, ctx.tenant.timeZone);
      return commitMove(this.deps, ctx, contract, 'sent', byUser(actor), {
        changes: { document },
        reason: 'by post (paper communication)',
        due: [{ kind: 'PRINT', due: today, tenantId: contract.tenantId, contractId: contract.id }],
      });
    }
    const attempt = (contract.signing?.attempts ?? 0) + 1;
    const next: Contract = {
      ...contract,
      document,
      signing: { provider: 'signi', attempts: attempt - 1 },
      revision: (contract.revision ?? 0) + 1,
    };
    const event = newContractEvent(this.deps, ctx, 'ContractSendRequested', {
      subject: contractSubject(next),
      data: { contract: next, attempt },
    });
    await this.deps.contracts.annotate(contract, next, event);
    return next;
  }

  /**
   * The worker's part: hands the stored document to the provider. A
   * contract that is no longer a draft waiting to be sent is left alone
   * (redelivery). Unavailable: the error is kept on the contract and
   * rethrown, so the queue tries again; refused: kept, and not retried.
   */
  async deliver(tenantId: string, contractId: string): Promise<void> {
    const contract = await this.deps.contracts.get(tenantId, contractId);
    if (contract?.state !== 'draft' || !contract.signing || !contract.document) return;
    const settings = await this.deps.settings.ofTenant(tenantId);
    const ctx = await changeContext(this.deps, { tenantId, userId: 'contract-signing' });
    const token = randomBytes(32).toString('base64url');
    const attempts = contract.signing.attempts + 1;
    let externalId: string;
    try {
      ({ externalId } = await this.deps.signing.send({
        contractId: contract.id,
        number: contract.number,
        name: `${contract.number} ${contract.party.name}`,
        locale: contract.locale,
        document: {
          fileName: `contract-${contract.number}.pdf`,
          content: await this.deps.files.read(contract.document),
        },
        proposer: proposerOf(settings),
        signers: signersOf(contract),
        signingOrder: settings.signingOrder,
        callbackUrl: this.deps.callbackUrl(token),
      }));
    } catch (error) {
      const failure =
        error instanceof ESignatureRefused ||
        error instanceof ESignatureUnavailable ||
        error instanceof DomainError;
      if (!failure) throw error;
      await this.deps.contracts.annotate(contract, {
        ...contract,
        signing: {
          ...contract.signing,
          attempts,
          lastError: error.message,
          lastErrorAt: ctx.now.toISOString(),
        },
        revision: (contract.revision ?? 0) + 1,
      });
      if (error instanceof ESignatureUnavailable) throw error;
      return;
    }
    const sentOn = todayIn(ctx.now, ctx.tenant.timeZone);
    await commitMove(this.deps, ctx, contract, 'sent', signingService, {
      changes: { signing: { provider: 'signi', externalId, sentAt: ctx.now.toISOString(), attempts } },
      due: [recheckEntry(contract, sentOn, settings)],
      callbackTokenHash: hashOf(token),
    });
  }

  /**
   * A provider's callback. An unknown token, or one that does not match the
   * provider's id of the contract, is a 404 with nothing written; a callback
   * for a cancelled contract a 409; a repeated or late one changes nothing.
   */
  async callback(
    token: string,
    body: SigningCallback,
  ): Promise<{ contractId: string; state: ContractState }> {
    const hash = hashOf(token);
    const route = await this.deps.contracts.callbackRoute(hash);
    const contract = route ? await this.deps.contracts.get(route.tenantId, route.contractId) : undefined;
    const known = contract?.signing?.externalId;
    if (!contract || !known || !sameText(known, body.contractId))
      throw new NotFoundError('signing callback', 'of this token');
    if (contract.state === 'cancelled') {
      throw new ConflictError('invalid-state', 'the contract was cancelled; its signing is void');
    }
    if (contract.state === 'sent') await this.settle(contract, signingService, body.file);
    const now = await this.deps.contracts.get(contract.tenantId, contract.id);
    return { contractId: contract.id, state: now?.state ?? contract.state };
  }

  /** A user cancels a sent contract: withdrawn at the provider first, so it cannot be signed after. */
  async cancelSent(
    actor: SalesActor,
    contractId: string,
    expectedVersion: number,
    reason?: string,
  ): Promise<Contract> {
    const { contract, ctx } = await this.deps.users.forChange(actor, contractId, expectedVersion);
    if (contract.state !== 'sent')
      throw new ConflictError('invalid-state', `a ${contract.state} contract is not out for signing`);
    const externalId = contract.signing?.externalId;
    if (externalId) {
      const status = await this.deps.signing.status(externalId);
      if (status.state === 'signed') {
        throw new ConflictError(
          'invalid-state',
          'the contract was signed meanwhile; withdraw or terminate it instead',
        );
      }
      if (status.state === 'pending') await this.deps.signing.cancel(externalId);
    }
    const settings = await this.deps.settings.ofTenant(actor.tenantId);
    return commitMove(this.deps, ctx, contract, 'cancelled', byUser(actor), {
      reason: reason?.trim() || undefined,
      undue: contract.signing?.sentAt ? [this.recheckOf(contract, settings, ctx)] : [],
    });
  }

  /** A user records a paper contract signed, when the signed copy came back by post. */
  async recordSigned(actor: SalesActor, contractId: string, expectedVersion: number): Promise<Contract> {
    const { contract, ctx } = await this.deps.users.forChange(actor, contractId, expectedVersion);
    if (contract.communication !== 'paper') {
      throw new ConflictError(
        'invalid-state',
        'an electronic contract is signed at the e-signature provider',
      );
    }
    return commitMove(this.deps, ctx, contract, 'signed', byUser(actor), {
      changes: { signedAt: ctx.now.toISOString() },
      reason: 'signed copy received by post',
    });
  }

  /**
   * The daily re-check: every sent contract due by `day` is settled from the
   * provider's state. One still waiting, or one the provider could not be
   * asked about, is looked at again the next day; a contract no longer sent
   * leaves the list.
   */
  async recheckDue(day: string, pageSize = 100): Promise<{ checked: number; moved: number; failed: number }> {
    const totals = { checked: 0, moved: 0, failed: 0 };
    for (;;) {
      const due = await this.deps.contracts.dueBy('RECHECK', day, pageSize);
      for (const entry of due) {
        totals.checked += 1;
        const contract = await this.deps.contracts.get(entry.tenantId, entry.contractId);
        if (contract?.state !== 'sent') {
          await this.deps.contracts.removeDue(entry);
          continue;
        }
        const outcome = await this.settle(contract, scheduleActor).catch((error: unknown) => {
          if (!(error instanceof ESignatureUnavailable || error instanceof ESignatureRefused)) throw error;
          totals.failed += 1;
          return 'pending' as const;
        });
        if (outcome === 'moved') totals.moved += 1;
        else await this.deps.contracts.postpone(entry, plusDays(day, 1));
      }
      // Every entry read left the day's list (removed or moved to the next day): read on until none is left.
      if (due.length < pageSize) return totals;
    }
  }

  /** Moves a sent contract to the state the provider reports, storing the signed PDF at once. */
  private async settle(
    contract: Contract,
    actor: TransitionActor,
    callbackFile?: string,
  ): Promise<SettleOutcome> {
    const externalId = contract.signing?.externalId;
    if (!externalId) return 'pending';
    const status = await this.deps.signing.status(externalId);
    if (status.state === 'pending') return 'pending';
    const ctx = await changeContext(this.deps, {
      tenantId: contract.tenantId,
      userId: actor.id,
    } satisfies Actor);
    const settings = await this.deps.settings.ofTenant(contract.tenantId);
    const undue = [this.recheckOf(contract, settings, ctx)];
    if (status.state === 'signed') {
      const link = status.signedFileUrl ?? callbackFile;
      if (!link) throw new Error(`the provider reports contract ${contract.id} signed but gives no file`);
      const signedDocument = await this.deps.files.storeSigned(
        contract,
        await this.deps.signing.download(link),
        ctx.now,
      );
      await commitMove(this.deps, ctx, contract, 'signed', actor, {
        changes: { signedDocument, signedAt: ctx.now.toISOString() },
        undue,
      });
      return 'moved';
    }
    await commitMove(this.deps, ctx, contract, status.state, actor, { undue });
    return 'moved';
  }

  private recheckOf(contract: Contract, settings: ContractSettings, ctx: ChangeContext): DueEntry {
    const sentAt = contract.signing?.sentAt ? new Date(contract.signing.sentAt) : ctx.now;
    return recheckEntry(contract, todayIn(sentAt, ctx.tenant.timeZone), settings);
  }
}

/** Compares without telling by timing how much of it matched. */
function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
