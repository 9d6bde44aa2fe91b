import { objectStoreFromEnvironment } from '#adapters/storage/s3-object-store';
import { importServices, importWorkerHandler } from '#runtime/import-services';
import { tableFromEnvironment } from '#table/core/table';

const { runner } = importServices(tableFromEnvironment(), objectStoreFromEnvironment());

/**
 * Runs queued import steps (`ImportRequested`, `ImportContinued`): reads the
 * file from the bucket, checks and writes a slice of rows, saves progress and
 * queues the next step. A stale or redelivered message changes nothing.
 */
export const handler = importWorkerHandler('import-worker', () => runner);
