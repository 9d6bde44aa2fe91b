import { DealService } from '#domain/sales/deals/deal-service';
import { ConversionService } from '#domain/sales/leads/conversion-service';
import { LeadService } from '#domain/sales/leads/lead-service';
import type { OfferService } from '#domain/sales/offers/offer-service';
import { SalesSettingsService } from '#domain/sales/sales-settings-service';
import type { ServiceDeps } from '#domain/service-context';
import { DynamoAccountStore } from '#table/accounts/account-store';
import { DynamoContactStore } from '#table/accounts/contact-store';
import { DynamoIdentificationStore } from '#table/accounts/identification-store';
import type { Table } from '#table/core/table';
import { DynamoSupplyPointStore } from '#table/energy/supply-point-store';
import { DynamoConversionStore } from '#table/sales/conversion-store';
import { DynamoDealStore } from '#table/sales/deal-store';
import { DynamoSalesSettingsStore } from '#table/sales/dynamo-sales-settings-store';
import { DynamoLeadStore } from '#table/sales/lead-store';
import { DynamoSettingsStore } from '#table/settings/settings-store';
import { DynamoUserLookup } from '#table/users/users-lookup';
import { accountPorts } from './account-ports';
import { accountsServices } from './accounts-services';
import { energyServices } from './energy-services';
import { offerServices } from './offer-services';
import { serviceDeps } from './service-deps';

export interface SalesServices {
  readonly leads: LeadService;
  readonly deals: DealService;
  readonly conversions: ConversionService;
  readonly salesSettings: SalesSettingsService;
  readonly offers: OfferService;
}

/** Leads alone: what the lead webhook needs, without the rest of the sales module. */
export function leadService(table: Table, deps: ServiceDeps): LeadService {
  return new LeadService({
    ...deps,
    users: new DynamoUserLookup(table),
    leads: new DynamoLeadStore(table),
    identification: new DynamoIdentificationStore(table),
  });
}

/** The tenant's sales rules alone: what the lead pipeline reads. */
export function salesSettingsService(table: Table, deps: ServiceDeps): SalesSettingsService {
  return new SalesSettingsService({
    ...deps,
    salesSettings: new DynamoSalesSettingsStore(table),
    users: new DynamoUserLookup(table),
    settings: new DynamoSettingsStore(table),
  });
}

/**
 * Wires leads, deals and conversion to the table. A conversion writes an
 * account, contact and supply point through their own modules' rules, so
 * it gets those modules' services, wired with the same ports as everywhere.
 */
export function salesServices(table: Table, overrides: Partial<ServiceDeps> = {}): SalesServices {
  const users = new DynamoUserLookup(table);
  const deps = serviceDeps(table, overrides);
  const ports = accountPorts(table);
  const settings = new DynamoSettingsStore(table);
  const accountStore = new DynamoAccountStore(table, { settingUsage: ports.settingUsage });
  const contactStore = new DynamoContactStore(table, { settingUsage: ports.settingUsage });
  const supplyPointStore = new DynamoSupplyPointStore(table);
  const crm = accountsServices(table, deps, ports);
  const energy = energyServices(table, deps);
  const leads = leadService(table, deps);
  const deals = new DealService({
    ...deps,
    deals: new DynamoDealStore(table, ports.settingUsage),
    accounts: accountStore,
    contacts: contactStore,
    supplyPoints: supplyPointStore,
    settings,
    users,
  });
  const salesSettings = salesSettingsService(table, deps);
  const { offers } = offerServices(
    table,
    {
      deals,
      pricing: energy.offerPricing,
      products: energy.pricing,
      offerValidityDays: async (tenantId) =>
        (await salesSettings.get({ tenantId, userId: 'offers' })).offers.validityDays,
    },
    deps,
  );
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
        accounts: accountStore,
        contacts: contactStore,
        supplyPoints: supplyPointStore,
        settingUsage: ports.settingUsage,
      }),
    }),
  };
}
