import type { Commodity } from '#domain/energy/supply-point-identifier';
import type { DomainEvent } from '#domain/events';
import type { Created, IdempotencyToken, Page, PageRequest } from '#domain/ports';
import type { PriceEntry, PriceList } from './price-list';
import type { Product } from './product';

export interface ProductFilter {
  /** Prefix of the name, folded for case and diacritics. */
  readonly namePrefix?: string;
  readonly commodity?: Commodity;
}

/** Persistence of products. Every write stores its domain event atomically with it. */
export interface ProductStore {
  get(tenantId: string, productId: string): Promise<Product | undefined>;
  create(product: Product, event: DomainEvent, idempotency?: IdempotencyToken): Promise<Created<Product>>;
  /** Fails with VersionMismatchError when the stored version is not `previous.version`. */
  update(previous: Product, next: Product, event: DomainEvent): Promise<void>;
  /** Sorted by name. */
  list(tenantId: string, filter: ProductFilter, page: PageRequest): Promise<Page<Product>>;
}

/** One series: the prices of one product in one territory and band, over time. */
export interface SeriesRef {
  readonly tenantId: string;
  readonly productId: string;
  readonly territoryCode: string;
  readonly bandCode: string;
}

/** Persistence of price lists and their price series. */
export interface PriceStore {
  /**
   * Publishes a list in one transaction: the product moves from `previous`
   * to `next` (conditional on its version, so two concurrent publishes cannot
   * both win: the loser gets a ConflictError to retry), the list, one entry
   * per price in its series, the event and the idempotency record.
   */
  publish(
    previous: Product,
    next: Product,
    list: PriceList,
    event: DomainEvent,
    idempotency?: IdempotencyToken,
  ): Promise<Created<PriceList>>;
  /** The list an earlier request with this key published, if any (422 when the body differed). */
  replayOf(tenantId: string, idempotency: IdempotencyToken): Promise<PriceList | undefined>;
  /** A product's price lists, newest version first. */
  list(tenantId: string, productId: string, page: PageRequest): Promise<Page<PriceList>>;
  /** One published list by its version, in one consistent read. */
  version(tenantId: string, productId: string, version: number): Promise<PriceList | undefined>;
  /**
   * The entry of the series that starts latest before `end` (a date,
   * exclusive), or the series' last entry when `end` is undefined.
   */
  latestStartingBefore(series: SeriesRef, end: string | undefined): Promise<PriceEntry | undefined>;
  /** The entry that applies on `date`, in one read. */
  priceOn(series: SeriesRef, date: string): Promise<PriceEntry | undefined>;
}
