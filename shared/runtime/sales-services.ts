import { DealService } from '#domain/sales/deals/deal-service';
import { ConversionService } from '#domain/sales/leads/conversion-service';
import { LeadService } from '#domain/sales/leads/lead-service';
import { OfferService } from '#domain/sales/offers/offer-service';
import type { SalesServices } from '#domain/sales/sales-services';
import { SalesSettingsService } from '#domain/sales/sales-settings-service';
import type { ServiceDeps } from '#domain/service-context';
import type { UserLookup } from '#domain/users/user-lookup';
import { DynamoAccountStore } from '#table/accounts/account-store';
import { DynamoContactStore } from '#table/accounts/contact-store';
import { DynamoIdentificationStore } from '#table/accounts/identification-store';
import type { Table } from '#table/core/table';
import { DynamoSupplyPointStore } from '#table/energy/supply-point-store';
import { DynamoConversionStore } from '#table/sales/conversion-store';
import { DynamoDealStore } from '#table/sales/deal-store';
import { DynamoOfferStore } from '#table/sales/dynamo-offer-store';
import { DynamoSalesSettingsStore } from '#table/sales/dynamo-sales-settings-store';
import { DynamoLeadStore } from '#table/sales/lead-store';
import { DynamoSettingReads } from '#table/settings/setting-reads';
import { DynamoSettingReferences } from '#table/settings/setting-references';
import { DynamoUserLookup } from '#table/users/users-lookup';
import { accountPorts } from './account-ports';
import { type AccountsOverrides, accountAndContactServices } from './accounts-services';
import { energyPricing, energyServices } from './energy-services';
import type { Environment } from './environment';
import { serviceDeps } from './service-deps';

/** Leads alone: what the lead webhook needs, without the rest of the sales module. */
export function leadService(
  table: Table,
  deps: ServiceDeps,
  users: UserLookup = new DynamoUserLookup(table),
) {
  return new LeadService({
    ...deps,
    users,
    leads: new DynamoLeadStore(table),
    identification: new DynamoIdentificationStore(table),
  });
}

/** The tenant's sales rules alone: what the lead pipeline reads. */
export function salesSettingsService(
  table: Table,
  deps: ServiceDeps,
  users: UserLookup = new DynamoUserLookup(table),
): SalesSettingsService {
  return new SalesSettingsService({
    ...deps,
    salesSettings: new DynamoSalesSettingsStore(table),
    users,
    settings: new DynamoSettingReferences(table),
  });
}

/**
 * Deals and offers alone: what the contracts module reads. An acceptance
 * writes the deal it wins, so the offer store keeps the settings' usage
 * counts exactly as the deal store does. Leads and conversion are left out,
 * so a function that only reads deals does not carry their phone parsing.
 */
export function dealsAndOffers(env: Pick<Environment, 'table'>, overrides: AccountsOverrides = {}) {
  const { table } = env;
  const deps = serviceDeps(table, overrides);
  const { settingUsage, settingsChanged, users } = accountPorts(table, overrides);
  const energy = energyPricing(env, deps);
  const deals = new DealService({
    ...deps,
    deals: new DynamoDealStore(table, settingUsage),
    accounts: new DynamoAccountStore(table, { settingUsage, settingsChanged }),
    contacts: new DynamoContactStore(table, { settingUsage, settingsChanged }),
    supplyPoints: new DynamoSupplyPointStore(table),
    settings: new DynamoSettingReads(table),
    users,
  });
  const salesSettings = salesSettingsService(table, deps, users);
  const offers = new OfferService({
    ...deps,
    deals,
    pricing: energy.offerPricing,
    products: energy.pricing,
    offerValidityDays: async (tenantId) =>
      (await salesSettings.get({ tenantId, userId: 'offers' })).offers.validityDays,
    offers: new DynamoOfferStore(table, settingUsage),
  });
  return { deals, salesSettings, offers };
}

/**
 * Wires leads, deals, offers and conversion to the table. A conversion
 * writes an account, contact and supply point through their own modules'
 * rules, so it gets those modules' services, wired with the same ports as
 * everywhere.
 */
export function salesServices(
  env: Pick<Environment, 'table'>,
  overrides: AccountsOverrides = {},
): SalesServices {
  const { table } = env;
  const deps = serviceDeps(table, overrides);
  const ports = accountPorts(table, overrides);
  const { settingUsage, settingsChanged, users } = ports;
  const crm = accountAndContactServices(env, { ...deps, ...ports });
  const energy = energyServices(env, { ...deps, ...ports });
  const leads = leadService(table, deps, users);
  const { deals, salesSettings, offers } = dealsAndOffers(env, { ...deps, ...ports });
  return {
    leads,
    deals,
    salesSettings,
    offers,
    conversions: new ConversionService({
      ...deps,
      leads,
      accounts: crm.accounts,
      contacts: crm.contacts,
      supplyPoints: energy.supplyPoints,
      deals,
      store: new DynamoConversionStore(table, {
        accounts: new DynamoAccountStore(table, { settingUsage, settingsChanged }),
        contacts: new DynamoContactStore(table, { settingUsage, settingsChanged }),
        supplyPoints: new DynamoSupplyPointStore(table),
        settingUsage,
        settingsChanged,
      }),
    }),
  };
}
