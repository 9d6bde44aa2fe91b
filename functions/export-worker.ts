import { pickEvents } from '#domain/event-definition';
import { exportEvents } from '#domain/exports/export-events';
import { environmentObjects } from '#runtime/environment/objects';
import { environmentTable } from '#runtime/environment/table';
import { exportRunner } from '#runtime/export-runner-services';
import { domainEventConsumer } from '#runtime/queue-consumer';

const runner = exportRunner({ table: environmentTable(), objects: environmentObjects() });

/**
 * Builds a requested data-sentence export: rows streamed into the file in
 * the bucket, invalid ones into the error report. A redelivered request of
 * a completed export changes nothing; of an unfinished one, writes the same
 * file again.
 */
export const handler = domainEventConsumer({
  serviceName: 'export-worker',
  handles: pickEvents(exportEvents, ['ExportRequested']),
  handle: async (event) => {
    await runner.run(event.tenantId, event.data.job.id);
  },
});
