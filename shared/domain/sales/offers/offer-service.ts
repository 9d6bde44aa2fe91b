import type { OfferPricing } from '#domain/energy/offer-pricing';
import type { PricingService } from '#domain/energy/pricing/pricing-service';
import type { Product } from '#domain/energy/pricing/product';
import {
  assertVersion,
  ConflictError,
  DomainError,
  type InvalidField,
  NotFoundError,
  ValidationError,
} from '#domain/errors';
import type { Created, IdempotencyToken, Page, PageRequest } from '#domain/ports';
import type { Deal } from '#domain/sales/deals/deal';
import type { DealService } from '#domain/sales/deals/deal-service';
import type { DealAccess, SalesActor } from '#domain/sales/sales-ports';
import { changeContext, type ServiceDeps } from '#domain/service-context';
import type { ChangeContext } from '#domain/stamps';
import {
  acceptVersion,
  addVersion,
  createOffer,
  lastValidDay,
  type Offer,
  type OfferLine,
  type OfferVersion,
  type ShownOffer,
  type ShownVersion,
  sendVersion,
  shownOffer,
  shownVersion,
  todayIn,
  type VersionContent,
  versionOf,
} from './offer';
import { newOfferEvent } from './offer-events';
import type { OfferStore, StoredOffer } from './offer-store';

export interface OfferDeps extends ServiceDeps {
  readonly offers: OfferStore;
  readonly deals: Pick<DealService, 'get' | 'prepareWon'>;
  readonly pricing: Pick<OfferPricing, 'savings'>;
  readonly products: Pick<PricingService, 'getProduct'>;
  /** Days a sent offer holds, from the tenant's sales settings. */
  readonly offerValidityDays: (tenantId: string) => Promise<number>;
}

/** What a version is made from; without `pricingDate`, prices are taken for today in the tenant's calendar. */
export interface OfferRequest {
  readonly productId: string;
  readonly pricingDate?: string;
  readonly note?: string;
}

/** An offer with its versions as a reader sees them (`expired` derived for today). */
export interface OfferDetail {
  readonly offer: ShownOffer;
  readonly versions: readonly ShownVersion[];
}

export interface OfferVersionDetail {
  readonly offer: ShownOffer;
  readonly version: ShownVersion;
}

/** Supply points priced at once while a version is made. */
const pricingConcurrency = 8;
const dealOffersPage = 100;

const subjectOf = (offer: Offer) => ({ type: 'offer' as const, id: offer.id, accountId: offer.accountId });

/**
 * Offers of a deal (R-SA-6). Whoever may see the deal may read its offers
 * and, with the write permission, make and move them; another tenant's
 * offer, or one of a deal the caller has no part in, answers 404.
 */
export class OfferService {
  constructor(private readonly deps: OfferDeps) {}

  /** A new offer of the deal, its first version a draft priced now. */
  async create(
    actor: SalesActor,
    dealId: string,
    request: OfferRequest,
    idempotency?: IdempotencyToken,
  ): Promise<Created<OfferDetail>> {
    const deal = await this.deps.deals.get(actor, dealId, 'write');
    assertNotLost(deal);
    const ctx = await changeContext(this.deps, actor);
    const content = await this.content(actor, deal, request, ctx);
    const { offer, version } = createOffer(this.deps.ids.next(), deal, content, ctx);
    const event = newOfferEvent(this.deps, ctx, 'OfferCreated', {
      subject: subjectOf(offer),
      data: { offer, version },
    });
    const { value, replayed } = await this.deps.offers.create(offer, version, event, idempotency);
    return { value: shown(value, ctx), replayed };
  }

  async ofDeal(actor: SalesActor, dealId: string, page: PageRequest): Promise<Page<ShownOffer>> {
    await this.deps.deals.get(actor, dealId);
    const ctx = await changeContext(this.deps, actor);
    const today = todayIn(ctx.now, ctx.tenant.timeZone);
    const found = await this.deps.offers.ofDeal(actor.tenantId, dealId, page);
    return { ...found, items: found.items.map((o) => shownOffer(o, today)) };
  }

  async get(actor: SalesActor, offerId: string): Promise<OfferDetail> {
    const { stored } = await this.load(actor, offerId);
    return shown(stored, await changeContext(this.deps, actor));
  }

  async version(actor: SalesActor, offerId: string, number: number): Promise<OfferVersionDetail> {
    const { stored } = await this.load(actor, offerId);
    const version = versionOf(stored.offer, stored.versions, number);
    return detailOf(stored.offer, version, await changeContext(this.deps, actor));
  }

  /** A new draft version for a product, date and note; a draft before it is superseded. */
  async addVersion(
    actor: SalesActor,
    offerId: string,
    expectedVersion: number,
    request: OfferRequest,
  ): Promise<OfferVersionDetail> {
    const { stored, deal, ctx } = await this.forChange(actor, offerId, expectedVersion);
    const content = await this.content(actor, deal, request, ctx);
    const change = addVersion(stored.offer, stored.versions, content, ctx);
    const event = newOfferEvent(this.deps, ctx, 'OfferVersionCreated', {
      subject: subjectOf(change.offer),
      data: {
        offer: change.offer,
        version: change.version,
        ...(change.supersededVersion ? { supersededVersion: change.supersededVersion } : {}),
      },
    });
    await this.deps.offers.update(stored.offer, change.offer, change.versions, event);
    return detailOf(change.offer, change.version, ctx);
  }

  /**
   * Sends the draft version `number`: fixed from now on, valid until the
   * day it is sent (in the tenant's calendar) plus the tenant's validity days.
   */
  async send(
    actor: SalesActor,
    offerId: string,
    number: number,
    expectedVersion: number,
  ): Promise<OfferVersionDetail> {
    const { stored, ctx } = await this.forChange(actor, offerId, expectedVersion);
    const days = await this.deps.offerValidityDays(actor.tenantId);
    const validUntil = lastValidDay(ctx.now, ctx.tenant.timeZone, days);
    const change = sendVersion(stored.offer, stored.versions, number, validUntil, ctx);
    const event = newOfferEvent(this.deps, ctx, 'OfferVersionSent', {
      subject: subjectOf(change.offer),
      data: {
        offer: change.offer,
        version: change.version,
        supersededVersions: change.supersededVersions,
      },
    });
    await this.deps.offers.update(stored.offer, change.offer, change.versions, event);
    return detailOf(change.offer, change.version, ctx);
  }

  /**
   * Accepts the sent version `number` and closes the deal as won, in one
   * transaction with `OfferAccepted` (which the contracts module builds
   * from). Refused for a lost deal, and when another offer of the deal is
   * already accepted: a deal is won by one offer.
   */
  async accept(
    actor: SalesActor,
    offerId: string,
    number: number,
    expectedVersion: number,
  ): Promise<OfferVersionDetail> {
    const { stored, deal, ctx } = await this.forChange(actor, offerId, expectedVersion);
    const change = acceptVersion(stored.offer, stored.versions, number, ctx);
    await this.assertNoOtherAccepted(actor.tenantId, stored.offer);
    const won = await this.deps.deals.prepareWon(actor, deal, ctx);
    const { offer } = change;
    const event = newOfferEvent(this.deps, ctx, 'OfferAccepted', {
      subject: subjectOf(offer),
      data: {
        offerId: offer.id,
        dealId: offer.dealId,
        accountId: offer.accountId,
        versionNumber: number,
        version: change.version,
      },
    });
    await this.deps.offers.accept(stored.offer, offer, change.versions, event, won);
    return detailOf(offer, change.version, ctx);
  }

  /** An offer about to change: at the version the client read, its deal not lost, the caller on the deal. */
  private async forChange(actor: SalesActor, offerId: string, expectedVersion: number) {
    const { stored, deal } = await this.load(actor, offerId, 'write');
    assertVersion('offer', stored.offer, expectedVersion);
    assertNotLost(deal);
    return { stored, deal, ctx: await changeContext(this.deps, actor) };
  }

  /** The offer and its deal, when the caller may see the deal; otherwise the offer does not exist for them. */
  private async load(
    actor: SalesActor,
    offerId: string,
    access: DealAccess = 'read',
  ): Promise<{ stored: StoredOffer; deal: Deal }> {
    const stored = await this.deps.offers.get(actor.tenantId, offerId);
    if (!stored) throw new NotFoundError('offer', offerId);
    try {
      return { stored, deal: await this.deps.deals.get(actor, stored.offer.dealId, access) };
    } catch (error) {
      if (error instanceof NotFoundError) throw new NotFoundError('offer', offerId, { cause: error });
      throw error;
    }
  }

  private async assertNoOtherAccepted(tenantId: string, offer: Offer): Promise<void> {
    let cursor: string | undefined;
    do {
      const page = await this.deps.offers.ofDeal(tenantId, offer.dealId, { limit: dealOffersPage, cursor });
      const other = page.items.find((o) => o.id !== offer.id && o.acceptedVersion !== undefined);
      if (other) {
        throw new ConflictError(
          'invalid-state',
          `offer ${other.id} of the deal is already accepted; a deal is won by one offer`,
          [{ name: 'dealId', reason: `offer ${other.id} of the deal is accepted` }],
        );
      }
      cursor = page.nextCursor;
    } while (cursor);
  }

  /**
   * The product checked and each of the deal's supply points priced, or
   * every supply point that cannot be; contracts made by hand are priced so too.
   */
  async content(
    actor: SalesActor,
    deal: Deal,
    request: OfferRequest,
    ctx: ChangeContext,
  ): Promise<VersionContent> {
    if (deal.supplyPointIds.length === 0) {
      throw new ValidationError([
        {
          name: 'supplyPointIds',
          reason: `deal ${deal.id} has no supply points; add them to the deal first`,
        },
      ]);
    }
    const product = await this.offeredProduct(actor, deal, request.productId);
    const pricingDate = request.pricingDate ?? todayIn(ctx.now, ctx.tenant.timeZone);
    const lines: OfferLine[] = [];
    const problems: InvalidField[] = [];
    const ids = deal.supplyPointIds;
    for (let start = 0; start < ids.length; start += pricingConcurrency) {
      const batch = ids.slice(start, start + pricingConcurrency);
      const results = await Promise.allSettled(
        batch.map((id) => this.deps.pricing.savings(actor, id, product.id, pricingDate)),
      );
      for (const [i, result] of results.entries()) {
        const supplyPointId = batch[i] as string;
        if (result.status === 'rejected') {
          if (!(result.reason instanceof DomainError)) throw result.reason;
          problems.push({
            name: `supplyPointIds.${start + i}`,
            reason: `supply point ${supplyPointId}: ${result.reason.message}`,
          });
          continue;
        }
        const { bandCode, price, annualConsumptionKwh, savings } = result.value;
        lines.push({
          supplyPointId,
          territoryCode: price.territoryCode,
          bandCode,
          annualConsumptionKwh,
          unitPricePerMwhMinor: price.unitPricePerMwhMinor,
          monthlyFeeMinor: price.monthlyFeeMinor,
          priceListVersion: price.priceListVersion,
          ...savings,
        });
      }
    }
    if (problems.length > 0) {
      throw new ConflictError(
        'missing-prerequisite',
        `product ${product.code} cannot be offered for ${problems.length} of the deal's supply points on ${pricingDate}`,
        problems,
      );
    }
    return {
      productId: product.id,
      productCode: product.code,
      productName: product.name,
      pricingDate,
      lines,
      ...(request.note !== undefined ? { note: request.note } : {}),
    };
  }

  private async offeredProduct(actor: SalesActor, deal: Deal, productId: string): Promise<Product> {
    let product: Product;
    try {
      product = await this.deps.products.getProduct(actor, productId);
    } catch (error) {
      if (error instanceof NotFoundError)
        throw new ValidationError([{ name: 'productId', reason: 'no such product' }], { cause: error });
      throw error;
    }
    if (!product.active)
      throw new ValidationError([
        { name: 'productId', reason: `product ${product.code} is no longer offered` },
      ]);
    if (deal.commodity && product.commodity !== deal.commodity) {
      throw new ValidationError([
        {
          name: 'productId',
          reason: `product ${product.code} is for ${product.commodity}; the deal is for ${deal.commodity}`,
        },
      ]);
    }
    return product;
  }
}

/** A lost deal takes no offer changes: move it back to an open stage first. */
function assertNotLost(deal: Deal): void {
  if (deal.stage.status !== 'lost') return;
  throw new ConflictError(
    'invalid-state',
    `deal ${deal.id} is lost; move it to an open stage before working on its offers`,
    [{ name: 'deal.stage', reason: `the deal is in the lost stage ${deal.stage.title}` }],
  );
}

function shown(stored: StoredOffer, ctx: ChangeContext): OfferDetail {
  const today = todayIn(ctx.now, ctx.tenant.timeZone);
  return {
    offer: shownOffer(stored.offer, today),
    versions: stored.versions.map((v) => shownVersion(v, today)),
  };
}

function detailOf(offer: Offer, version: OfferVersion, ctx: ChangeContext): OfferVersionDetail {
  const today = todayIn(ctx.now, ctx.tenant.timeZone);
  return { offer: shownOffer(offer, today), version: shownVersion(version, today) };
}
