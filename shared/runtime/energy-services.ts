import { AccountService } from '#domain/accounts/account-service';
import { OfferPricing } from '#domain/energy/offer-pricing';
import type { PricingService } from '#domain/energy/pricing/pricing-service';
import { ReferenceDataService } from '#domain/energy/reference-data-service';
import { SupplyPointService } from '#domain/energy/supply-point-service';
import type { ServiceDeps } from '#domain/service-context';
import { DynamoAccountStore } from '#table/accounts/account-store';
import type { Table } from '#table/core/table';
import { DynamoReferenceTables } from '#table/energy/reference-tables-store';
import { DynamoSupplyPointStore } from '#table/energy/supply-point-store';
import { DynamoTerritoryStore } from '#table/energy/territory-store';
import { accountPorts } from './account-ports';
import { type JourneyServices, journeyServices } from './journey-services';
import { pricingServices } from './pricing-services';
import { serviceDeps } from './service-deps';

export interface EnergyServices extends JourneyServices {
  readonly pricing: PricingService;
  readonly offerPricing: OfferPricing;
  readonly supplyPoints: SupplyPointService;
  readonly referenceData: ReferenceDataService;
  /** Billing data edited from a supply point is written to its owner, the account. */
  readonly accounts: AccountService;
  readonly territories: DynamoTerritoryStore;
  readonly tables: DynamoReferenceTables;
}

/** Wires the energy module's domain services to the table. */
export function energyServices(table: Table, overrides: Partial<ServiceDeps> = {}): EnergyServices {
  const deps = serviceDeps(table, overrides);
  const { settingUsage, ...references } = accountPorts(table);
  const accounts = new DynamoAccountStore(table, { settingUsage });
  const territories = new DynamoTerritoryStore(table);
  const tables = new DynamoReferenceTables(table);
  const supplyPoints = new SupplyPointService({
    ...deps,
    accounts,
    territories,
    tables,
    supplyPoints: new DynamoSupplyPointStore(table),
  });
  const { pricing } = pricingServices(table, territories, deps);
  const { readings, journeys } = journeyServices(table, supplyPoints, deps);
  return {
    territories,
    tables,
    pricing,
    readings,
    journeys,
    supplyPoints,
    offerPricing: new OfferPricing(supplyPoints, pricing),
    accounts: new AccountService({ ...deps, ...references, accounts }),
    referenceData: new ReferenceDataService({ ...deps, territories, tables }),
  };
}
