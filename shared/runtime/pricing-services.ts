import { PricingService } from '#domain/energy/pricing/pricing-service';
import type { TerritoryStore } from '#domain/energy/territory';
import type { ServiceDeps } from '#domain/service-context';
import type { Table } from '#table/core/table';
import { DynamoPriceStore } from '#table/energy/price-store';
import { DynamoProductStore } from '#table/energy/product-store';
import { serviceDeps } from './service-deps';

export interface PricingServices {
  readonly pricing: PricingService;
}

/**
 * Wires the pricing module (products and price lists) to the table. The
 * territory store comes from the caller: territories are their own module.
 */
export function pricingServices(
  table: Table,
  territories: TerritoryStore,
  overrides: Partial<ServiceDeps> = {},
): PricingServices {
  const deps = serviceDeps(table, overrides);
  return {
    pricing: new PricingService({
      ...deps,
      products: new DynamoProductStore(table),
      prices: new DynamoPriceStore(table),
      territories,
    }),
  };
}
