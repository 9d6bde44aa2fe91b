import { ConflictError, NotFoundError, ValidationError } from '#domain/errors';
import type { Actor, Created, IdempotencyToken } from '#domain/ports';
import type { Deal } from '#domain/sales/deals/deal';
import type { DealService } from '#domain/sales/deals/deal-service';
import { type OfferVersion, offerTotals, todayIn } from '#domain/sales/offers/offer';
import type { OfferService } from '#domain/sales/offers/offer-service';
import type { SalesActor } from '#domain/sales/sales-ports';
import { changeContext, type ServiceDeps } from '#domain/service-context';
import type { ChangeContext } from '#domain/stamps';
import type { Contract } from './contract';
import { contractNumber, draftContract, type PricedContent } from './contract-drafting';
import { moveEvent } from './contract-moves';
import type { ContractSettingsService } from './contract-settings-service';
import type { ContractSources } from './contract-sources';
import type { ContractStore } from './contract-store';
import type { TransitionActor } from './contract-transitions';

export interface ContractIntakeDeps extends ServiceDeps {
  readonly contracts: ContractStore;
  readonly sources: ContractSources;
  readonly settings: Pick<ContractSettingsService, 'ofTenant'>;
  /** Deals as the caller may see them, and the pricing of a contract made by hand. */
  readonly deals?: Pick<DealService, 'get'>;
  readonly pricing?: Pick<OfferService, 'content'>;
}

/** What `OfferAccepted` says: the offer, its deal and account, and the accepted version. */
export interface AcceptedOffer {
  readonly offerId: string;
  readonly dealId: string;
  readonly accountId: string;
  readonly version: OfferVersion;
}

export interface HandMadeRequest {
  readonly productId: string;
  readonly requestedStartDate?: string;
}

/**
 * Where contracts come from (R-CO-1, R-SA-7): an accepted offer version,
 * once (a consumer of `OfferAccepted`), or a user's request on a deal,
 * priced like an offer.
 */
export class ContractIntake {
  constructor(private readonly deps: ContractIntakeDeps) {}

  /**
   * The draft of an accepted offer version, made on behalf of the user who
   * accepted it. Redelivered or raced, it is made once: the second try finds
   * the offer version's claim and returns nothing new.
   */
  async fromAcceptedOffer(acceptedBy: Actor, accepted: AcceptedOffer): Promise<Contract | undefined> {
    const { tenantId } = acceptedBy;
    const existing = await this.deps.contracts.ofOfferVersion(
      tenantId,
      accepted.offerId,
      accepted.version.number,
    );
    if (existing) return undefined;
    const deal = await this.deps.sources.deal(tenantId, accepted.dealId);
    if (!deal) throw new NotFoundError('deal', accepted.dealId);
    const ctx = await changeContext(this.deps, acceptedBy);
    try {
      const { value } = await this.create(ctx, deal, accepted.version, {
        offer: { offerId: accepted.offerId, versionNumber: accepted.version.number },
        actor: { kind: 'user', id: acceptedBy.userId },
      });
      return value;
    } catch (error) {
      if (error instanceof ConflictError && error.code === 'already-exists') return undefined;
      throw error;
    }
  }

  /** A draft made by hand from a deal the caller may change, its supply points priced with the product now. */
  async fromDeal(
    actor: SalesActor,
    dealId: string,
    request: HandMadeRequest,
    idempotency?: IdempotencyToken,
  ): Promise<Created<Contract>> {
    const { deals, pricing } = this.deps;
    if (!deals || !pricing) throw new Error('contracts made by hand need the deals and pricing');
    const deal = await deals.get(actor, dealId, 'write');
    if (deal.stage.status === 'lost') {
      throw new ConflictError('invalid-state', `deal ${deal.id} is lost; a lost deal gets no contract`, [
        { name: 'dealId', reason: 'the deal is lost' },
      ]);
    }
    const ctx = await changeContext(this.deps, actor);
    const content = await pricing.content(actor, deal, { productId: request.productId }, ctx);
    const priced: PricedContent = { ...content, totals: offerTotals(content.lines) };
    return this.create(ctx, deal, priced, {
      actor: { kind: 'user', id: actor.userId },
      requestedStartDate: request.requestedStartDate,
      idempotency,
    });
  }

  private async create(
    ctx: ChangeContext,
    deal: Deal,
    priced: PricedContent,
    options: {
      readonly actor: TransitionActor;
      readonly offer?: { readonly offerId: string; readonly versionNumber: number };
      readonly requestedStartDate?: string;
      readonly idempotency?: IdempotencyToken;
    },
  ): Promise<Created<Contract>> {
    const tenantId = ctx.tenant.id;
    const [collection, settings] = await Promise.all([
      this.deps.sources.account(tenantId, deal.accountId),
      this.deps.settings.ofTenant(tenantId),
    ]);
    if (!collection.account || collection.account.deletedAt !== undefined) {
      throw new ValidationError([{ name: 'dealId', reason: `the deal's account ${deal.accountId} is gone` }]);
    }
    const sources = {
      account: collection.account,
      contacts: collection.contacts,
      deal,
      supplyPoints: collection.supplyPoints,
      priced,
      offer: options.offer,
      requestedStartDate: options.requestedStartDate,
    };
    const today = todayIn(ctx.now, ctx.tenant.timeZone);
    const id = this.deps.ids.next();
    return this.deps.contracts.create(
      tenantId,
      today.slice(0, 4),
      (sequence) => {
        const move = draftContract(
          id,
          contractNumber(today.slice(0, 4), sequence),
          sources,
          settings,
          today,
          options.actor,
          ctx,
        );
        return { move, event: moveEvent(this.deps, ctx, move) };
      },
      { offer: options.offer, idempotency: options.idempotency },
    );
  }
}
