import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { Logger } from '@aws-lambda-powertools/logger';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { apiDraftChecks } from '#api/import/import-draft-checks';
import type { DomainEvent } from '#domain/events';
import { type Budget, ImportRunner, type RunnerLimits } from '#domain/import/import-runner';
import { ImportService } from '#domain/import/import-service';
import type { ServiceDeps } from '#domain/service-context';
import type { ObjectStore } from '#domain/storage/object-store';
import { DynamoAccountStore } from '#table/accounts/account-store';
import { DynamoContactStore } from '#table/accounts/contact-store';
import type { Table } from '#table/core/table';
import { DynamoExistingDataReader, DynamoImportStore } from '#table/import/import-store';
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

/** The envelope EventBridge puts on the queue; `detail` is the domain event. */
interface BusEnvelope {
  readonly detail: DomainEvent;
}

/** Without a Lambda context (a direct call), a step takes as long as Lambda's longest invocation. */
const defaultInvocationMs = 15 * 60 * 1000;

/**
 * The import worker's queue consumer: like `domainEventConsumer`, one record
 * at a time with partial batch failures, but it hands the step the time the
 * invocation has left, so a step stops and hands over before Lambda's timeout.
 */
export function importWorkerHandler(serviceName: string, runner: () => ImportRunner) {
  const logger = new Logger({ serviceName });
  const processor = new BatchProcessor(EventType.SQS);
  const recordHandler = async (record: SQSRecord, context?: Context) => {
    const started = Date.now();
    const budget: Budget = {
      remainingMs: () => context?.getRemainingTimeInMillis() ?? defaultInvocationMs - (Date.now() - started),
    };
    const envelope = JSON.parse(record.body) as BusEnvelope;
    await runner().handle(envelope.detail, budget);
  };
  return async (event: SQSEvent, context: Context) =>
    processPartialResponse(event, recordHandler, processor, { context }).catch((error: unknown) => {
      logger.error('batch failed', { error: error as Error, size: event.Records.length });
      throw error;
    });
}
