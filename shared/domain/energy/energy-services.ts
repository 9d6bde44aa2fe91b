import type { AccountService } from '#domain/accounts/account-service';
import type { JourneyService } from './journey-service';
import type { OfferPricing } from './offer-pricing';
import type { PricingService } from './pricing/pricing-service';
import type { ReadingService } from './reading-service';
import type { ReferenceDataService } from './reference-data-service';
import type { SupplyPointService } from './supply-point-service';

/** Meter readings and customer journeys of supply points. */
export interface JourneyServices {
  readonly readings: ReadingService;
  readonly journeys: JourneyService;
}

/** Products and their price lists. */
export interface PricingServices {
  readonly pricing: PricingService;
}

/** What the energy module offers: supply points, territories and tables, pricing, readings and journeys. */
export interface EnergyServices extends JourneyServices, PricingServices {
  readonly offerPricing: OfferPricing;
  readonly supplyPoints: SupplyPointService;
  readonly referenceData: ReferenceDataService;
  /** Billing data edited from a supply point is written to its owner, the account. */
  readonly accounts: AccountService;
}
