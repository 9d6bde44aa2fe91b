import { SupplyPointService } from '#domain/energy/supply-point-service';
import type { ServiceDeps } from '#domain/service-context';
import { DynamoAccountStore } from '#table/accounts/account-store';
import type { Table } from '#table/core/table';
import { DynamoReferenceTables } from '#table/energy/reference-tables-store';
import { DynamoSupplyPointStore } from '#table/energy/supply-point-store';
import { DynamoTerritoryStore } from '#table/energy/territory-store';

/** Supply points over the table; they only read accounts (for their billing copy). */
export function supplyPointService(table: Table, deps: ServiceDeps): SupplyPointService {
  return new SupplyPointService({
    ...deps,
    accounts: new DynamoAccountStore(table),
    territories: new DynamoTerritoryStore(table),
    tables: new DynamoReferenceTables(table),
    supplyPoints: new DynamoSupplyPointStore(table),
  });
}
