import { ConversionService } from '../domain/sales/conversion-service';
import { DealService } from '../domain/sales/deal-service';
import { LeadService } from '../domain/sales/lead-service';
import type { ServiceDeps } from '../domain/service-context';
import { DynamoAccountStore } from '../table/account-store';
import { DynamoContactStore } from '../table/contact-store';
import { DynamoConversionStore } from '../table/conversion-store';
import { DynamoDealStore } from '../table/deal-store';
import { DynamoIdentificationStore } from '../table/identification-store';
import { DynamoLeadStore } from '../table/lead-store';
import { DynamoSettingsStore } from '../table/settings-store';
import { DynamoSupplyPointStore } from '../table/supply-point-store';
import type { Table } from '../table/table';
import { DynamoUserLookup } from '../table/users-lookup';
import { accountPorts } from './account-ports';
import { accountsServices } from './accounts-services';
import { energyServices } from './energy-services';
import { serviceDeps } from './service-deps';

export interface SalesServices {
  readonly leads: LeadService;
  readonly deals: DealService;
  readonly conversions: ConversionService;
}

/**
 * Wires leads, deals and conversion to the table. A conversion writes an
 * account, contact and supply point through their own modules' rules, so
 * it gets those modules' services, wired with the same ports as everywhere.
 */
export function salesServices(table: Table, overrides: Partial<ServiceDeps> = {}): SalesServices {
  const deps = serviceDeps(table, overrides);
  const ports = accountPorts(table);
  const settings = new DynamoSettingsStore(table);
  const accountStore = new DynamoAccountStore(table, { settingUsage: ports.settingUsage });
  const contactStore = new DynamoContactStore(table, { settingUsage: ports.settingUsage });
  const supplyPointStore = new DynamoSupplyPointStore(table);
  const crm = accountsServices(table, deps, ports);
  const energy = energyServices(table, deps);
  const leads = new LeadService({
    ...deps,
    leads: new DynamoLeadStore(table),
    identification: new DynamoIdentificationStore(table),
  });
  const deals = new DealService({
    ...deps,
    deals: new DynamoDealStore(table, ports.settingUsage),
    accounts: accountStore,
    contacts: contactStore,
    supplyPoints: supplyPointStore,
    settings,
    users: new DynamoUserLookup(table),
  });
  return {
    leads,
    deals,
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
