import type { PricingServices } from '#domain/energy/energy-services';
import { PricingService } from '#domain/energy/pricing/pricing-service';
import type { TerritoryStore } from '#domain/energy/territory';
import type { ServiceDeps } from '#domain/service-context';
import { DynamoPriceStore } from '#table/energy/price-store';
import { DynamoProductStore } from '#table/energy/product-store';
import { DynamoTerritoryStore } from '#table/energy/territory-store';
import type { Environment } from './environment';
import { serviceDeps } from './service-deps';

export interface PricingOverrides extends Partial<ServiceDeps> {
  /** Where the territories prices are given for are read; by default the table's. */
  readonly territories?: TerritoryStore;
}

/** Wires the pricing module (products and price lists) to the table. */
export function pricingServices(
  env: Pick<Environment, 'table'>,
  overrides: PricingOverrides = {},
): PricingServices {
  const { table } = env;
  return {
    pricing: new PricingService({
      ...serviceDeps(table, overrides),
      products: new DynamoProductStore(table),
      prices: new DynamoPriceStore(table),
      territories: overrides.territories ?? new DynamoTerritoryStore(table),
    }),
  };
}
