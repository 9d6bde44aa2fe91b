import { objectStoreFromEnvironment } from '../shared/adapters/storage/s3-object-store';
import { importServices, importWorkerHandler } from '../shared/runtime/import-services';
import { tableFromEnvironment } from '../shared/table/table';

const { runner } = importServices(tableFromEnvironment(), objectStoreFromEnvironment());

/**
 * Runs queued import steps (`ImportRequested`, `ImportContinued`): reads the
 * file from the bucket, checks and writes a slice of rows, saves progress and
 * queues the next step. A stale or redelivered message changes nothing.
 */
export const handler = importWorkerHandler('import-worker', () => runner);
