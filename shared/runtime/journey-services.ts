import type { JourneyServices } from '#domain/energy/energy-services';
import { JourneyService } from '#domain/energy/journey-service';
import { ReadingService } from '#domain/energy/reading-service';
import type { SupplyPointService } from '#domain/energy/supply-point-service';
import type { ServiceDeps } from '#domain/service-context';
import { DynamoAccountStore } from '#table/accounts/account-store';
import { DynamoJourneyStore } from '#table/energy/journey-store';
import { DynamoReadingStore } from '#table/energy/reading-store';
import type { Environment } from './environment';
import { serviceDeps } from './service-deps';
import { supplyPointService } from './supply-point-wiring';

export interface JourneyOverrides extends Partial<ServiceDeps> {
  /** The supply point service both ask whether a supply point exists in the caller's tenant; by default one over the table. */
  readonly supplyPoints?: SupplyPointService;
}

/** Wires meter readings and customer journeys to the table. */
export function journeyServices(
  env: Pick<Environment, 'table'>,
  overrides: JourneyOverrides = {},
): JourneyServices {
  const { table } = env;
  const deps = serviceDeps(table, overrides);
  const supplyPoints = overrides.supplyPoints ?? supplyPointService(table, deps);
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
