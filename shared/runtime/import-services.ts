import { apiDraftChecks } from '#api/import/import-draft-checks';
import { importStepEvents } from '#domain/import/import-events';
import { ImportRunner, type RunnerLimits } from '#domain/import/import-runner';
import { ImportService } from '#domain/import/import-service';
import type { ServiceDeps } from '#domain/service-context';
import type { ObjectStore } from '#domain/storage/object-store';
import { DynamoAccountStore } from '#table/accounts/account-store';
import { DynamoContactStore } from '#table/accounts/contact-store';
import type { Table } from '#table/core/table';
import { DynamoExistingDataReader, DynamoImportStore } from '#table/import/import-store';
import { domainEventConsumer } from './queue-consumer';
import { serviceDeps } from './service-deps';

export interface ImportServices {
  /** What the API offers: announce, map, run and follow an import. */
  readonly imports: ImportService;
  /** What the worker does with a queued step. */
  readonly runner: ImportRunner;
}

export interface ImportServicesOptions extends Partial<ServiceDeps> {
  readonly limits?: Partial<RunnerLimits>;
}

/** Wires the import module's services to the table and the object store. */
export function importServices(
  table: Table,
  objects: ObjectStore,
  options: ImportServicesOptions = {},
): ImportServices {
  const { limits, ...overrides } = options;
  const deps = serviceDeps(table, overrides);
  const imports = new DynamoImportStore(table);
  return {
    imports: new ImportService({ ...deps, imports, objects }),
    runner: new ImportRunner({
      ...deps,
      imports,
      objects,
      accounts: new DynamoAccountStore(table),
      contacts: new DynamoContactStore(table),
      existing: new DynamoExistingDataReader(table),
      checks: apiDraftChecks,
      limits,
    }),
  };
}

/**
 * The import worker's queue consumer: each queued step gets the time the
 * invocation has left, so it stops and hands over before Lambda's timeout.
 */
export function importWorkerHandler(serviceName: string, runner: () => ImportRunner) {
  return domainEventConsumer({
    serviceName,
    handles: importStepEvents,
    handle: (event, time) => runner().handle(event, time),
  });
}
