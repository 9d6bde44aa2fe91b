import { AccountService } from '#domain/accounts/account-service';
import type { EnergyServices } from '#domain/energy/energy-services';
import { OfferPricing } from '#domain/energy/offer-pricing';
import { ReferenceDataService } from '#domain/energy/reference-data-service';
import type { ServiceDeps } from '#domain/service-context';
import { DynamoAccountStore } from '#table/accounts/account-store';
import { DynamoReferenceTables } from '#table/energy/reference-tables-store';
import { DynamoTerritoryStore } from '#table/energy/territory-store';
import { accountPorts } from './account-ports';
import type { AccountsOverrides } from './accounts-services';
import type { Environment } from './environment';
import { journeyServices } from './journey-services';
import { pricingServices } from './pricing-services';
import { serviceDeps } from './service-deps';
import { supplyPointService } from './supply-point-wiring';

/**
 * Supply points, prices and what a product costs at a supply point, without
 * the accounts service: what the sales module's offers need, so a function
 * that only reads them does not carry the accounts module's phone parsing.
 */
export function energyPricing(env: Pick<Environment, 'table'>, deps: ServiceDeps) {
  const territories = new DynamoTerritoryStore(env.table);
  const supplyPoints = supplyPointService(env.table, deps);
  const { pricing } = pricingServices(env, { ...deps, territories });
  return { territories, supplyPoints, pricing, offerPricing: new OfferPricing(supplyPoints, pricing) };
}

/** Wires the energy module's domain services to the table; billing data goes to accounts with the accounts module's checks. */
export function energyServices(
  env: Pick<Environment, 'table'>,
  overrides: AccountsOverrides = {},
): EnergyServices {
  const { table } = env;
  const deps = serviceDeps(table, overrides);
  const { settingUsage, settingsChanged, ...references } = accountPorts(table, overrides);
  const { territories, supplyPoints, pricing, offerPricing } = energyPricing(env, deps);
  const { readings, journeys } = journeyServices(env, { ...deps, supplyPoints });
  return {
    pricing,
    readings,
    journeys,
    supplyPoints,
    offerPricing,
    accounts: new AccountService({
      ...deps,
      ...references,
      accounts: new DynamoAccountStore(table, { settingUsage, settingsChanged }),
    }),
    referenceData: new ReferenceDataService({
      ...deps,
      territories,
      tables: new DynamoReferenceTables(table),
    }),
  };
}
