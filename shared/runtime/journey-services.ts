import type { JourneyServices } from '#domain/energy/energy-services';
import { JourneyService } from '#domain/energy/journey-service';
import { liveSupplyPoint } from '#domain/energy/live-supply-point';
import { ReadingService } from '#domain/energy/reading-service';
import type { SupplyPointService } from '#domain/energy/supply-point-service';
import type { ServiceDeps } from '#domain/service-context';
import { DynamoAccountStore } from '#table/accounts/account-store';
import type { Table } from '#table/core/table';
import { DynamoJourneyStore } from '#table/energy/journey-store';
import { DynamoReadingStore } from '#table/energy/reading-store';
import { DynamoSupplyPointStore } from '#table/energy/supply-point-store';
import type { Environment } from './environment';
import { missingPart } from './missing-part';
import { serviceDeps } from './service-deps';
import { supplyPointService } from './supply-point-wiring';

export interface JourneyOverrides extends Partial<ServiceDeps> {
  /** The supply point service both ask whether a supply point exists in the caller's tenant; by default one over the table. */
  readonly supplyPoints?: SupplyPointService;
}

/** Meter readings alone (field service's meter exchanges record them without journeys). */
export function readingService(
  table: Table,
  deps: ServiceDeps,
  supplyPoints: Pick<SupplyPointService, 'get'>,
): ReadingService {
  return new ReadingService({ ...deps, supplyPoints, readings: new DynamoReadingStore(table) });
}

/** Wires meter readings and customer journeys to the table. */
export function journeyServices(
  env: Pick<Environment, 'table'>,
  overrides: JourneyOverrides = {},
): JourneyServices {
  const { table } = env;
  const deps = serviceDeps(table, overrides);
  const supplyPoints = overrides.supplyPoints ?? supplyPointService(table, deps);
  const readings = readingService(table, deps, supplyPoints);
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

/**
 * Journeys that are only opened (the contracts module's supplier switches):
 * opening reads the supply point and records no reading, so the bundle
 * stays without the supply point service's rules and the reading service.
 */
export function journeyOpening(
  env: Pick<Environment, 'table'>,
  deps: ServiceDeps,
): Pick<JourneyService, 'open'> {
  const { table } = env;
  const supplyPoints = new DynamoSupplyPointStore(table);
  return new JourneyService({
    ...serviceDeps(table, deps),
    supplyPoints: { get: (actor, supplyPointId) => liveSupplyPoint(supplyPoints, actor, supplyPointId) },
    readings: missingPart<ReadingService>('meter readings'),
    accounts: new DynamoAccountStore(table),
    journeys: new DynamoJourneyStore(table),
  });
}
