import { newEnergyEvent } from '#domain/energy/energy-events';
import type { Territory, TerritoryStore } from '#domain/energy/territory';
import { assertVersion, NotFoundError, ValidationError } from '#domain/errors';
import { mapLimit } from '#domain/map-limit';
import type { Nullable } from '#domain/patch';
import type { Actor, Created, IdempotencyToken, Page, PageRequest } from '#domain/ports';
import { changeContext, type ServiceDeps } from '#domain/service-context';
import { calendarDateReason, isCalendarDate } from './calendar-date';
import {
  createPriceList,
  overlapConflict,
  type PriceEntry,
  type PriceList,
  type PriceListDraft,
  territoryProblems,
  validatePriceListDraft,
} from './price-list';
import {
  createProduct,
  type Product,
  type ProductDraft,
  type ProductPatch,
  updateProduct,
  withPublishedPriceList,
} from './product';
import type { PriceStore, ProductFilter, ProductStore } from './stores';

export interface PricingDeps extends ServiceDeps {
  readonly products: ProductStore;
  readonly prices: PriceStore;
  readonly territories: TerritoryStore;
}

/** Reads at most this many price series at once while checking a new list. */
const seriesReadConcurrency = 16;

/** Products and their versioned price lists (R-SP-5). */
export class PricingService {
  constructor(private readonly deps: PricingDeps) {}

  async createProduct(
    actor: Actor,
    draft: Nullable<ProductDraft>,
    idempotency?: IdempotencyToken,
  ): Promise<Created<Product>> {
    const ctx = await changeContext(this.deps, actor);
    const product = createProduct(this.deps.ids.next(), draft, ctx);
    const event = newEnergyEvent(this.deps, ctx, 'ProductCreated', {
      subject: { type: 'product', id: product.id },
      data: { product },
    });
    return this.deps.products.create(product, event, idempotency);
  }

  /** Another tenant's product answers as if it did not exist. */
  async getProduct(actor: Actor, productId: string): Promise<Product> {
    const product = await this.deps.products.get(actor.tenantId, productId);
    if (!product || product.deletedAt !== undefined) throw new NotFoundError('product', productId);
    return product;
  }

  listProducts(actor: Actor, filter: ProductFilter, page: PageRequest): Promise<Page<Product>> {
    return this.deps.products.list(actor.tenantId, filter, page);
  }

  async updateProduct(
    actor: Actor,
    productId: string,
    expectedVersion: number,
    patch: ProductPatch,
  ): Promise<Product> {
    const current = await this.getProduct(actor, productId);
    assertVersion('product', current, expectedVersion);
    const ctx = await changeContext(this.deps, actor);
    const { product, changes } = updateProduct(current, patch, ctx);
    if (changes.length === 0) return current;
    const event = newEnergyEvent(this.deps, ctx, 'ProductUpdated', {
      subject: { type: 'product', id: productId },
      data: { product },
      changes,
    });
    await this.deps.products.update(current, product, event);
    return product;
  }

  /**
   * Publishes the product's next price list. Refused (400) when a territory
   * is unknown or serves another commodity, and (409, naming `validFrom`)
   * when its period overlaps an existing price of a territory/band it prices.
   */
  async publishPriceList(
    actor: Actor,
    productId: string,
    given: Nullable<PriceListDraft>,
    idempotency?: IdempotencyToken,
  ): Promise<Created<PriceList>> {
    const product = await this.getProduct(actor, productId);
    const draft = validatePriceListDraft(given);
    await this.assertTerritories(actor.tenantId, product, draft);

    const neighbours = await mapLimit(draft.prices, seriesReadConcurrency, (price) =>
      this.deps.prices.latestStartingBefore(
        { tenantId: actor.tenantId, productId, territoryCode: price.territoryCode, bandCode: price.bandCode },
        draft.validTo,
      ),
    );
    const conflict = overlapConflict(draft, neighbours);
    if (conflict) {
      // A retry of a publish that succeeded overlaps its own first attempt: answer that one.
      const earlier = idempotency && (await this.deps.prices.replayOf(actor.tenantId, idempotency));
      if (earlier) return { value: earlier, replayed: true };
      throw conflict;
    }

    const ctx = await changeContext(this.deps, actor);
    const list = createPriceList(product, draft, ctx);
    const event = newEnergyEvent(this.deps, ctx, 'PriceListPublished', {
      subject: { type: 'product', id: productId },
      data: { priceList: list },
    });
    return this.deps.prices.publish(product, withPublishedPriceList(product, ctx), list, event, idempotency);
  }

  private async assertTerritories(tenantId: string, product: Product, draft: PriceListDraft): Promise<void> {
    const codes = [...new Set(draft.prices.map((p) => p.territoryCode))];
    const found = await mapLimit(codes, seriesReadConcurrency, (code) =>
      this.deps.territories.get(tenantId, code),
    );
    const known = new Map<string, Territory | undefined>(codes.map((code, i) => [code, found[i]]));
    const problems = territoryProblems(draft.prices, known, product.commodity);
    if (problems.length > 0) throw new ValidationError(problems);
  }

  /** Newest version first. */
  async listPriceLists(actor: Actor, productId: string, page: PageRequest): Promise<Page<PriceList>> {
    await this.getProduct(actor, productId);
    return this.deps.prices.list(actor.tenantId, productId, page);
  }

  /**
   * The price of a product in a territory and band on a day, or undefined
   * when none applies. One read: it does not check the product itself, and
   * another tenant's product simply has no prices.
   */
  async priceOn(
    actor: Actor,
    productId: string,
    territoryCode: string,
    bandCode: string,
    date: string,
  ): Promise<PriceEntry | undefined> {
    if (!isCalendarDate(date)) throw new ValidationError([{ name: 'date', reason: calendarDateReason }]);
    return this.deps.prices.priceOn({ tenantId: actor.tenantId, productId, territoryCode, bandCode }, date);
  }
}
