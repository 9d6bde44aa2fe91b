import { ExportService } from '#domain/exports/export-service';
import type { ServiceDeps } from '#domain/service-context';
import { DynamoExportJobStore, DynamoExportSpecStore } from '#table/exports/export-store';
import type { Environment } from './environment';
import { serviceDeps } from './service-deps';

/**
 * Wires the data-sentence specifications and export requests to the table
 * and the files bucket. The spreadsheet writer is the export worker's
 * alone (`export-runner-services.ts`), so the API does not carry it.
 */
export function exportService(
  env: Pick<Environment, 'table' | 'objects'>,
  overrides: Partial<ServiceDeps> = {},
): ExportService {
  const { table, objects } = env;
  return new ExportService({
    ...serviceDeps(table, overrides),
    specs: new DynamoExportSpecStore(table),
    jobs: new DynamoExportJobStore(table),
    objects,
  });
}
