import type { OfferPricing } from '#domain/energy/offer-pricing';
import type { PricingService } from '#domain/energy/pricing/pricing-service';
import type { DealService } from '#domain/sales/deals/deal-service';
import { OfferService } from '#domain/sales/offers/offer-service';
import type { ServiceDeps } from '#domain/service-context';
import type { Table } from '#table/core/table';
import { DynamoOfferStore } from '#table/sales/dynamo-offer-store';
import { DynamoSettingsStore } from '#table/settings/settings-store';
import { serviceDeps } from './service-deps';

export interface OfferServices {
  readonly offers: OfferService;
}

/** What offers use of other modules: deals, the pricing of supply points, products, the tenant's sales settings. */
export interface OfferWiring {
  readonly deals: DealService;
  readonly pricing: OfferPricing;
  readonly products: Pick<PricingService, 'getProduct'>;
  readonly offerValidityDays: (tenantId: string) => Promise<number>;
}

/**
 * Wires offers to the table. An acceptance writes the deal it wins, so the
 * store keeps the settings' usage counts exactly as the deal store does.
 */
export function offerServices(
  table: Table,
  wiring: OfferWiring,
  overrides: Partial<ServiceDeps> = {},
): OfferServices {
  return {
    offers: new OfferService({
      ...serviceDeps(table, overrides),
      ...wiring,
      offers: new DynamoOfferStore(table, new DynamoSettingsStore(table).usageItems),
    }),
  };
}
