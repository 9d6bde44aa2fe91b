import { monotonicFactory } from 'ulid';
import { PricingService } from '../domain/energy/pricing/pricing-service';
import type { TerritoryStore } from '../domain/energy/territory';
import type { ServiceDeps } from '../domain/service-context';
import { DynamoPriceStore } from '../table/price-store';
import { DynamoProductStore } from '../table/product-store';
import type { Table } from '../table/table';
import { DynamoTenantDirectory } from '../table/tenant-directory';

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
  const ulid = monotonicFactory();
  const deps: ServiceDeps = {
    tenants: new DynamoTenantDirectory(table),
    clock: { now: () => new Date() },
    ids: { next: () => ulid() },
    ...overrides,
  };
  return {
    pricing: new PricingService({
      ...deps,
      products: new DynamoProductStore(table),
      prices: new DynamoPriceStore(table),
      territories,
    }),
  };
}
