import { environmentObjects } from '#runtime/environment/objects';
import { environmentTable } from '#runtime/environment/table';
import { importServices } from '#runtime/import-services';
import { importWorkerHandler } from '#runtime/import-worker-handler';

const { runner } = importServices({ table: environmentTable(), objects: environmentObjects() });

/**
 * Runs queued import steps (`ImportRequested`, `ImportContinued`): reads the
 * file from the bucket, checks and writes a slice of rows, saves progress and
 * queues the next step. A stale or redelivered message changes nothing.
 */
export const handler = importWorkerHandler('import-worker', () => runner);
