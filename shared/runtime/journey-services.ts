import { JourneyService } from '#domain/energy/journey-service';
import { ReadingService } from '#domain/energy/reading-service';
import type { SupplyPointService } from '#domain/energy/supply-point-service';
import type { ServiceDeps } from '#domain/service-context';
import { DynamoAccountStore } from '#table/accounts/account-store';
import type { Table } from '#table/core/table';
import { DynamoJourneyStore } from '#table/energy/journey-store';
import { DynamoReadingStore } from '#table/energy/reading-store';
import { serviceDeps } from './service-deps';

export interface JourneyServices {
  readonly readings: ReadingService;
  readonly journeys: JourneyService;
}

/**
 * Wires meter readings and customer journeys to the table. The supply point
 * service comes from the caller: supply points are their own module, and
 * both services ask it whether a supply point exists in the caller's tenant.
 */
export function journeyServices(
  table: Table,
  supplyPoints: SupplyPointService,
  overrides: Partial<ServiceDeps> = {},
): JourneyServices {
  const deps = serviceDeps(table, overrides);
  const readings = new ReadingService({ ...deps, supplyPoints, readings: new DynamoReadingStore(table) });
  return {
    readings,
    journeys: new JourneyService({
      ...deps,
      supplyPoints,
      readings,
      accounts: new DynamoAccountStore(table),
      journeys: new DynamoJourneyStore(table),
    }),
  };
}
