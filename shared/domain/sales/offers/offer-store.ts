import type { DomainEvent } from '#domain/events';
import type { Created, IdempotencyToken, Page, PageRequest } from '#domain/ports';
import type { PreparedDeal } from '#domain/sales/deals/deal-service';
import type { Offer, OfferVersion } from './offer';

/** An offer's header with its versions, oldest first. */
export interface StoredOffer {
  readonly offer: Offer;
  readonly versions: readonly OfferVersion[];
}

/**
 * Persistence of offers. Every write is conditional on the header's version
 * (a stale one fails with VersionMismatchError), so the version items it
 * writes with the header can never be changed by two writers at once; and
 * every write stores its domain event atomically with it.
 */
export interface OfferStore {
  /** The header and every version, read consistently; undefined when there is no such offer. */
  get(tenantId: string, offerId: string): Promise<StoredOffer | undefined>;
  /** A deal's offers (headers only), newest first. */
  ofDeal(tenantId: string, dealId: string, page: PageRequest): Promise<Page<Offer>>;
  create(
    offer: Offer,
    version: OfferVersion,
    event: DomainEvent,
    idempotency?: IdempotencyToken,
  ): Promise<Created<StoredOffer>>;
  /** Moves the header from `previous` to `next` and writes the versions the change makes or changes. */
  update(previous: Offer, next: Offer, versions: readonly OfferVersion[], event: DomainEvent): Promise<void>;
  /**
   * An acceptance: the offer's update and, when it wins the deal, the deal's
   * change, all in one transaction.
   */
  accept(
    previous: Offer,
    next: Offer,
    versions: readonly OfferVersion[],
    event: DomainEvent,
    won: PreparedDeal | undefined,
  ): Promise<void>;
}
