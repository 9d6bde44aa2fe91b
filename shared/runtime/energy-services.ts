import { AccountService } from '#domain/accounts/account-service';
import type { EnergyServices } from '#domain/energy/energy-services';
import { OfferPricing } from '#domain/energy/offer-pricing';
import { ReferenceDataService } from '#domain/energy/reference-data-service';
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

/** Wires the energy module's domain services to the table; billing data goes to accounts with the accounts module's checks. */
export function energyServices(
  env: Pick<Environment, 'table'>,
  overrides: AccountsOverrides = {},
): EnergyServices {
  const { table } = env;
  const deps = serviceDeps(table, overrides);
  const { settingUsage, settingsChanged, ...references } = accountPorts(table, overrides);
  const territories = new DynamoTerritoryStore(table);
  const supplyPoints = supplyPointService(table, deps);
  const { pricing } = pricingServices(env, { ...deps, territories });
  const { readings, journeys } = journeyServices(env, { ...deps, supplyPoints });
  return {
    pricing,
    readings,
    journeys,
    supplyPoints,
    offerPricing: new OfferPricing(supplyPoints, pricing),
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
