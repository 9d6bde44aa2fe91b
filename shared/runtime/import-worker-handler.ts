import { pickEvents } from '#domain/event-definition';
import { importEvents, importStepEvents } from '#domain/import/import-events';
import type { ImportRunner } from '#domain/import/import-runner';
import { domainEventConsumer } from './queue-consumer';

/**
 * The import worker's queue consumer: each queued step gets the time the
 * invocation has left, so it stops and hands over before Lambda's timeout.
 * Apart from the import's wiring, so the import API does not carry the
 * consumer shell.
 */
export function importWorkerHandler(serviceName: string, runner: () => ImportRunner) {
  return domainEventConsumer({
    serviceName,
    handles: pickEvents(importEvents, importStepEvents),
    handle: (event, time) => runner().handle(event, time),
  });
}
